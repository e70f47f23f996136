/// The ranges of layer outputs over calibration images: what an activation scale must cover.
enum ActivationCalibration {
    /// Histogram bins between 0 and a layer's largest `|y|`, for percentiles.
    static let bins = 4096

    /// For each layer index in `layers`, the `percentiles[i]`-th percentile of `|y|` over every
    /// output value of every image of `data` (100 gives the maximum; otherwise the upper edge of
    /// the histogram bin where the percentile falls, so never above the maximum).
    ///
    /// One parallel forward pass for the maxima, and a second for the histograms when any
    /// percentile is below 100. Deterministic.
    ///
    /// - Precondition: the images fit the network; `layers.count == percentiles.count`.
    static func ranges(network: TrainingNetwork, parameters: [Float], data: Dataset, layers: [Int],
                       percentiles: [Double]) -> [Double] {
        let runner = DataParallelRunner(network: network, shardCount: 8, batchSize: Trainer.inferenceBatch)
        var maxima = [Float](repeating: 0, count: layers.count)
        forEachBatch(runner, data: data, parameters: parameters) { shard in
            for (slot, layer) in layers.enumerated() {
                let values = shard.activations[layer]
                var largest = maxima[slot]
                for i in 0..<(shard.samples * network.layers[layer].outputCount) {
                    largest = Swift.max(largest, Swift.abs(values[i]))
                }
                maxima[slot] = largest
            }
        }
        guard percentiles.contains(where: { $0 < 100 }) else { return maxima.map(Double.init) }
        var histograms = [[Int]](repeating: [Int](repeating: 0, count: bins), count: layers.count)
        forEachBatch(runner, data: data, parameters: parameters) { shard in
            for (slot, layer) in layers.enumerated() where percentiles[slot] < 100 && maxima[slot] > 0 {
                let values = shard.activations[layer]
                let perUnit = Float(bins) / maxima[slot]
                for i in 0..<(shard.samples * network.layers[layer].outputCount) {
                    histograms[slot][Swift.min(bins - 1, Int(Swift.abs(values[i]) * perUnit))] += 1
                }
            }
        }
        return layers.indices.map { slot in
            let largest = Double(maxima[slot])
            guard percentiles[slot] < 100, largest > 0 else { return largest }
            let total = histograms[slot].reduce(0, +)
            let target = Swift.max(1, Int((percentiles[slot] / 100 * Double(total)).rounded(.up)))
            var cumulative = 0
            for (bin, count) in histograms[slot].enumerated() {
                cumulative += count
                if cumulative >= target { return largest * Double(bin + 1) / Double(bins) }
            }
            return largest
        }
    }

    /// Runs `data` through the network a batch at a time; `body` sees each shard in order.
    private static func forEachBatch(_ runner: DataParallelRunner, data: Dataset, parameters: [Float],
                                     _ body: (ShardWorkspace) -> Void) {
        let indices = Array(0..<data.count)
        var start = 0
        while start < data.count {
            let batch = indices[start..<Swift.min(data.count, start + runner.batchCapacity)]
            runner.forward(data: data, indices: batch, parameters: parameters)
            for shard in runner.shards where shard.samples > 0 { body(shard) }
            start = batch.endIndex
        }
    }
}
