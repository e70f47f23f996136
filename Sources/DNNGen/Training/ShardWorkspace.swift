/// The buffers one shard of a batch works in: its inputs, every layer's outputs and their
/// gradients, layer scratch, and its own parameter gradient.
///
/// A class because each shard's memory must stay put while a thread fills it; one workspace is
/// used by one thread at a time.
final class ShardWorkspace: @unchecked Sendable {
    /// Samples the buffers hold.
    let capacity: Int
    let input: UnsafeMutablePointer<Float>
    /// `activations[i]`: layer `i`'s outputs, `[capacity × outputCount]`.
    let activations: [UnsafeMutablePointer<Float>]
    /// `outputGradients[i]`: the loss gradient of `activations[i]`.
    let outputGradients: [UnsafeMutablePointer<Float>]
    let scratch: UnsafeMutablePointer<Float>
    /// This shard's summed parameter gradient (flat layout).
    let parameterGradient: UnsafeMutablePointer<Float>
    let parameterCount: Int
    private var allocations: [UnsafeMutablePointer<Float>] = []

    /// Where the samples were put last: count in use, summed loss, right answers, predictions.
    var samples = 0
    var loss: Double = 0
    var correct = 0
    var predictions: [Int] = []

    init(network: TrainingNetwork, capacity: Int) {
        func allocate(_ count: Int) -> UnsafeMutablePointer<Float> {
            let pointer = UnsafeMutablePointer<Float>.allocate(capacity: Swift.max(1, count))
            pointer.initialize(repeating: 0, count: Swift.max(1, count))
            return pointer
        }
        self.capacity = capacity
        input = allocate(capacity * network.inputCount)
        activations = network.layers.map { allocate(capacity * $0.outputCount) }
        outputGradients = network.layers.map { allocate(capacity * $0.outputCount) }
        scratch = allocate(network.layers.map(\.scratchCount).max() ?? 0)
        parameterCount = network.parameterCount
        parameterGradient = allocate(network.parameterCount)
        allocations = [input, scratch, parameterGradient] + activations + outputGradients
    }

    deinit {
        for pointer in allocations { pointer.deallocate() }
    }
}
