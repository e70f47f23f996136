/// A dense layer as the hardware computes it: only the rows whose value depends on the input,
/// only the columns that feed them, with every constant input folded into the bias.
///
/// Structured pruning costs nothing at run time because of this: an all-zero row becomes a
/// constant (folded into the next layer's bias, or emitted by the output adapter for the last
/// layer); an all-zero column leaves the ROM and the datapath.
public struct CompactedDense: Equatable, Sendable {
    public var layerName: String
    /// Original row (output) indices computed by the engine, ascending.
    public var rows: [Int]
    /// Original column (input) indices the engine consumes, ascending.
    public var columns: [Int]
    /// `rows.count × columns.count`, row-major.
    public var weights: [Int]
    /// Per computed row: the layer's bias plus every constant input times its weight.
    public var bias: [Int128]
    /// Per computed row: the requantization multiplier and shift.
    public var multipliers: [Int]
    public var shifts: [Int]
    public var rounding: Rounding
    public var weightBits: Int
    public var weightKind: WeightKind
    public var inputType: ActivationType
    public var outputType: ActivationType
    /// Non-zero weights of the original layer (the work a perfect sparse engine would do).
    public var nonZeros: Int
    /// `out × in` of the original layer.
    public var originalShape: [Int]

    public func weight(row: Int, column: Int) -> Int { weights[row * columns.count + column] }
}

/// The dense layers of a fully-connected network after compaction, plus what the output
/// adapter must insert for the last layer's constant rows.
public struct CompactedNetwork: Equatable, Sendable {
    public var layers: [CompactedDense]
    /// Elements per input vector, before the first layer's unused columns are dropped.
    public var inputCount: Int
    public var inputType: ActivationType
    /// For each network output element: nil when computed, else its constant value.
    public var outputConstants: [Int?]
    public var outputType: ActivationType
}
