import Dispatch

extension FloatModel {
    /// Runs one input through the float network: the reference a quantized model is compared with.
    ///
    /// Arithmetic is `Float` (as PyTorch's default), summing each output over its inputs in C order
    /// (dense `i`; conv `c`, `kh`, `kw`) from the bias; padding is zeros; ReLU is `max(0, x)`.
    ///
    /// - Parameter input: `inputCount` values in C order, already scaled (raw value × `inputScale`).
    /// - Returns: the last layer's output in C order.
    /// - Precondition: the model is valid (`inferShapes()` does not throw), as the reader leaves it.
    /// - Complexity: one multiply-add per weight per output position.
    public func infer(_ input: [Float]) -> [Float] {
        let shapes: [[Int]]
        do {
            shapes = try inferShapes()
        } catch {
            preconditionFailure("FloatModel.infer needs a valid model: layer '\(error.layer ?? "-")': \(error.message)")
        }
        precondition(input.count == inputCount, "input has \(input.count) values, expected \(inputCount)")
        var values = input
        var shape = inputShape
        for (layer, outputShape) in zip(layers, shapes) {
            switch layer.op {
            case .dense(let dense): values = Self.dense(dense, values)
            case .conv2d(let conv): values = Self.conv2d(conv, values, inputShape: shape, outputShape: outputShape)
            case .maxpool2d(let pool): values = Self.maxPool(pool, values, inputShape: shape, outputShape: outputShape)
            case .flatten: break
            }
            shape = outputShape
        }
        return values
    }

    /// Runs many inputs, spread over all cores; the result is the same as mapping `infer`.
    public func inferBatch(_ inputs: [[Float]]) -> [[Float]] {
        let count = inputs.count
        if count <= 1 { return inputs.map(infer) }
        let chunks = Swift.min(count, 64)
        let chunkSize = (count + chunks - 1) / chunks
        var results = [[Float]](repeating: [], count: count)
        results.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                var index = chunk * chunkSize
                while index < Swift.min(count, (chunk + 1) * chunkSize) {
                    slots[index] = infer(inputs[index])
                    index += 1
                }
            }
        }
        return results
    }

    private static func dense(_ layer: FloatDenseLayer, _ input: [Float]) -> [Float] {
        let inputs = layer.inFeatures
        var output = [Float](repeating: 0, count: layer.outFeatures)
        layer.weight.values.withUnsafeBufferPointer { weight in
            input.withUnsafeBufferPointer { x in
                for o in 0..<layer.outFeatures {
                    var sum = layer.bias?.values[o] ?? 0
                    let row = o * inputs
                    for i in 0..<inputs { sum += weight[row + i] * x[i] }
                    output[o] = layer.relu ? Swift.max(0, sum) : sum
                }
            }
        }
        return output
    }

    private static func conv2d(_ layer: FloatConv2DLayer, _ input: [Float], inputShape: [Int],
                               outputShape: [Int]) -> [Float] {
        let (channels, height, width) = (inputShape[0], inputShape[1], inputShape[2])
        let (outHeight, outWidth) = (outputShape[1], outputShape[2])
        let (kernelHeight, kernelWidth) = (layer.kernel[0], layer.kernel[1])
        var output = [Float](repeating: 0, count: layer.filters * outHeight * outWidth)
        layer.weight.values.withUnsafeBufferPointer { weight in
            input.withUnsafeBufferPointer { x in
                var index = 0
                for k in 0..<layer.filters {
                    let bias = layer.bias?.values[k] ?? 0
                    for oy in 0..<outHeight {
                        for ox in 0..<outWidth {
                            var sum = bias
                            let top = oy * layer.stride[0] - layer.padding[0]
                            let left = ox * layer.stride[1] - layer.padding[1]
                            // The taps that fall inside the input; padding contributes zeros.
                            // (A window wholly inside the padding has none: the ranges are then empty.)
                            let firstRow = Swift.max(0, -top)
                            let rows = firstRow..<Swift.max(firstRow, Swift.min(kernelHeight, height - top))
                            let firstColumn = Swift.max(0, -left)
                            let columns = firstColumn..<Swift.max(firstColumn, Swift.min(kernelWidth, width - left))
                            for c in 0..<channels {
                                let filter = (k * channels + c) * kernelHeight * kernelWidth
                                for i in rows {
                                    let row = (c * height + top + i) * width + left
                                    let taps = filter + i * kernelWidth
                                    for j in columns { sum += weight[taps + j] * x[row + j] }
                                }
                            }
                            output[index] = layer.relu ? Swift.max(0, sum) : sum
                            index += 1
                        }
                    }
                }
            }
        }
        return output
    }

    private static func maxPool(_ pool: MaxPool2DLayer, _ input: [Float], inputShape: [Int],
                                outputShape: [Int]) -> [Float] {
        let (height, width) = (inputShape[1], inputShape[2])
        var output = [Float](repeating: 0, count: outputShape.reduce(1, *))
        var index = 0
        for c in 0..<outputShape[0] {
            for oy in 0..<outputShape[1] {
                for ox in 0..<outputShape[2] {
                    var best = -Float.infinity
                    for i in 0..<pool.kernel[0] {
                        let row = (c * height + oy * pool.stride[0] + i) * width + ox * pool.stride[1]
                        for j in 0..<pool.kernel[1] { best = Swift.max(best, input[row + j]) }
                    }
                    output[index] = best
                    index += 1
                }
            }
        }
        return output
    }
}
