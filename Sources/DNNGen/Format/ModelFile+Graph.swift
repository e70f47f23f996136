/// Turns the graph JSON and the container's tensors into a `Model`, checking every key and value.
///
/// Layers are read in order; within a layer, fields in the spec's order (weight, bias, stride,
/// padding, kernel, weight_bits, weight_kind, requant, output), so the first fault is reported.
struct GraphReader {
    let container: ModelContainer

    var tensors: [String: SafeTensor] { container.tensors }

    func model() throws(ModelFormatError) -> Model {
        var layers: [Layer] = []
        for object in container.layers {
            layers.append(Layer(name: object.layer ?? "", op: try op(object)))
        }
        return Model(name: container.name, inputShape: container.inputShape, inputType: try activationType(container.input),
                     layers: layers)
    }

    // MARK: activation types

    /// `{"bits": b, "signed": s}`, reading from an object whose keys the caller has checked.
    private func activationType(_ object: GraphObject) throws(ModelFormatError) -> ActivationType {
        let bits = try object.int("bits")
        guard (1...16).contains(bits) else { throw object.error("'bits' \(bits) is out of range 1...16") }
        return ActivationType(bits: bits, signed: try object.bool("signed"))
    }

    private func outputType(_ layer: GraphObject) throws(ModelFormatError) -> ActivationType {
        let output = try layer.object("output")
        // Version 2 lets an output carry the zero point its requantization adds.
        let allowsZeroPoint = container.version == ModelFile.zeroPointVersion
        try output.checkKeys(allowed: allowsZeroPoint ? ["bits", "signed", "zero_point"] : ["bits", "signed"])
        var type = try activationType(output)
        if output.optional("zero_point") != nil {
            let zeroPoint = try output.int("zero_point")
            guard type.contains(zeroPoint) else {
                throw output.error("'zero_point' \(zeroPoint) is outside the output type's range [\(type.min), \(type.max)]")
            }
            type.zeroPoint = zeroPoint
        }
        return type
    }

    // MARK: layers

    private func op(_ layer: GraphObject) throws(ModelFormatError) -> LayerOp {
        let opName = try layer.string("op")
        switch opName {
        case "dense":
            try layer.checkKeys(allowed: ["name", "op", "weight", "bias", "weight_bits", "weight_kind", "requant", "output"],
                                reserved: ModelContainer.reservedKeys, allowedFor: "a dense layer")
            let weight = try weightTensor(layer, expected: "[out, in]", rank: 2)
            let bias = try biasTensor(layer, outputs: weight.shape[0])
            let (bits, kind) = try weightFormat(layer)
            try checkWeightValues(weight, bits: bits, kind: kind, in: layer)
            return .dense(DenseLayer(weight: weight, bias: bias, weightBits: bits, weightKind: kind,
                                     requant: try requant(layer, outputs: weight.shape[0]),
                                     output: try outputType(layer)))
        case "conv2d":
            try layer.checkKeys(allowed: ["name", "op", "weight", "bias", "stride", "padding", "weight_bits", "weight_kind",
                                          "requant", "output"],
                                reserved: ModelContainer.reservedKeys, allowedFor: "a conv2d layer")
            let weight = try weightTensor(layer, expected: "[K, C, kh, kw]", rank: 4)
            let bias = try biasTensor(layer, outputs: weight.shape[0])
            let (stride, padding) = try ModelContainer.convGeometry(layer)
            let (bits, kind) = try weightFormat(layer)
            try checkWeightValues(weight, bits: bits, kind: kind, in: layer)
            return .conv2d(Conv2DLayer(weight: weight, bias: bias, stride: stride, padding: padding,
                                       weightBits: bits, weightKind: kind,
                                       requant: try requant(layer, outputs: weight.shape[0]),
                                       output: try outputType(layer)))
        default:
            return try ModelContainer.weightlessOp(opName, layer)
        }
    }

    /// `weight_bits` and the optional `weight_kind` (default `int`), checked against each other.
    private func weightFormat(_ layer: GraphObject) throws(ModelFormatError) -> (Int, WeightKind) {
        let bits = try layer.int("weight_bits")
        guard (1...16).contains(bits) else { throw layer.error("'weight_bits' \(bits) is out of range 1...16") }
        var kind = WeightKind.int
        if layer.optional("weight_kind") != nil {
            let kindName = try layer.string("weight_kind")
            guard let named = WeightKind(rawValue: kindName) else {
                let kinds = WeightKind.allCases.map(\.rawValue).joined(separator: ", ")
                throw layer.error("'weight_kind' '\(kindName)' is not one of \(kinds)")
            }
            kind = named
        }
        guard kind.allowedBits.contains(bits) else {
            let allowed = kind.allowedBits.count == 1 ? "\(kind.allowedBits.lowerBound)" : "\(kind.allowedBits)"
            throw layer.error("'weight_bits' \(bits) is not allowed for weight_kind '\(kind.rawValue)' (allowed: \(allowed))")
        }
        return (bits, kind)
    }

    private func requant(_ layer: GraphObject, outputs: Int) throws(ModelFormatError) -> Requant {
        let object = try layer.object("requant")
        try object.checkKeys(allowed: ["multiplier", "shift", "rounding"])
        let multiplier = try requantValue(object, key: "multiplier", range: 1...(1 << 31) - 1,
                                          rangeText: "1 <= m < 2^31", outputs: outputs)
        let shift = try requantValue(object, key: "shift", range: 0...62, rangeText: "0 <= s <= 62", outputs: outputs)
        var rounding = Rounding.halfUp
        if object.optional("rounding") != nil {
            let name = try object.string("rounding")
            guard let named = Rounding(rawValue: name) else {
                let names = Rounding.allCases.map(\.rawValue).joined(separator: ", ")
                throw object.error("'rounding' '\(name)' is not one of \(names)")
            }
            rounding = named
        }
        return Requant(multiplier: multiplier, shift: shift, rounding: rounding)
    }

    /// An integer for the whole layer, or the name of an `[outputs]` tensor with one per channel.
    private func requantValue(_ object: GraphObject, key: String, range: ClosedRange<Int>, rangeText: String,
                              outputs: Int) throws(ModelFormatError) -> RequantValue
    {
        let value = try object.required(key)
        switch value {
        case .int(let number):
            guard range.contains(number) else { throw object.error("'\(key)' \(number) is out of range (\(rangeText))") }
            return .perLayer(number)
        case .string:
            let tensor = try intTensor(object, key: key, role: key)
            try checkShape(tensor, role: key, expected: [outputs], in: object)
            try checkValues(tensor, role: key, in: object) { range.contains($0) ? nil : "is out of range (\(rangeText))" }
            return .perChannel(tensor)
        default:
            throw object.error("'\(key)' must be an integer or the name of a tensor, found \(GraphObject.describe(value))")
        }
    }
}
