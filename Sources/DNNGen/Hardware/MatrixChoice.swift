/// The configurations one matrix layer offers the folding solver: a hardwired layer, a fixed
/// sparse engine, a fold the user fixed, or every useful dense fold.
struct MatrixChoice {
    var layer: CompactedMatrix
    /// The fold given with `--fold`.
    var fixed: Fold?
    /// PEs of the sparse engine, when the layer is built sparse.
    var sparsePEs: Int?
    /// Built as constant logic (`HardwiredEngine`).
    var hardwired: Bool
    var indexBits: Int
    /// The next layer cannot give a padding row a zero weight (binary weights): PE must divide.
    var rowsMustDivide: Bool

    /// Engines for this layer fed by `incoming`, fewer PEs (fewer, wider ROMs) first.
    func candidates(incoming: StreamShape) -> [any Engine] {
        let input = MatrixInput(layer: layer, incoming: incoming)
        if hardwired {
            return [HardwiredCost(rows: layer.rows.count, inBeats: input.beats, vectorsPerInference: layer.vectorsPerInference)]
        }
        let paramWordBits = Self.biasWidth(layer) + MatrixEngine.multiplierWidth + MatrixEngine.shiftWidth
        if let pes = sparsePEs {
            let built = layer.matrix(incomingSlots: incoming.slots)
            let encoding = SparseEncoding(weights: built.weights, rows: layer.rows.count, columns: built.columns,
                                          pes: pes, indexBits: indexBits)
            return [SparseMVU(encoding: encoding, inBeats: input.beats, vectorsPerInference: layer.vectorsPerInference,
                              window: input.window, weightBits: layer.weightBits, paramWordBits: paramWordBits)]
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
        return pes.flatMap { pe in simds.reversed().map { dense(Fold(pe: pe, simd: $0)) } }
    }

    /// Width of the signed bias field in the parameter ROM.
    static func biasWidth(_ layer: CompactedMatrix) -> Int {
        max(2, Analysis.signedWidth(min(layer.bias.min() ?? 0, 0)...max(layer.bias.max() ?? 0, 0)))
    }
}
