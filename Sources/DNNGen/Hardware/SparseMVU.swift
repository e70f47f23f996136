/// The cost of the sparse lane engine (`dnngen_sparse_lane_mvu`) for one layer and the stream
/// that feeds it: the sparse engine's answer to `Engine`. `groups` row groups each decode one
/// non-zero a clock, and every decoded weight is applied to `lanes` input vectors at once (a
/// convolution's output pixels share their weights), so `groups·lanes` multipliers.
///
/// Cycles per batch of `n ≤ lanes` vectors, back to back: `max(E, 1, n·inBeats + 2,
/// ⌈(E + 3 + n·outBeats)/2⌉)` with `E` the slowest group's codes (non-zeros plus escapes): a lane
/// buffer bank reloads from 2 clocks after its batch's last code, and an accumulator bank is
/// free again once drained (from 3 clocks after its last code), two batches later. An inference
/// of `V` vectors is `⌈V/lanes⌉` batches; a convolution's batches wait for its sliding window
/// (`WindowSchedule.batchedInterval`). The bound of any engine with the same multipliers is
/// `nnz·V / (groups·lanes)`; this engine is off it only by the groups' imbalance, escapes and
/// the rounding of `V/lanes`. Storage: the groups' code streams (values, positions, escapes,
/// word fill) plus two constants per group (code and word counts), and the parameter ROM.
public struct SparseMVU: Engine, Equatable {
    public var groups: Int
    public var lanes: Int
    /// Local rows per output beat: the drain puts `groups·drainRows` rows in a beat.
    public var drainRows: Int
    public var rows: Int
    public var vectorsPerInference: Int
    public var inBeats: Int
    public var stream: SparseStreamCost
    public var paramWordBits: Int
    /// For a convolution, clocks per inference with its sliding window's schedule.
    public var windowCycles: Int

    init(groups: Int, lanes: Int, rows: Int, vectorsPerInference: Int, inBeats: Int, stream: SparseStreamCost,
         paramWordBits: Int, schedule: WindowSchedule?) {
        self.groups = groups
        self.lanes = lanes
        self.rows = rows
        self.vectorsPerInference = vectorsPerInference
        self.inBeats = inBeats
        self.stream = stream
        self.paramWordBits = paramWordBits
        drainRows = Self.drainRows(localRows: ceilDiv(rows, groups), lanes: lanes, codes: stream.maxCodes, inBeats: inBeats)
        let outBeats = ceilDiv(ceilDiv(rows, groups), drainRows)
        windowCycles = schedule?.batchedInterval(lanes: lanes, codes: stream.maxCodes, outBeats: outBeats) ?? 0
    }

    public var localRows: Int { ceilDiv(rows, groups) }
    public var outBeats: Int { ceilDiv(localRows, drainRows) }
    public var outLanes: Int { groups * drainRows }

    /// Vectors in each batch of one inference.
    public var batches: [Int] {
        var sizes: [Int] = []
        var left = vectorsPerInference
        while left > 0 {
            sizes.append(min(lanes, left))
            left -= lanes
        }
        return sizes
    }

    public var cycles: Int {
        let perBatch = batches.reduce(0) { $0 + Self.batchClocks(codes: stream.maxCodes, vectors: $1, inBeats: inBeats, outBeats: outBeats) }
        return max(perBatch, windowCycles)
    }
    public var multipliers: Int { groups * lanes }
    public var weightRomBits: Int { stream.totalBits }
    public var paramRomBits: Int { outBeats * outLanes * paramWordBits }
    public var romBits: Int { weightRomBits + paramRomBits }
    /// Every row group's rows leave `drainRows` local rows a beat; rows past the matrix are padding.
    public var output: StreamShape { StreamShape(slots: outBeats * outLanes, lanes: outLanes) }
    /// Multiplications per inference over the multipliers: the clocks no sparse engine with
    /// this many multipliers can beat.
    public var bound: Double { Double(stream.valueBits / max(1, stream.weightBits) * vectorsPerInference) / Double(multipliers) }

    /// Clocks of one batch of `vectors` in steady state (the header of `dnngen_sparse_lane_mvu`).
    static func batchClocks(codes: Int, vectors: Int, inBeats: Int, outBeats: Int) -> Int {
        max(codes, 1, vectors * inBeats + 2, (codes + 3 + vectors * outBeats + 1) / 2)
    }

    /// The smallest drain (local rows per output beat) that does not hold a batch up.
    static func drainRows(localRows: Int, lanes: Int, codes: Int, inBeats: Int) -> Int {
        let undrained = max(codes, 1, lanes * inBeats + 2)
        var rowsPerBeat = 1
        while rowsPerBeat < localRows
            && batchClocks(codes: codes, vectors: lanes, inBeats: inBeats, outBeats: ceilDiv(localRows, rowsPerBeat)) > undrained {
            rowsPerBeat += 1
        }
        return rowsPerBeat
    }
}

/// A layer built on the sparse lane engine: its cost and the gaps its code streams hold.
public struct SparseLaneLayer: Equatable, Sendable {
    public var mvu: SparseMVU
    var gaps: SparseGroupGaps

    /// The engine the solver chose, with the gaps its code ROMs hold: `weights` (`rows × columns`)
    /// as the matrix arrives, the same matrix the solver measured.
    init(_ chosen: SparseMVU, weights: CompactIntegers, columns: Int) {
        mvu = chosen
        gaps = SparseGroupGaps(weights: weights, rows: chosen.rows, columns: max(1, columns), groups: chosen.groups)
    }

    public static func == (a: SparseLaneLayer, b: SparseLaneLayer) -> Bool { a.mvu == b.mvu }
}
