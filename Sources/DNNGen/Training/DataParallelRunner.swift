import Dispatch

/// Runs a network over batches of a data set, each batch split into a fixed number of shards
/// that `DispatchQueue.concurrentPerform` spreads over the cores.
///
/// The split depends only on the batch size and `shardCount`, never on the number of cores or
/// on timing, and shard gradients are summed in shard order, so a step gives the same bits on
/// every run and every machine.
final class DataParallelRunner: @unchecked Sendable {
    let network: TrainingNetwork
    /// Parts each batch is split into.
    let shardCount: Int
    let shards: [ShardWorkspace]
    /// `pixelValues[p]`: the network's input for raw pixel `p` (pixel × input scale).
    private let pixelValues: [Float]

    /// - Parameters:
    ///   - batchSize: the largest batch `step` or `forward` will be given.
    init(network: TrainingNetwork, shardCount: Int, batchSize: Int) {
        self.network = network
        self.shardCount = shardCount
        let capacity = (batchSize + shardCount - 1) / shardCount
        shards = (0..<shardCount).map { _ in ShardWorkspace(network: network, capacity: capacity) }
        let scale = network.template.inputScale
        pixelValues = (0..<256).map { Float(Double($0) * scale) }
    }

    /// The largest batch the workspaces hold.
    var batchCapacity: Int { shardCount * shards[0].capacity }

    /// Forward and backward over the samples `indices` of `data`: the summed loss, how many
    /// were classified right, and (written to `gradient`) the gradient of the batch's mean loss.
    ///
    /// - Precondition: `1 <= indices.count <= batchCapacity`, images of `network.inputCount` pixels.
    func step(data: Dataset, indices: ArraySlice<Int>, parameters: [Float], gradient: inout [Float])
        -> (loss: Double, correct: Int)
    {
        run(data: data, indices: indices, parameters: parameters, train: true)
        gradient.withUnsafeMutableBufferPointer { total in
            total.update(repeating: 0)
            for shard in shards where shard.samples > 0 {
                let part = shard.parameterGradient
                for i in 0..<total.count { total[i] += part[i] }
            }
        }
        return totals()
    }

    /// Forward only: afterwards each shard holds its samples' activations and predictions.
    @discardableResult
    func forward(data: Dataset, indices: ArraySlice<Int>, parameters: [Float]) -> (loss: Double, correct: Int) {
        run(data: data, indices: indices, parameters: parameters, train: false)
        return totals()
    }

    /// The predicted classes of the last `forward` or `step`, in sample order.
    var predictions: [Int] { shards.flatMap { $0.samples > 0 ? $0.predictions : [] } }

    private func totals() -> (loss: Double, correct: Int) {
        var loss: Double = 0
        var correct = 0
        for shard in shards where shard.samples > 0 {
            loss += shard.loss
            correct += shard.correct
        }
        return (loss, correct)
    }

    private func run(data: Dataset, indices: ArraySlice<Int>, parameters: [Float], train: Bool) {
        let count = indices.count
        precondition(count >= 1 && count <= batchCapacity, "batch of \(count), capacity \(batchCapacity)")
        let parts = Swift.min(shardCount, count)
        let gradientScale = 1 / Float(count)
        for shard in shards { shard.samples = 0 }
        parameters.withUnsafeBufferPointer { parameterBuffer in
            nonisolated(unsafe) let weights = parameterBuffer.baseAddress!
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                let lower = indices.startIndex + part * count / parts
                let upper = indices.startIndex + (part + 1) * count / parts
                runShard(shards[part], data: data, indices: indices[lower..<upper], parameters: weights,
                         train: train, gradientScale: gradientScale)
            }
        }
    }

    private func runShard(_ shard: ShardWorkspace, data: Dataset, indices: ArraySlice<Int>,
                          parameters: UnsafePointer<Float>, train: Bool, gradientScale: Float) {
        let samples = indices.count
        let inputCount = network.inputCount
        shard.samples = samples
        data.images.withUnsafeBufferPointer { images in
            pixelValues.withUnsafeBufferPointer { table in
                for (slot, index) in indices.enumerated() {
                    let source = images.baseAddress! + index * inputCount
                    let destination = shard.input + slot * inputCount
                    for i in 0..<inputCount { destination[i] = table[Int(source[i])] }
                }
            }
        }
        let layers = network.layers
        var input = UnsafePointer(shard.input)
        for (index, layer) in layers.enumerated() {
            layer.forward(input: input, output: shard.activations[index], samples: samples,
                          parameters: parameters + network.parameterOffsets[index], scratch: shard.scratch)
            input = UnsafePointer(shard.activations[index])
        }
        let outputs = network.outputCount
        let logits = input
        let logitGradient = shard.outputGradients[layers.count - 1]
        var loss: Double = 0
        var correct = 0
        shard.predictions = []
        for s in 0..<samples {
            let label = Int(data.labels[indices[indices.startIndex + s]])
            let result = SoftmaxCrossEntropy.evaluate(logits: logits + s * outputs, count: outputs, label: label,
                                                      gradient: logitGradient + s * outputs, gradientScale: gradientScale)
            loss += result.loss
            if result.predicted == label { correct += 1 }
            shard.predictions.append(result.predicted)
        }
        shard.loss = loss
        shard.correct = correct
        guard train else { return }
        shard.parameterGradient.update(repeating: 0, count: shard.parameterCount)
        for index in layers.indices.reversed() {
            let layerInput = index == 0 ? UnsafePointer(shard.input) : UnsafePointer(shard.activations[index - 1])
            let inputGradient = index == 0 ? nil : shard.outputGradients[index - 1]
            let offset = network.parameterOffsets[index]
            layers[index].backward(input: layerInput, output: shard.activations[index],
                                   outputGradient: shard.outputGradients[index], inputGradient: inputGradient,
                                   samples: samples, parameters: parameters + offset,
                                   gradients: shard.parameterGradient + offset, scratch: shard.scratch)
        }
    }
}
