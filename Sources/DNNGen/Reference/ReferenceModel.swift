import Dispatch

/// The bit-exact golden model: integer inference exactly as docs/model-format.md §2 defines it.
///
/// Build it once per model (it precomputes the non-zero taps, per-channel multipliers and
/// shifts, and whether 64-bit accumulation is provably safe), then call `infer` or `inferBatch`.
/// Values travel in C order; an input holds `inputCount` values of the model's input type.
public struct ReferenceModel: Sendable {
    enum Step: Sendable {
        case linear(LinearKernel)
        case maxPool(MaxPoolKernel)
        /// Flatten keeps C order, so it moves no data.
        case flatten
    }

    let steps: [Step]
    /// How many values one input holds (the product of the model's input shape).
    public let inputCount: Int
    /// The shape and type of one output.
    public let output: TensorInfo

    /// Prepares `model`, which must be valid (as the model.bin reader leaves it).
    ///
    /// Traps only on a model whose layers do not fit together; `init(checking:)` throws instead.
    public init(_ model: Model) {
        do {
            try self.init(checking: model)
        } catch {
            preconditionFailure("ReferenceModel needs a valid model: layer '\(error.layer ?? "-")': \(error.message)")
        }
    }

    /// Prepares `model`, throwing where it is not self-consistent enough to run (shapes that do
    /// not chain, tensors whose element count disagrees with their shape, bad strides).
    ///
    /// It does not re-check value ranges: the reference is exact for any integers.
    public init(checking model: Model) throws(GraphError) {
        var current = TensorInfo(shape: model.inputShape, type: model.inputType)
        guard !current.shape.isEmpty, current.shape.allSatisfy({ $0 >= 1 }) else {
            throw GraphError(layer: nil, "input shape \(current.shape) has an empty dimension")
        }
        var steps: [Step] = []
        for layer in model.layers {
            try layer.checkRunnable()
            let next = try layer.outputInfo(for: current)
            switch layer.op {
            case .dense(let dense):
                steps.append(.linear(LinearKernel(dense: dense, input: current.type)))
            case .conv2d(let conv):
                steps.append(.linear(LinearKernel(conv: conv, inputShape: current.shape, input: current.type)))
            case .maxpool2d(let pool):
                steps.append(.maxPool(MaxPoolKernel(pool: pool, inputShape: current.shape)))
            case .flatten:
                steps.append(.flatten)
            }
            current = next
        }
        self.steps = steps
        self.inputCount = model.inputShape.reduce(1, *)
        self.output = current
    }

    /// Runs one input through the network.
    ///
    /// - Parameter input: `inputCount` values in C order, each in the model's input type
    ///   (a value outside it gives an unspecified result but never traps).
    /// - Returns: the output tensor's values in C order.
    /// - Complexity: one pass over the non-zero weights per output pixel.
    public func infer(_ input: [Int]) -> [Int] {
        precondition(input.count == inputCount, "input has \(input.count) values, expected \(inputCount)")
        var values = input
        for step in steps {
            switch step {
            case .linear(let kernel): values = kernel.run(values)
            case .maxPool(let kernel): values = kernel.run(values)
            case .flatten: break
            }
        }
        return values
    }

    /// Runs many inputs, spread over all cores; the result is the same as mapping `infer`.
    public func inferBatch(_ inputs: [[Int]]) -> [[Int]] {
        let count = inputs.count
        if count <= 1 { return inputs.map(infer) }
        let chunks = Swift.min(count, 64)
        let chunkSize = (count + chunks - 1) / chunks
        var results = [[Int]](repeating: [], count: count)
        results.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                let end = Swift.min(count, (chunk + 1) * chunkSize)
                var index = chunk * chunkSize
                while index < end {
                    slots[index] = infer(inputs[index])
                    index += 1
                }
            }
        }
        return results
    }
}
