/// What `model.bin` and float model files share, read once for both: the safetensors container,
/// the metadata (`format`, `version`, `graph`), the graph's root (`name`, `input`, `layers`), the
/// input shape, and the layer objects with their unique, non-empty names.
///
/// Each format's reader then checks its own input keys and layer ops on these objects, so the
/// two formats give the same messages for the same fault.
struct ModelContainer {
    /// Which kind of model file is expected.
    struct Kind {
        /// The `format` metadata value.
        var formatName: String
        /// The `version` values this code reads.
        var versions: [String]
        /// How the kind is called in messages: "model", "float model".
        var noun: String
        /// The keys of the graph's `input` object, and how they are described when another is found.
        var inputKeys: [String]
        var inputOwner: String?
        /// A hint when the file is another known kind (`format` value to hint).
        var otherKinds: [String: String] = [:]
    }

    /// Keys the format reserves for later versions: refused with their own message.
    static let reservedKeys = ["inputs", "groups"]

    let file: String
    /// The version the file declares (one of `kind.versions`).
    let version: String
    /// The container's tensors by name (names are unique: the JSON parser rejects duplicate keys).
    let tensors: [String: SafeTensor]
    /// The graph's `name`.
    let name: String
    /// The graph's `input` object, its keys checked against `kind.inputKeys`.
    let input: GraphObject
    /// The input shape: `[n]` or `[C, H, W]` of positive integers, at most `ModelFile.maximumActivationCount` elements.
    let inputShape: [Int]
    /// One object a layer, in order, each located by its (unique, non-empty) name.
    let layers: [GraphObject]

