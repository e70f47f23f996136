extension ModelFile {
    /// The bytes of `model` as a model file; `decode(encode(m), file:) == m` for every valid model.
    ///
    /// The graph JSON lists keys in the spec's order (name, input, layers; per layer name, op,
    /// weight, bias, stride, padding, kernel, weight_bits, weight_kind, requant, output) and writes
    /// every default explicitly. Tensors are stored once each, in order of first reference, with
    /// the dtype their `IntTensor.dtype` names (I64 if it names none we write). Two different
    /// tensors with the same name cannot both be stored: the first one referenced wins.
    /// Deterministic: the same model always gives the same bytes.
    public static func encode(_ model: Model) -> [UInt8] {
        var tensors: [SafeTensor] = []
        func store(_ tensor: IntTensor) {
            let dtype = SafeTensorsDType(rawValue: tensor.dtype).flatMap { $0.isInteger ? $0 : nil } ?? .i64
            tensors.append(SafeTensor(name: tensor.name, dtype: dtype, shape: tensor.shape, data: .integers(tensor.values)))
        }
        for layer in model.layers {
            switch layer.op {
            case .dense(let dense):
                store(dense.weight)
                dense.bias.map(store)
                storeRequant(dense.requant, store)
            case .conv2d(let conv):
                store(conv.weight)
                conv.bias.map(store)
                storeRequant(conv.requant, store)
            case .maxpool2d, .flatten:
                break
            }
        }
        return ModelContainer.encode(format: formatName, version: hasZeroPoints(model) ? zeroPointVersion : version,
                                     graph: graphJSON(for: model), tensors: tensors)
    }

    private static func storeRequant(_ requant: Requant, _ store: (IntTensor) -> Void) {
        if case .perChannel(let tensor) = requant.multiplier { store(tensor) }
        if case .perChannel(let tensor) = requant.shift { store(tensor) }
    }

    /// The graph of `model` as the spec's JSON, keys in the spec's order, defaults written out.
    static func graphJSON(for model: Model) -> JSONValue {
        let input: JSONValue = [
            "shape": .array(model.inputShape.map { .int($0) }),
            "bits": .int(model.inputType.bits),
            "signed": .bool(model.inputType.signed),
        ]
        return ModelContainer.graphJSON(name: model.name, input: input, layers: model.layers.map(layerJSON))
    }

    private static func layerJSON(_ layer: Layer) -> JSONValue {
        var json = ModelContainer.LayerJSON(name: layer.name, op: layer.op.opName)
        func addArithmetic(bits: Int, kind: WeightKind, requant: Requant, output: ActivationType) {
            json.add("weight_bits", .int(bits))
            json.add("weight_kind", .string(kind.rawValue))
            json.add("requant", requantJSON(requant))
            json.add("output", activationJSON(output))
        }
        switch layer.op {
        case .dense(let dense):
            json.addTensors(weight: dense.weight.name, bias: dense.bias?.name)
            addArithmetic(bits: dense.weightBits, kind: dense.weightKind, requant: dense.requant, output: dense.output)
        case .conv2d(let conv):
            json.addTensors(weight: conv.weight.name, bias: conv.bias?.name)
            json.addGeometry(stride: conv.stride, padding: conv.padding)
            addArithmetic(bits: conv.weightBits, kind: conv.weightKind, requant: conv.requant, output: conv.output)
        case .maxpool2d(let pool):
            json.addPool(pool)
        case .flatten:
            break
        }
        return json.value
    }

    private static func requantJSON(_ requant: Requant) -> JSONValue {
        func value(_ value: RequantValue) -> JSONValue {
            switch value {
            case .perLayer(let number): return .int(number)
            case .perChannel(let tensor): return .string(tensor.name)
            }
        }
        return [
            "multiplier": value(requant.multiplier),
            "shift": value(requant.shift),
            "rounding": .string(requant.rounding.rawValue),
        ]
    }

    private static func activationJSON(_ type: ActivationType) -> JSONValue {
        if type.zeroPoint == 0 { return ["bits": .int(type.bits), "signed": .bool(type.signed)] }
        return ["bits": .int(type.bits), "signed": .bool(type.signed), "zero_point": .int(type.zeroPoint)]
    }

    /// Whether any layer's output has a zero point, which needs format version 2.
    static func hasZeroPoints(_ model: Model) -> Bool {
        model.layers.contains { layer in
            switch layer.op {
            case .dense(let dense): return dense.output.zeroPoint != 0
            case .conv2d(let conv): return conv.output.zeroPoint != 0
            case .maxpool2d, .flatten: return false
            }
        }
    }
}
