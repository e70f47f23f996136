/// Turns a float model's graph JSON and the container's tensors into a `FloatModel`, checking
/// every key and value.
///
/// Layers are read in order; within a layer, fields in the documented order (weight, bias,
/// stride, padding, kernel, activation), so the first fault is the one reported. Integer-model
/// fields (`bits`, `signed`, `weight_bits`, `requant`, `output`, …) are unknown keys here.
struct FloatGraphReader {
    static let activations = ["relu": true, "none": false]

    let container: ModelContainer

    func model() throws(ModelFormatError) -> FloatModel {
        var scale = 1.0
        if let value = container.input.optional("scale") {
            guard let number = value.doubleValue, number.isFinite, number > 0 else {
                throw container.input.error("'scale' must be a positive finite number, found \(GraphObject.describe(value))")
            }
            scale = number
        }
        var layers: [FloatLayer] = []
        for object in container.layers {
            layers.append(FloatLayer(name: object.layer ?? "", op: try op(object)))
        }
        return FloatModel(name: container.name, inputShape: container.inputShape, inputScale: scale, layers: layers)
    }

    private func op(_ layer: GraphObject) throws(ModelFormatError) -> FloatLayerOp {
        let opName = try layer.string("op")
        switch opName {
        case "dense":
            try layer.checkKeys(allowed: ["name", "op", "weight", "bias", "activation"],
                                reserved: ModelContainer.reservedKeys, allowedFor: "a float dense layer")
            let weight = try floatTensor(layer, key: "weight", expected: "[out, in]", rank: 2)
            let bias = try biasTensor(layer, outputs: weight.shape[0])
            return .dense(FloatDenseLayer(weight: weight, bias: bias, relu: try activation(layer)))
        case "conv2d":
            try layer.checkKeys(allowed: ["name", "op", "weight", "bias", "stride", "padding", "activation"],
                                reserved: ModelContainer.reservedKeys, allowedFor: "a float conv2d layer")
            let weight = try floatTensor(layer, key: "weight", expected: "[K, C, kh, kw]", rank: 4)
            let bias = try biasTensor(layer, outputs: weight.shape[0])
            let (stride, padding) = try ModelContainer.convGeometry(layer)
            return .conv2d(FloatConv2DLayer(weight: weight, bias: bias, stride: stride, padding: padding,
                                            relu: try activation(layer)))
        default:
            return try ModelContainer.weightlessOp(opName, layer)
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
        let tensor = try container.tensor(layer, key: key)
        let name = tensor.name
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
