/// Removes what pruning left without purpose, so structured pruning is counted honestly:
/// - a row (neuron, filter) whose weights are all pruned has its bias pruned too when another
///   layer reads it, so its output is exactly 0;
/// - a zero output makes the next layer's columns that read it useless: they are pruned (a
///   conv filter feeds one input channel, through pooling and flatten `H·W` dense columns);
/// - a row whose output no column of the next layer reads is pruned, bias included.
/// Repeated until nothing changes. Works on the mask; the caller zeroes the parameters.
enum DeadUnitPropagation {
    static func apply(to mask: inout [Float], layers: [PrunableLayer]) {
        var changed = true
        while changed {
            changed = false
            for index in layers.indices.dropLast() {
                let producer = layers[index]
                let consumer = layers[index + 1]
                guard consumer.columns % producer.rows == 0 else { continue }
                let width = consumer.columns / producer.rows  // consumer columns per producer row
                for row in 0..<producer.rows {
                    let rowWeights = (producer.weights.lowerBound + row * producer.columns)..<(producer.weights.lowerBound + (row + 1) * producer.columns)
                    let readers = (0..<consumer.rows).flatMap { consumerRow in
                        let start = consumer.weights.lowerBound + consumerRow * consumer.columns + row * width
                        return Array(start..<(start + width))
                    }
                    let biasIndex = producer.bias.isEmpty ? nil : producer.bias.lowerBound + row
                    let rowDead = rowWeights.allSatisfy { mask[$0] == 0 }
                    let unread = readers.allSatisfy { mask[$0] == 0 }
                    if rowDead || unread {
                        changed = clear(&mask, rowWeights) || changed
                        if let biasIndex { changed = clear(&mask, biasIndex..<(biasIndex + 1)) || changed }
                        changed = clear(&mask, readers) || changed
                    }
                }
            }
        }
    }

    /// Sets the mask to 0 at `indices`; whether any was not 0 before.
    private static func clear<Indices: Sequence<Int>>(_ mask: inout [Float], _ indices: Indices) -> Bool {
        var changed = false
        for index in indices where mask[index] != 0 {
            mask[index] = 0
            changed = true
        }
        return changed
    }
}
