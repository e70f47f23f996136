/// What `model.bin` and float model files write alike: the container (metadata and tensors) and
/// the layer fields both graphs have, in the documented key order. Each format adds its own
/// input keys and layer fields, so a field both share is written the same way in both.
extension ModelContainer {
    /// The bytes of a model file: `format`, `version` and the graph (`name`, `input`, `layers`) as
    /// metadata; each tensor stored once, in order of first reference (the first of two
    /// same-named tensors wins). Deterministic: the same arguments always give the same bytes.
    static func encode(format: String, version: String, graph: JSONValue, tensors: [SafeTensor]) -> [UInt8] {
        var stored: Set<String> = []
        let unique = tensors.filter { stored.insert($0.name).inserted }
        let metadata = ["format": format, "version": version, "graph": graph.serialized()]
        return SafeTensors.encode(SafeTensorsFile(metadata: metadata, tensors: unique))
    }

    /// The graph's root object: `name`, `input`, `layers`, in that order.
    static func graphJSON(name: String, input: JSONValue, layers: [JSONValue]) -> JSONValue {
        ["name": .string(name), "input": input, "layers": .array(layers)]
    }

    /// One layer's JSON members, in the documented key order.
    struct LayerJSON {
        private(set) var members: [JSONMember]

        /// Starts with the layer's `name` and `op`.
        init(name: String, op: String) {
            members = [JSONMember(key: "name", value: .string(name)), JSONMember(key: "op", value: .string(op))]
        }

        mutating func add(_ key: String, _ value: JSONValue) {
            members.append(JSONMember(key: key, value: value))
        }

        /// `weight` and, when there is one, `bias`, by tensor name.
        mutating func addTensors(weight: String, bias: String?) {
            add("weight", .string(weight))
            if let bias { add("bias", .string(bias)) }
        }

        /// A conv2d layer's `stride` and `padding`.
        mutating func addGeometry(stride: [Int], padding: [Int]) {
            add("stride", Self.pair(stride))
            add("padding", Self.pair(padding))
        }

        /// A maxpool2d layer's `stride` and `kernel`.
        mutating func addPool(_ pool: MaxPool2DLayer) {
            add("stride", Self.pair(pool.stride))
            add("kernel", Self.pair(pool.kernel))
        }

        var value: JSONValue { .object(members) }

        private static func pair(_ values: [Int]) -> JSONValue { .array(values.map { .int($0) }) }
    }
}
