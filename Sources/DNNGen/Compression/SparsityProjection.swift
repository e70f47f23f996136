/// Euclidean projection of one layer's weights onto "at most k units of a kind are non-zero":
/// keep the k units of largest L2 norm, zero the rest (ties: the lower unit index is kept).
///
/// For single weights that is magnitude pruning; for filters, channels or columns it is the
/// group version. ADMM's Z-step and the hard-pruning step both use it.
struct SparsityProjection: Sendable {
    let layer: PrunableLayer
    let kind: PruningKind
    /// Units kept.
    let keep: Int

    /// Which units survive when the layer's weights are `values[layer.weights]`.
    func keptUnits(_ values: [Float]) -> [Bool] {
        let count = layer.unitCount(kind)
        guard keep < count else { return [Bool](repeating: true, count: count) }
        var norms = [Double](repeating: 0, count: count)
        for offset in 0..<layer.weightCount {
            let value = Double(values[layer.weights.lowerBound + offset])
            norms[layer.unit(kind, ofWeight: offset)] += value * value
        }
        let order = norms.indices.sorted { norms[$0] > norms[$1] || (norms[$0] == norms[$1] && $0 < $1) }
        var kept = [Bool](repeating: false, count: count)
        for unit in order.prefix(keep) { kept[unit] = true }
        return kept
    }

    /// Zeroes, in `values`, the weights of every unit that does not survive.
    func project(_ values: inout [Float]) {
        let kept = keptUnits(values)
        for offset in 0..<layer.weightCount where !kept[layer.unit(kind, ofWeight: offset)] {
            values[layer.weights.lowerBound + offset] = 0
        }
    }

    /// Sets `mask` to 0 for the weights of every unit that does not survive in `values`.
    func restrict(_ mask: inout [Float], by values: [Float]) {
        let kept = keptUnits(values)
        for offset in 0..<layer.weightCount where !kept[layer.unit(kind, ofWeight: offset)] {
            mask[layer.weights.lowerBound + offset] = 0
        }
    }
}
