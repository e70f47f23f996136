/// The configurations a layer offers on the sparse lane engine: for every useful number of row
/// groups (its code streams measured once per incoming stream) and of vector lanes, a
/// `SparseMVU`, so that the folding solver spends the same budget on sparse layers as on
/// dense ones.
final class SparseLaneCandidates {
    let layer: CompactedMatrix
    let index: SparseIndexRequest
    /// Per incoming slot count (the producer's padding rows are extra zero columns), per group
    /// count: the code streams' cost.
    private var measured: [Int: [(groups: Int, cost: SparseStreamCost)]] = [:]

    /// `index` must have passed `singleGroupCost` on the layer (`HardwarePlan` checks it first).
    init(layer: CompactedMatrix, index: SparseIndexRequest) {
        self.layer = layer
        self.index = index
    }

    /// The code streams with one group on the matrix as it arrives without producer padding:
    /// what `auto` weighs against the dense engine's storage, and the check that `index` can
    /// encode the layer at all (padding columns only widen what a format can reach).
    ///
    /// - Throws: `PlanError` naming `--index` and the layer when the format cannot encode it.
    static func singleGroupCost(_ layer: CompactedMatrix, index: SparseIndexRequest) throws(PlanError) -> SparseStreamCost {
        let built = layer.matrix(incomingSlots: unpaddedSlots(layer))
        let gaps = SparseGroupGaps(weights: built.weights, rows: layer.rows.count, columns: max(1, built.columns), groups: 1)
        return try SparseFormatChoice.choose(index, gaps: gaps, weightBits: layer.weightBits, layer: layer.layerName)
    }

    /// Every `(groups, lanes)` configuration fed by `input`, fewest multipliers first.
    func engines(incoming: StreamShape, input: MatrixInput, paramWordBits: Int) -> [any Engine] {
        let costs = streamCosts(slots: incoming.slots)
        let vectors = layer.vectorsPerInference
        let schedule = input.window.map(WindowSchedule.init)
        var all: [SparseMVU] = []
        for (groups, cost) in costs {
            for lanes in FoldingSolver.usefulFactors(vectors) {
                all.append(SparseMVU(groups: groups, lanes: lanes, rows: layer.rows.count, vectorsPerInference: vectors,
                                     inBeats: input.beats, stream: cost, paramWordBits: paramWordBits, schedule: schedule))
            }
        }
        return all.sorted { ($0.multipliers, $0.cycles, $0.groups) < ($1.multipliers, $1.cycles, $1.groups) }
    }

    private func streamCosts(slots: Int) -> [(groups: Int, cost: SparseStreamCost)] {
        if let known = measured[slots] { return known }
        let built = layer.matrix(incomingSlots: slots)
        var costs: [(groups: Int, cost: SparseStreamCost)] = []
        for groups in FoldingSolver.usefulFactors(layer.rows.count) {
            let gaps = SparseGroupGaps(weights: built.weights, rows: layer.rows.count, columns: max(1, built.columns), groups: groups)
            // The format was checked on the unpadded matrix; padding columns cannot make it fail.
            if let cost = try? SparseFormatChoice.choose(index, gaps: gaps, weightBits: layer.weightBits, layer: layer.layerName) {
                costs.append((groups, cost))
            }
        }
        measured[slots] = costs
        return costs
    }

    /// Channel slots of the layer's input as it arrives without producer padding.
    static func unpaddedSlots(_ layer: CompactedMatrix) -> Int {
        switch layer.source {
        case .vector(let columns): columns.count
        case .window: 0
        case .flattened(_, let channels): channels.count
        }
    }
}
