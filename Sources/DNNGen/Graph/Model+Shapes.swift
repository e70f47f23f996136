/// The shape and type of the tensor flowing between two layers.
public struct TensorInfo: Equatable, Sendable {
    public var shape: [Int]
    public var type: ActivationType

    public init(shape: [Int], type: ActivationType) {
        self.shape = shape
        self.type = type
    }

    public var count: Int { shape.reduce(1, *) }
}

extension Model {
    /// The tensor each layer produces, in order; the last one is the network's output.
    ///
    /// - Throws: `GraphError` naming the first layer whose input does not fit it.
    public func inferShapes() throws(GraphError) -> [TensorInfo] {
        var current = TensorInfo(shape: inputShape, type: inputType)
        var result: [TensorInfo] = []
        result.reserveCapacity(layers.count)
        for layer in layers {
            current = try layer.outputInfo(for: current)
            result.append(current)
        }
        return result
    }

    /// The network's output tensor (the input's, for a model with no layers).
    public func outputInfo() throws(GraphError) -> TensorInfo {
        try inferShapes().last ?? TensorInfo(shape: inputShape, type: inputType)
    }
}

extension Layer {
    /// The tensor this layer makes from `input`.
    public func outputInfo(for input: TensorInfo) throws(GraphError) -> TensorInfo {
        switch op {
        case .dense(let dense):
            guard input.shape.count == 1 else {
                throw GraphError(layer: name, "dense needs a vector input, got shape \(input.shape) (add a flatten layer)")
            }
            guard dense.inFeatures == input.shape[0] else {
                throw GraphError(layer: name, "weight '\(dense.weight.name)' has shape \(dense.weight.shape), expected [\(dense.outFeatures), \(input.shape[0])]")
            }
            return TensorInfo(shape: [dense.outFeatures], type: dense.output)
        case .conv2d(let conv):
            guard input.shape.count == 3 else {
                throw GraphError(layer: name, "conv2d needs a [C, H, W] input, got shape \(input.shape)")
            }
            guard conv.channels == input.shape[0] else {
                throw GraphError(layer: name, "weight '\(conv.weight.name)' has shape \(conv.weight.shape), expected \(input.shape[0]) input channels")
            }
            let height = input.shape[1] + 2 * conv.padding[0] - conv.kernel[0]
            let width = input.shape[2] + 2 * conv.padding[1] - conv.kernel[1]
            guard height >= 0, width >= 0 else {
                throw GraphError(layer: name, "kernel \(conv.kernel) is larger than the padded input \(input.shape)")
            }
            return TensorInfo(shape: [conv.filters, height / conv.stride[0] + 1, width / conv.stride[1] + 1],
                              type: conv.output)
        case .maxpool2d(let pool):
            guard input.shape.count == 3 else {
                throw GraphError(layer: name, "maxpool2d needs a [C, H, W] input, got shape \(input.shape)")
            }
            guard pool.kernel[0] <= input.shape[1], pool.kernel[1] <= input.shape[2] else {
                throw GraphError(layer: name, "kernel \(pool.kernel) is larger than the input \(input.shape)")
            }
            return TensorInfo(shape: [input.shape[0],
                                      (input.shape[1] - pool.kernel[0]) / pool.stride[0] + 1,
                                      (input.shape[2] - pool.kernel[1]) / pool.stride[1] + 1],
                              type: input.type)
        case .flatten:
            guard input.shape.count == 3 else {
                throw GraphError(layer: name, "flatten needs a [C, H, W] input, got shape \(input.shape)")
            }
            return TensorInfo(shape: [input.count], type: input.type)
        }
    }
}