    /// Decodes the container and the parts of the graph both formats share; never traps.
    ///
    /// - Throws: one `ModelFormatError` naming `file` and the field at fault.
    init(bytes: [UInt8], file: String, kind: Kind) throws(ModelFormatError) {
        self.file = file
        let container = try SafeTensors.decode(bytes, file: file)
        tensors = Dictionary(container.tensors.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        (version, name, input, layers) = try Self.graph(container.metadata, file: file, kind: kind)
        inputShape = try Self.inputShape(input)
    }

    private static func graph(_ metadata: [String: String], file: String, kind: Kind)
        throws(ModelFormatError) -> (String, String, GraphObject, [GraphObject])
    {
        func fail(_ message: String) -> ModelFormatError { ModelFormatError(file: file, message) }
        guard let format = metadata["format"] else {
            throw fail("metadata has no 'format' (not a dnngen \(kind.noun) file)")
        }
        guard format == kind.formatName else {
            let hint = kind.otherKinds[format].map { " (\($0))" } ?? ""
            throw fail("metadata 'format' is '\(format)', expected '\(kind.formatName)'\(hint)")
        }
        guard let version = metadata["version"] else { throw fail("metadata has no 'version'") }
        guard kind.versions.contains(version) else {
            let versions = kind.versions.joined(separator: " and ")
            throw fail("metadata 'version' is '\(version)', but this dnngen reads \(kind.noun) version \(versions)")
        }
        guard let text = metadata["graph"] else { throw fail("metadata has no 'graph'") }
        let graph: JSONValue
        do {
            graph = try JSONValue.parse(text)
        } catch {
            throw fail("metadata 'graph' is not valid JSON: \(error)")
        }
        guard let members = graph.objectMembers else {
            throw fail("graph must be a JSON object, found \(GraphObject.describe(graph))")
        }
        let root = GraphObject(members: members, file: file, layer: nil, context: "graph")
        try root.checkKeys(allowed: ["name", "input", "layers"], reserved: reservedKeys)
        let name = try root.string("name")
        let input = try root.object("input")
        try input.checkKeys(allowed: kind.inputKeys, allowedFor: kind.inputOwner)
        return (version, name, input, try layerObjects(root))
    }

    /// The `layers` array: objects with unique non-empty names, at least one.
    private static func layerObjects(_ root: GraphObject) throws(ModelFormatError) -> [GraphObject] {
        let layersValue = try root.required("layers")
        guard let layerValues = layersValue.arrayValue else {
            throw root.error("'layers' must be an array, found \(GraphObject.describe(layersValue))")
        }
        guard !layerValues.isEmpty else { throw root.error("'layers' is empty; a model needs at least one layer") }
        var layers: [GraphObject] = []
        var indexOfName: [String: Int] = [:]
        for (index, value) in layerValues.enumerated() {
            guard let members = value.objectMembers else {
                throw root.error("layers[\(index)] must be an object, found \(GraphObject.describe(value))")
            }
            let unnamed = GraphObject(members: members, file: root.file, layer: nil, context: "graph: layers[\(index)]")
            let layerName = try unnamed.string("name")
            guard !layerName.isEmpty else { throw unnamed.error("'name' must not be empty") }
            if let first = indexOfName[layerName] {
                throw ModelFormatError(file: root.file, layer: layerName, "duplicate layer name (layers[\(first)] and layers[\(index)])")
            }
            indexOfName[layerName] = index
            layers.append(GraphObject(members: members, file: root.file, layer: layerName, context: ""))
        }
        return layers
    }

    /// `input.shape`: `[n]` or `[C, H, W]`, positive, at most `ModelFile.maximumActivationCount` elements.
    private static func inputShape(_ input: GraphObject) throws(ModelFormatError) -> [Int] {
        let value = try input.required("shape")
        guard let elements = value.arrayValue, elements.count == 1 || elements.count == 3 else {
            throw input.error("'shape' must be [n] or [C, H, W], found \(GraphObject.describe(value))")
        }
        var shape: [Int] = []
        var count = 1
        for element in elements {
            let dimension = try GraphObject.int(element, key: "shape", in: input)
            guard dimension >= 1 else {
                throw input.error("'shape' \(value.serialized()) must hold positive integers")
            }
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            guard !overflow, product <= ModelFile.maximumActivationCount else {
                throw input.error("'shape' \(value.serialized()) has more than \(ModelFile.maximumActivationCount) elements")
            }
            count = product
            shape.append(dimension)
        }
        return shape
    }

    /// The tensor named by `object[key]`, which must be in the file.
    func tensor(_ object: GraphObject, key: String) throws(ModelFormatError) -> SafeTensor {
        let name = try object.string(key)
        guard let tensor = tensors[name] else {
            throw object.error("\(key) tensor '\(name)' is not in the file")
        }
        return tensor
    }

    /// Decodes a model file of either kind: the container, the model `read` builds from it, then
    /// its layers' shapes chained (`inferShapes`), a shape fault named in `file`.
    static func decodeModel<Model>(
        _ bytes: [UInt8], file: String, kind: Kind,
        read: (ModelContainer) throws(ModelFormatError) -> Model,
        inferShapes: (Model) throws(GraphError) -> Void
    ) throws(ModelFormatError) -> Model {
        let model = try read(try ModelContainer(bytes: bytes, file: file, kind: kind))
        do {
            try inferShapes(model)
        } catch {
            throw error.inFile(file)
        }
        return model
    }

    /// The optional `stride` and `padding` of a conv2d layer, defaulting to `[1, 1]` and `[0, 0]`.
    static func convGeometry(_ layer: GraphObject) throws(ModelFormatError) -> (stride: [Int], padding: [Int]) {
        let stride = layer.optional("stride") == nil ? [1, 1] : try layer.pair("stride", minimum: 1)
        let padding = layer.optional("padding") == nil ? [0, 0] : try layer.pair("padding", minimum: 0)
        return (stride, padding)
    }

    /// The ops both formats share without weights: `maxpool2d` and `flatten`; any other op than
    /// these and `dense` and `conv2d` (read by each format) is unknown.
    static func weightlessOp<Dense, Conv>(_ opName: String, _ layer: GraphObject) throws(ModelFormatError)
        -> GraphOp<Dense, Conv>
    {
        switch opName {
        case "maxpool2d":
            try layer.checkKeys(allowed: ["name", "op", "stride", "kernel"], reserved: reservedKeys,
                                allowedFor: "a maxpool2d layer")
            let stride = layer.optional("stride") == nil ? nil : try layer.pair("stride", minimum: 1)
            let kernel = try layer.pair("kernel", minimum: 1)
            return .maxpool2d(MaxPool2DLayer(kernel: kernel, stride: stride ?? kernel))
        case "flatten":
            try layer.checkKeys(allowed: ["name", "op"], reserved: reservedKeys, allowedFor: "a flatten layer")
            return .flatten
        default:
            throw layer.error("unknown op '\(opName)' (expected dense, conv2d, maxpool2d or flatten)")
        }
    }
}
