extension Layer {
    /// Checks what `ReferenceModel` would otherwise trap on: element counts that match the
    /// shapes, per-channel requant tensors of the right length, positive strides and kernels.
    func checkRunnable() throws(GraphError) {
        func check(_ tensor: IntTensor, _ expected: [Int]) throws(GraphError) {
            guard tensor.shape == expected, tensor.values.count == tensor.count else {
                throw GraphError(layer: name, "tensor '\(tensor.name)' has shape \(tensor.shape) and \(tensor.values.count) values, expected shape \(expected)")
            }
        }
        func checkCommon(bias: IntTensor?, requant: Requant, outputs: Int) throws(GraphError) {
            if let bias { try check(bias, [outputs]) }
            if case .perChannel(let tensor) = requant.multiplier { try check(tensor, [outputs]) }
            if case .perChannel(let tensor) = requant.shift { try check(tensor, [outputs]) }
        }
        func checkPairs(_ pairs: [(String, [Int], Int)]) throws(GraphError) {
            for (field, pair, least) in pairs {
                guard pair.count == 2, pair.allSatisfy({ $0 >= least }) else {
                    throw GraphError(layer: name, "\(field) \(pair) must be two integers >= \(least)")
                }
            }
        }
        switch op {
        case .dense(let dense):
            guard dense.weight.shape.count == 2, dense.weight.shape.allSatisfy({ $0 >= 0 }) else {
                throw GraphError(layer: name, "weight '\(dense.weight.name)' has shape \(dense.weight.shape), expected [out, in]")
            }
            try check(dense.weight, dense.weight.shape)
            try checkCommon(bias: dense.bias, requant: dense.requant, outputs: dense.outFeatures)
        case .conv2d(let conv):
            guard conv.weight.shape.count == 4, conv.weight.shape.allSatisfy({ $0 >= 1 }) else {
                throw GraphError(layer: name, "weight '\(conv.weight.name)' has shape \(conv.weight.shape), expected [K, C, kh, kw]")
            }
            try check(conv.weight, conv.weight.shape)
            try checkCommon(bias: conv.bias, requant: conv.requant, outputs: conv.filters)
            try checkPairs([("stride", conv.stride, 1), ("padding", conv.padding, 0)])
        case .maxpool2d(let pool):
            try checkPairs([("kernel", pool.kernel, 1), ("stride", pool.stride, 1)])
        case .flatten:
            break
        }
    }
}
