/// Turns a float model's graph JSON and the container's tensors into a `FloatModel`, checking
/// every key and value.
///
/// Layers are read in order; within a layer, fields in the documented order (weight, bias,
/// stride, padding, kernel, activation), so the first fault is the one reported. Integer-model
/// fields (`bits`, `signed`, `weight_bits`, `requant`, `output`, …) are unknown keys here.
struct FloatGraphReader {
    static let activations = ["relu": true, "none": false]

    let file: String
    let tensors: [String: SafeTensor]

    init(file: String, container: SafeTensorsFile) {
        self.file = file
        self.tensors = Dictionary(container.tensors.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func model(from graph: JSONValue) throws(ModelFormatError) -> FloatModel {
        guard let members = graph.objectMembers else {
            throw ModelFormatError(file: file, "graph must be a JSON object, found \(GraphObject.describe(graph))")
        }
        let root = GraphObject(members: members, file: file, layer: nil, context: "graph")
        try root.checkKeys(allowed: ["name", "input", "layers"], reserved: GraphReader.reservedKeys)
        let name = try root.string("name")

        let input = try root.object("input")
        try input.checkKeys(allowed: ["shape", "scale"], allowedFor: "a float model's input (it has no integer type)")
        let inputShape = try self.inputShape(input)
        var scale = 1.0
        if let value = input.optional("scale") {
            guard let number = value.doubleValue, number.isFinite, number > 0 else {
                throw input.error("'scale' must be a positive finite number, found \(GraphObject.describe(value))")
            }
            scale = number
        }

        let layersValue = try root.required("layers")
        guard let layerValues = layersValue.arrayValue else {
            throw root.error("'layers' must be an array, found \(GraphObject.describe(layersValue))")
        }
        var layers: [FloatLayer] = []
        var indexOfName: [String: Int] = [:]
        for (index, value) in layerValues.enumerated() {
            guard let layerMembers = value.objectMembers else {
                throw root.error("layers[\(index)] must be an object, found \(GraphObject.describe(value))")
            }
            let unnamed = GraphObject(members: layerMembers, file: file, layer: nil, context: "graph: layers[\(index)]")
            let layerName = try unnamed.string("name")
            guard !layerName.isEmpty else { throw unnamed.error("'name' must not be empty") }
            if let first = indexOfName[layerName] {
                throw ModelFormatError(file: file, layer: layerName, "duplicate layer name (layers[\(first)] and layers[\(index)])")
            }
            indexOfName[layerName] = index
            let object = GraphObject(members: layerMembers, file: file, layer: layerName, context: "")
            layers.append(FloatLayer(name: layerName, op: try op(object)))
        }
        return FloatModel(name: name, inputShape: inputShape, inputScale: scale, layers: layers)
    }

    private func inputShape(_ input: GraphObject) throws(ModelFormatError) -> [Int] {
        let value = try input.required("shape")
        guard let elements = value.arrayValue, elements.count == 1 || elements.count == 3 else {
            throw input.error("'shape' must be [n] or [C, H, W], found \(GraphObject.describe(value))")
        }
        var shape: [Int] = []
        for element in elements {
            let dimension = try GraphObject.int(element, key: "shape", in: input)
            guard dimension >= 1 else { throw input.error("'shape' \(value.serialized()) must hold positive integers") }
            shape.append(dimension)
        }
        return shape  // its size is checked by FloatModel.inferShapes
    }

    private func op(_ layer: GraphObject) throws(ModelFormatError) -> FloatLayerOp {
        let opName = try layer.string("op")
        switch opName {
        case "dense":
            try layer.checkKeys(allowed: ["name", "op", "weight", "bias", "activation"],
                                reserved: GraphReader.reservedKeys, allowedFor: "a float dense layer")
            let weight = try floatTensor(layer, key: "weight", expected: "[out, in]", rank: 2)
            let bias = try biasTensor(layer, outputs: weight.shape[0])
            return .dense(FloatDenseLayer(weight: weight, bias: bias, relu: try activation(layer)))
        case "conv2d":
            try layer.checkKeys(allowed: ["name", "op", "weight", "bias", "stride", "padding", "activation"],
                                reserved: GraphReader.reservedKeys, allowedFor: "a float conv2d layer")
            let weight = try floatTensor(layer, key: "weight", expected: "[K, C, kh, kw]", rank: 4)
            let bias = try biasTensor(layer, outputs: weight.shape[0])
            let stride = layer.optional("stride") == nil ? [1, 1] : try layer.pair("stride", minimum: 1)
            let padding = layer.optional("padding") == nil ? [0, 0] : try layer.pair("padding", minimum: 0)
            return .conv2d(FloatConv2DLayer(weight: weight, bias: bias, stride: stride, padding: padding,
                                            relu: try activation(layer)))
        case "maxpool2d":
            try layer.checkKeys(allowed: ["name", "op", "stride", "kernel"], reserved: GraphReader.reservedKeys,
                                allowedFor: "a maxpool2d layer")
            let stride = layer.optional("stride") == nil ? nil : try layer.pair("stride", minimum: 1)
            let kernel = try layer.pair("kernel", minimum: 1)
            return .maxpool2d(MaxPool2DLayer(kernel: kernel, stride: stride ?? kernel))
        case "flatten":
            try layer.checkKeys(allowed: ["name", "op"], reserved: GraphReader.reservedKeys, allowedFor: "a flatten layer")
            return .flatten
        default:
            throw layer.error("unknown op '\(opName)' (expected \(GraphReader.opNames))")
        }
    }

    /// The optional `activation`: `relu` or `none` (the default).
    private func activation(_ layer: GraphObject) throws(ModelFormatError) -> Bool {
        guard layer.optional("activation") != nil else { return false }
        let name = try layer.string("activation")
        guard let relu = Self.activations[name] else {
            throw layer.error("'activation' '\(name)' is not one of relu, none")
        }
        return relu
    }

    /// The `F32` tensor named by `layer[key]`: `rank` dimensions of at least 1, finite values.
    private func floatTensor(_ layer: GraphObject, key: String, expected: String, rank: Int)
        throws(ModelFormatError) -> FloatTensor
    {
        let name = try layer.string(key)
        guard let tensor = tensors[name] else {
            throw layer.error("\(key) tensor '\(name)' is not in the file")
        }
        guard case .floats(let values) = tensor.data else {
            throw layer.error("\(key) '\(name)' has dtype \(tensor.dtype.rawValue), expected F32 (a float model)")
        }
        guard tensor.shape.count == rank, tensor.shape.allSatisfy({ $0 >= 1 }) else {
            throw layer.error("\(key) '\(name)' has shape \(tensor.shape), expected \(expected) with every dimension at least 1")
        }
        if let bad = values.firstIndex(where: { !$0.isFinite }) {
            throw layer.error("\(key) '\(name)' value \(values[bad]) at \(GraphReader.multiIndex(bad, shape: tensor.shape)) is not finite")
        }
        return FloatTensor(name: name, shape: tensor.shape, values: values)
    }

    /// The optional `bias`: `F32`, shape `[outputs]`, finite values.
    private func biasTensor(_ layer: GraphObject, outputs: Int) throws(ModelFormatError) -> FloatTensor? {
        guard layer.optional("bias") != nil else { return nil }
        let bias = try floatTensor(layer, key: "bias", expected: "[\(outputs)]", rank: 1)
        guard bias.shape == [outputs] else {
            throw layer.error("bias '\(bias.name)' has shape \(bias.shape), expected [\(outputs)]")
        }
        return bias
    }
}
