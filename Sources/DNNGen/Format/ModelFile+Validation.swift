/// The checks on the tensors a layer references: dtype, shape and values.
extension GraphReader {
    /// The bound on bias magnitudes that keeps every accumulator inside 128-bit arithmetic.
    static let biasLimit = 1 << 47

    /// The integer tensor named by `object[key]`.
    func intTensor(_ object: GraphObject, key: String, role: String) throws(ModelFormatError) -> IntTensor {
        let tensor = try container.tensor(object, key: key)
        let name = tensor.name
        guard case .integers(let values) = tensor.data else {
            throw object.error("\(role) '\(name)' has dtype \(tensor.dtype.rawValue), expected an integer dtype (\(SafeTensorsDType.integerNames))")
        }
        return IntTensor(name: name, shape: tensor.shape, values: values, dtype: tensor.dtype.rawValue)
    }

    /// The layer's `weight`: `rank` dimensions, none of them zero.
    func weightTensor(_ layer: GraphObject, expected: String, rank: Int) throws(ModelFormatError) -> IntTensor {
        let weight = try intTensor(layer, key: "weight", role: "weight")
        guard weight.shape.count == rank else {
            throw layer.error("weight '\(weight.name)' has shape \(weight.shape), expected \(expected)")
        }
        guard weight.shape.allSatisfy({ $0 >= 1 }) else {
            throw layer.error("weight '\(weight.name)' has shape \(weight.shape), expected \(expected) with every dimension at least 1")
        }
        return weight
    }

    /// The optional `bias`: I32 or I64, shape `[outputs]`, `|bias| < 2^47`.
    func biasTensor(_ layer: GraphObject, outputs: Int) throws(ModelFormatError) -> IntTensor? {
        guard layer.optional("bias") != nil else { return nil }
        let bias = try intTensor(layer, key: "bias", role: "bias")
        guard bias.dtype == "I32" || bias.dtype == "I64" else {
            throw layer.error("bias '\(bias.name)' has dtype \(bias.dtype), expected I32 or I64")
        }
        try checkShape(bias, role: "bias", expected: [outputs], in: layer)
        try checkValues(bias, role: "bias", in: layer) { value in
            value > -Self.biasLimit && value < Self.biasLimit ? nil : "is out of range (|bias| < 2^47)"
        }
        return bias
    }

    func checkShape(_ tensor: IntTensor, role: String, expected: [Int], in object: GraphObject) throws(ModelFormatError) {
        guard tensor.shape == expected else {
            throw object.error("\(role) '\(tensor.name)' has shape \(tensor.shape), expected \(expected)")
        }
    }

    func checkWeightValues(_ weight: IntTensor, bits: Int, kind: WeightKind, in layer: GraphObject) throws(ModelFormatError) {
        let rule: String
        switch kind {
        case .int: rule = "\(bits)-bit int weights lie in [\(-(1 << (bits - 1))), \((1 << (bits - 1)) - 1)]"
        case .binary: rule = "binary weights are -1 or +1"
        case .ternary: rule = "ternary weights are -1, 0 or +1"
        case .pow2: rule = "\(bits)-bit pow2 weights are 0 or ±2^k with 0 <= k <= \((1 << (bits - 1)) - 2)"
        }
        try checkValues(weight, role: "weight", in: layer) { kind.allows($0, bits: bits) ? nil : "is not allowed: \(rule)" }
    }

    /// Throws at the first value for which `problem` returns a description of what is wrong.
    func checkValues(_ tensor: IntTensor, role: String, in object: GraphObject,
                     _ problem: (Int) -> String?) throws(ModelFormatError)
    {
        for (index, value) in tensor.values.enumerated() {
            if let problem = problem(value) {
                let position = Self.multiIndex(index, shape: tensor.shape)
                throw object.error("\(role) '\(tensor.name)' value \(value) at \(position) \(problem)")
            }
        }
    }

    /// `[2, 5]`: the row-major position of flat index `index` in `shape` (all dimensions >= 1).
    static func multiIndex(_ index: Int, shape: [Int]) -> String {
        var remainder = index
        var position: [Int] = []
        for dimension in shape.reversed() {
            guard dimension > 0 else { return "[\(index)]" }
            position.append(remainder % dimension)
            remainder /= dimension
        }
        return "[" + position.reversed().map(String.init).joined(separator: ", ") + "]"
    }
}

extension ModelFile {
    /// Rejects a model whose activations would exceed `maximumActivationCount` elements, with
    /// checked arithmetic, before `Model.inferShapes()` (which uses plain arithmetic) runs.
    ///
    /// Mirrors `inferShapes`' rules; where a layer does not fit its input it stops, so that
    /// `inferShapes` reports that fault in its own words.
    static func checkActivationSizes(_ model: Model, file: String) throws(ModelFormatError) {
        var shape = model.inputShape
        for layer in model.layers {
            func tooLarge(_ what: String) -> ModelFormatError {
                ModelFormatError(file: file, layer: layer.name,
                                 "\(what) is too large (an activation may hold at most \(maximumActivationCount) elements)")
            }
            switch layer.op {
            case .dense(let dense):
                guard shape.count == 1 else { return }
                shape = [dense.outFeatures]
            case .conv2d(let conv):
                guard shape.count == 3 else { return }
                var outputShape = [conv.filters]
                for axis in 0..<2 {
                    let (twice, overflow1) = conv.padding[axis].multipliedReportingOverflow(by: 2)
                    let (padded, overflow2) = shape[axis + 1].addingReportingOverflow(twice)
                    guard !overflow1, !overflow2 else { throw tooLarge("padding \(conv.padding)") }
                    let span = padded - conv.kernel[axis]
                    guard span >= 0 else { return }
                    outputShape.append(span / conv.stride[axis] + 1)
                }
                shape = outputShape
            case .maxpool2d(let pool):
                guard shape.count == 3, pool.kernel[0] <= shape[1], pool.kernel[1] <= shape[2] else { return }
                shape = [shape[0], (shape[1] - pool.kernel[0]) / pool.stride[0] + 1,
                         (shape[2] - pool.kernel[1]) / pool.stride[1] + 1]
            case .flatten:
                guard shape.count == 3 else { return }
                shape = [shape[0] * shape[1] * shape[2]]  // bounded by the check on the previous layer
            }
            var count = 1
            for dimension in shape {
                let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
                guard !overflow, product <= maximumActivationCount else { throw tooLarge("output shape \(shape)") }
                count = product
            }
        }
    }
}
