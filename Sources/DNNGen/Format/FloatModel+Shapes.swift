extension FloatModel {
    /// The shape each layer produces, in order; the last one is the network's output.
    ///
    /// Checks everything `infer` relies on, with overflow-checked arithmetic: a non-empty input
    /// shape, tensors whose value count matches their shape, rank and size of each weight and
    /// bias, strides and kernels of at least 1, padding of at least 0, layers whose input fits
    /// them, and activations of at most `ModelFile.maximumActivationCount` elements.
    ///
    /// - Throws: `GraphError` naming the first layer at fault.
    public func inferShapes() throws(GraphError) -> [[Int]] {
        guard inputShape.count == 1 || inputShape.count == 3, inputShape.allSatisfy({ $0 >= 1 }) else {
            throw GraphError(layer: nil, "input shape \(inputShape) must be [n] or [C, H, W] with positive dimensions")
        }
        try Self.checkCount(inputShape, layer: nil, what: "input shape")
        var shape = inputShape
        var shapes: [[Int]] = []
        for layer in layers {
            shape = try layer.outputShape(for: shape)
            try Self.checkCount(shape, layer: layer.name, what: "output shape")
            shapes.append(shape)
        }
        return shapes
    }

    /// The network's output shape (the input's, for a model with no layers).
    public func outputShape() throws(GraphError) -> [Int] {
        try inferShapes().last ?? inputShape
    }

    private static func checkCount(_ shape: [Int], layer: String?, what: String) throws(GraphError) {
        var count = 1
        for dimension in shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            guard !overflow, product <= ModelFile.maximumActivationCount else {
                throw GraphError(layer: layer, "\(what) \(shape) is too large (an activation may hold at most \(ModelFile.maximumActivationCount) elements)")
            }
            count = product
        }
    }
}

extension FloatLayer {
    /// The shape this layer makes from an input of `input`'s shape.
    func outputShape(for input: [Int]) throws(GraphError) -> [Int] {
        func fail(_ message: String) -> GraphError { GraphError(layer: name, message) }
        func checkTensor(_ tensor: FloatTensor, role: String, expected: String, rank: Int) throws(GraphError) {
            guard tensor.shape.count == rank, tensor.shape.allSatisfy({ $0 >= 1 }) else {
                throw fail("\(role) '\(tensor.name)' has shape \(tensor.shape), expected \(expected) with every dimension at least 1")
            }
            var count = 1
            for dimension in tensor.shape {
                let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
                guard !overflow else { throw fail("\(role) '\(tensor.name)' shape \(tensor.shape) has too many elements") }
                count = product
            }
            guard tensor.values.count == count else {
                throw fail("\(role) '\(tensor.name)' has shape \(tensor.shape) but \(tensor.values.count) values")
            }
        }
        func checkBias(_ bias: FloatTensor?, outputs: Int) throws(GraphError) {
            guard let bias else { return }
            guard bias.shape == [outputs], bias.values.count == outputs else {
                throw fail("bias '\(bias.name)' has shape \(bias.shape) (\(bias.values.count) values), expected [\(outputs)]")
            }
        }
        func checkPair(_ field: String, _ pair: [Int], least: Int) throws(GraphError) {
            guard pair.count == 2, pair.allSatisfy({ $0 >= least }) else {
                throw fail("\(field) \(pair) must be two integers >= \(least)")
            }
        }

        switch op {
        case .dense(let dense):
            try checkTensor(dense.weight, role: "weight", expected: "[out, in]", rank: 2)
            try checkBias(dense.bias, outputs: dense.outFeatures)
            guard input.count == 1 else {
                throw fail("dense needs a vector input, got shape \(input) (add a flatten layer)")
            }
            guard dense.inFeatures == input[0] else {
                throw fail("weight '\(dense.weight.name)' has shape \(dense.weight.shape), expected [\(dense.outFeatures), \(input[0])]")
            }
            return [dense.outFeatures]
        case .conv2d(let conv):
            try checkTensor(conv.weight, role: "weight", expected: "[K, C, kh, kw]", rank: 4)
            try checkBias(conv.bias, outputs: conv.filters)
            try checkPair("stride", conv.stride, least: 1)
            try checkPair("padding", conv.padding, least: 0)
            guard input.count == 3 else { throw fail("conv2d needs a [C, H, W] input, got shape \(input)") }
            guard conv.channels == input[0] else {
                throw fail("weight '\(conv.weight.name)' has shape \(conv.weight.shape), expected \(input[0]) input channels")
            }
            var output = [conv.filters]
            for axis in 0..<2 {
                let (twice, overflow1) = conv.padding[axis].multipliedReportingOverflow(by: 2)
                let (padded, overflow2) = input[axis + 1].addingReportingOverflow(twice)
                guard !overflow1, !overflow2 else { throw fail("padding \(conv.padding) is too large") }
                guard conv.kernel[axis] <= padded else {
                    throw fail("kernel \(conv.kernel) is larger than the padded input \(input)")
                }
                output.append((padded - conv.kernel[axis]) / conv.stride[axis] + 1)
            }
            return output
        case .maxpool2d(let pool):
            try checkPair("kernel", pool.kernel, least: 1)
            try checkPair("stride", pool.stride, least: 1)
            guard input.count == 3 else { throw fail("maxpool2d needs a [C, H, W] input, got shape \(input)") }
            guard pool.kernel[0] <= input[1], pool.kernel[1] <= input[2] else {
                throw fail("kernel \(pool.kernel) is larger than the input \(input)")
            }
            return [input[0], (input[1] - pool.kernel[0]) / pool.stride[0] + 1,
                    (input[2] - pool.kernel[1]) / pool.stride[1] + 1]
        case .flatten:
            guard input.count == 3 else { throw fail("flatten needs a [C, H, W] input, got shape \(input)") }
            return [input[0] * input[1] * input[2]]  // bounded by the check on the previous layer
        }
    }
}
