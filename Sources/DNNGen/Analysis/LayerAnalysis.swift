/// What `dnngen inspect` reports about one layer: shapes, weights, pruning structure, work,
/// storage and the exact accumulator ranges.
///
/// Weight counts cover the weight tensor only (biases are counted apart, in `biases`). For
/// maxpool2d and flatten every weight figure is zero and the optionals are nil.
public struct LayerAnalysis: Equatable, Sendable {
    public var name: String
    /// The op's name in the graph: `dense`, `conv2d`, `maxpool2d` or `flatten`.
    public var op: String
    public var input: TensorInfo
    public var output: TensorInfo
    public var weightBits: Int?
    public var weightKind: WeightKind?
    /// The weight matrix's rows: dense outputs, or conv filters `K`.
    public var rows: Int
    /// The weight matrix's columns: dense inputs, or conv `C·kh·kw` (im2col columns).
    public var columns: Int
    /// Output pixels per output channel: 1 for dense, `OH·OW` for conv2d.
    public var outputPixels: Int
    /// Weights: `rows · columns`.
    public var parameters: Int
    /// Bias values (0 without a bias).
    public var biases: Int
    public var nonZeros: Int
    public var structure: PruningStructure
    /// `rows · columns · outputPixels`: every multiply of the unpruned layer.
    public var macsDense: Int
    /// `nonZeros · outputPixels`: the multiplies by non-zero weights.
    public var macsEffective: Int
    /// `parameters · weightBits`.
    public var storageBitsDense: Int
    /// `compactedRows · compactedColumns · weightBits`: the matrix without its pruned rows and
    /// columns (channels and positions for conv2d), stored densely.
    public var storageBitsCompacted: Int
    /// Per output channel, `[bias + Σ min(w·lo, w·hi), bias + Σ max(w·lo, w·hi)]` over the input
    /// type's `[lo, hi]`; every accumulator value the layer can produce lies inside.
    public var accumulatorRanges: [ClosedRange<Int128>]
    /// The signed width holding every channel's range, at least 2; 0 for layers without weights.
    public var accumulatorWidth: Int

    public var compactedRows: Int { rows - structure.prunedRows.count }
    public var compactedColumns: Int { columns - structure.prunedMatrixColumns.count }
    /// Zero weights, structured and irregular.
    public var zeros: Int { parameters - nonZeros }
    /// Whether the layer has weights (dense or conv2d).
    public var hasWeights: Bool { weightBits != nil }
}
