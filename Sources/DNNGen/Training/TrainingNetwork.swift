/// A float model laid out for training: its layers as `TrainingLayer`s, its weights and biases in
/// one flat parameter array (layer by layer, each layer's weights then its bias).
///
/// The flat layout lets optimizers, gradient sums and weight decay run as single loops; the
/// `FloatModel` it came from stays the template that `model(parameters:)` fills back in.
public struct TrainingNetwork: Sendable {
    /// The model whose structure (names, shapes, strides, ReLUs) the network follows.
    public let template: FloatModel
    let layers: [any TrainingLayer]
    /// Where each layer's parameters start in the flat array.
    let parameterOffsets: [Int]
    /// Every weight and bias of the network.
    public let parameterCount: Int

    /// Lays out `model` for training.
    ///
    /// - Throws: `GraphError` naming the layer if the model is not valid (`inferShapes()`).
    public init(_ model: FloatModel) throws(GraphError) {
        let shapes = try model.inferShapes()
        var layers: [any TrainingLayer] = []
        var offsets: [Int] = []
        var offset = 0
        var shape = model.inputShape
        for (layer, outputShape) in zip(model.layers, shapes) {
            let trainable: any TrainingLayer
            switch layer.op {
            case .dense(let dense):
                trainable = DenseTrainingLayer(inFeatures: dense.inFeatures, outFeatures: dense.outFeatures,
                                               hasBias: dense.bias != nil, relu: dense.relu)
            case .conv2d(let conv):
                trainable = Conv2DTrainingLayer(channels: shape[0], height: shape[1], width: shape[2],
                                                filters: conv.filters, kernel: conv.kernel, stride: conv.stride,
                                                padding: conv.padding, hasBias: conv.bias != nil, relu: conv.relu)
            case .maxpool2d(let pool):
                trainable = MaxPoolTrainingLayer(channels: shape[0], height: shape[1], width: shape[2],
                                                 kernel: pool.kernel, stride: pool.stride)
            case .flatten:
                trainable = FlattenTrainingLayer(count: shape.reduce(1, *))
            }
            layers.append(trainable)
            offsets.append(offset)
            offset += trainable.parameterCount
            shape = outputShape
        }
        template = model
        self.layers = layers
        parameterOffsets = offsets
        parameterCount = offset
    }

    /// Values one input holds.
    public var inputCount: Int { template.inputCount }
    /// Values one output (the logits) holds.
    public var outputCount: Int { layers.last?.outputCount ?? template.inputCount }

    /// The template's weights and biases in the flat layout.
    public var parameters: [Float] {
        var values: [Float] = []
        values.reserveCapacity(parameterCount)
        for layer in template.layers {
            switch layer.op {
            case .dense(let dense):
                values += dense.weight.values
                values += dense.bias?.values ?? []
            case .conv2d(let conv):
                values += conv.weight.values
                values += conv.bias?.values ?? []
            case .maxpool2d, .flatten:
                break
            }
        }
        return values
    }

    /// The template with its weights and biases replaced by `parameters` (flat layout).
    ///
    /// - Precondition: `parameters.count == parameterCount`.
    public func model(parameters: [Float]) -> FloatModel {
        precondition(parameters.count == parameterCount, "\(parameters.count) parameters, expected \(parameterCount)")
        var model = template
        for index in model.layers.indices {
            let start = parameterOffsets[index]
            let weights = layers[index].weightCount
            let end = start + layers[index].parameterCount
            switch model.layers[index].op {
            case .dense(var dense):
                dense.weight.values = Array(parameters[start..<(start + weights)])
                dense.bias?.values = Array(parameters[(start + weights)..<end])
                model.layers[index].op = .dense(dense)
            case .conv2d(var conv):
                conv.weight.values = Array(parameters[start..<(start + weights)])
                conv.bias?.values = Array(parameters[(start + weights)..<end])
                model.layers[index].op = .conv2d(conv)
            case .maxpool2d, .flatten:
                break
            }
        }
        return model
    }

    /// The flat index ranges that hold weights (not biases), with each one's output rows.
    ///
    /// Weight decay and weight quantization apply to these; a row is one output neuron or filter.
    public var weightGroups: [(range: Range<Int>, rows: Int, layer: String)] {
        PrunableLayer.layers(of: self).map { ($0.weights, $0.rows, $0.name) }
    }
}
