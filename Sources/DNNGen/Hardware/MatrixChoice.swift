/// The configurations one matrix layer offers the folding solver: a hardwired layer, every sparse
/// lane configuration, a fold the user fixed, or every useful dense fold.
struct MatrixChoice {
    var layer: CompactedMatrix
    /// The fold given with `--fold`.
    var fixed: Fold?
    /// The sparse lane engine's configurations, when the layer is built sparse.
    var sparse: SparseLaneCandidates?
    /// Built as constant logic (`HardwiredEngine`).
    var hardwired: Bool
    /// The next layer cannot give a padding row a zero weight (binary weights): PE must divide.
    var rowsMustDivide: Bool

    /// Engines for this layer fed by `incoming`, fewer PEs (fewer, wider ROMs) first.
    func candidates(incoming: StreamShape) -> [any Engine] {
        let input = MatrixInput(layer: layer, incoming: incoming)
        if hardwired {
            return [HardwiredCost(rows: layer.rows.count, inBeats: input.beats, vectorsPerInference: layer.vectorsPerInference)]
        }
        let paramWordBits = Self.biasWidth(layer) + MatrixEngine.multiplierWidth + MatrixEngine.shiftWidth
        if let sparse {
            return sparse.engines(incoming: incoming, input: input, paramWordBits: paramWordBits)
                .filter { !rowsMustDivide || $0.output.slots == layer.rows.count }
        }
        let schedule = input.window.map(WindowSchedule.init)
        func dense(_ fold: Fold) -> DenseMVU {
            DenseMVU(rows: layer.rows.count, inputElements: input.elements, inBeats: input.beats,
                     vectorsPerInference: layer.vectorsPerInference, fold: fold, window: input.window,
                     schedule: schedule, weightBits: layer.weightBits, paramWordBits: paramWordBits)
        }
        if let fixed { return [dense(fixed)] }
        let rows = layer.rows.count
        let pes = FoldingSolver.usefulFactors(rows).filter { !rowsMustDivide || rows % $0 == 0 }
        let simds = FoldingSolver.usefulFactors(max(1, input.elements))
        let single = pes.flatMap { pe in simds.reversed().map { Fold(pe: pe, simd: $0) } }
        let copied = schedule.map { schedule in
            Self.copiedFolds(single, vectors: layer.vectorsPerInference, floor: schedule.scan) {
                max(ceilDiv(rows, $0.pe) * ceilDiv(input.elements, $0.simd), input.beats)
            }
        } ?? []
        return (single + copied).map(dense)
    }

    /// Most copies of a convolution's unit offered: each holds its own weight ROMs.
    static let maxCopies = 32

    /// Folds of several copies worth offering besides `single` (one copy each): per multiplier
    /// count, the one whose copies share the `vectors` windows in the fewest cycles, when that
    /// beats every single fold of no more multipliers (ties: fewer copies, smaller ROMs).
    /// Judged on the units' compute cycles (`perVector` a window), which the window's
    /// schedule then refines; this keeps the candidates to about one per multiplier count, up
    /// to the first that reaches `floor` (the window's scan, which more copies cannot beat).
    static func copiedFolds(_ single: [Fold], vectors: Int, floor: Int, perVector: (Fold) -> Int) -> [Fold] {
        var best: [Int: (cycles: Int, fold: Fold)] = [:]
        for copies in 2...max(2, min(maxCopies, vectors)) where copies <= vectors {
            for base in single {
                let fold = Fold(pe: base.pe, simd: base.simd, copies: copies)
                let cycles = ceilDiv(vectors * perVector(base), copies)
                if let known = best[fold.multipliers], known.cycles <= cycles { continue }
                best[fold.multipliers] = (cycles, fold)
            }
        }
        let singles = single.map { (multipliers: $0.multipliers, cycles: vectors * perVector($0)) }
        var folds: [Fold] = []
        for multipliers in best.keys.sorted() {
            guard let candidate = best[multipliers] else { continue }
            if singles.contains(where: { $0.multipliers <= multipliers && $0.cycles <= candidate.cycles }) { continue }
            folds.append(candidate.fold)
            if candidate.cycles <= floor { break }
        }
        return folds
    }

    /// Width of the signed bias field in the parameter ROM.
    static func biasWidth(_ layer: CompactedMatrix) -> Int {
        max(2, Analysis.signedWidth(min(layer.bias.min() ?? 0, 0)...max(layer.bias.max() ?? 0, 0)))
    }
}
