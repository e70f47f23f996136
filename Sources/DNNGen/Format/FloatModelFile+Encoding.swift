extension FloatModelFile {
    /// The bytes of `model` as a float model file; `decode(encode(m), file:) == m` for every valid model.
    ///
    /// The graph lists keys in the order name, input (shape, scale), layers (name, op, weight,
    /// bias, stride, padding, kernel, activation) and writes every default explicitly. Tensors are
    /// stored once each as `F32`, in order of first reference (the first of two same-named
    /// tensors wins). Deterministic: the same model always gives the same bytes.
    public static func encode(_ model: FloatModel) -> [UInt8] {
        var tensors: [SafeTensor] = []
        var stored: Set<String> = []
        func store(_ tensor: FloatTensor?) {
            guard let tensor, stored.insert(tensor.name).inserted else { return }
            tensors.append(SafeTensor(name: tensor.name, dtype: .f32, shape: tensor.shape, data: .floats(tensor.values)))
        }
        for layer in model.layers {
            switch layer.op {
            case .dense(let dense):
                store(dense.weight)
                store(dense.bias)
            case .conv2d(let conv):
                store(conv.weight)
                store(conv.bias)
            case .maxpool2d, .flatten:
                break
            }
        }
        let metadata = ["format": formatName, "version": version, "graph": graphJSON(for: model).serialized()]
        return SafeTensors.encode(SafeTensorsFile(metadata: metadata, tensors: tensors))
    }

    /// The graph of `model` as JSON, keys in the documented order, defaults written out.
    static func graphJSON(for model: FloatModel) -> JSONValue {
        let input: JSONValue = [
            "shape": .array(model.inputShape.map { .int($0) }),
            "scale": .double(model.inputScale),
        ]
        return ["name": .string(model.name), "input": input, "layers": .array(model.layers.map(layerJSON))]
    }

    private static func layerJSON(_ layer: FloatLayer) -> JSONValue {
        var members = [
            JSONMember(key: "name", value: .string(layer.name)),
            JSONMember(key: "op", value: .string(layer.op.opName)),
        ]
        func add(_ key: String, _ value: JSONValue) {
            members.append(JSONMember(key: key, value: value))
        }
        func pair(_ values: [Int]) -> JSONValue { .array(values.map { .int($0) }) }
        func activation(_ relu: Bool) -> JSONValue { .string(relu ? "relu" : "none") }
        switch layer.op {
        case .dense(let dense):
            add("weight", .string(dense.weight.name))
            if let bias = dense.bias { add("bias", .string(bias.name)) }
            add("activation", activation(dense.relu))
        case .conv2d(let conv):
            add("weight", .string(conv.weight.name))
            if let bias = conv.bias { add("bias", .string(bias.name)) }
            add("stride", pair(conv.stride))
            add("padding", pair(conv.padding))
            add("activation", activation(conv.relu))
        case .maxpool2d(let pool):
            add("stride", pair(pool.stride))
            add("kernel", pair(pool.kernel))
        case .flatten:
            break
        }
        return .object(members)
    }
}
