extension FloatModelFile {
    /// The bytes of `model` as a float model file; `decode(encode(m), file:) == m` for every valid model.
    ///
    /// The graph lists keys in the order name, input (shape, scale), layers (name, op, weight,
    /// bias, stride, padding, kernel, activation) and writes every default explicitly. Tensors are
    /// stored once each as `F32`, in order of first reference (the first of two same-named
    /// tensors wins). Deterministic: the same model always gives the same bytes.
    public static func encode(_ model: FloatModel) -> [UInt8] {
        var tensors: [SafeTensor] = []
        func store(_ tensor: FloatTensor?) {
            guard let tensor else { return }
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
        return ModelContainer.encode(format: formatName, version: version, graph: graphJSON(for: model), tensors: tensors)
    }

    /// The graph of `model` as JSON, keys in the documented order, defaults written out.
    static func graphJSON(for model: FloatModel) -> JSONValue {
        let input: JSONValue = [
            "shape": .array(model.inputShape.map { .int($0) }),
            "scale": .double(model.inputScale),
        ]
        return ModelContainer.graphJSON(name: model.name, input: input, layers: model.layers.map(layerJSON))
    }

    private static func layerJSON(_ layer: FloatLayer) -> JSONValue {
        var json = ModelContainer.LayerJSON(name: layer.name, op: layer.op.opName)
        func activation(_ relu: Bool) -> JSONValue { .string(relu ? "relu" : "none") }
        switch layer.op {
        case .dense(let dense):
            json.addTensors(weight: dense.weight.name, bias: dense.bias?.name)
            json.add("activation", activation(dense.relu))
        case .conv2d(let conv):
            json.addTensors(weight: conv.weight.name, bias: conv.bias?.name)
            json.addGeometry(stride: conv.stride, padding: conv.padding)
            json.add("activation", activation(conv.relu))
        case .maxpool2d(let pool):
            json.addPool(pool)
        case .flatten:
            break
        }
        return json.value
    }
}
