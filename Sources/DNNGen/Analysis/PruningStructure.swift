/// One filter-shape position of a conv2d weight: `W[:, channel, row, column]`, which is one
/// column of the layer's im2col matrix.
public struct KernelPosition: Equatable, Hashable, Sendable {
    public var channel: Int
    public var row: Int
    public var column: Int

    public init(channel: Int, row: Int, column: Int) {
        self.channel = channel
        self.row = row
        self.column = column
    }
}

/// The structure found in a weight tensor's zeros (docs/model-format.md §2, "Pruning structure").
///
/// Everything is stated on the layer's weight matrix: `[out, in]` for dense, and for conv2d the
/// im2col matrix `[K, C·kh·kw]` (row `k`, column `(c·kh + i)·kw + j`). The rules:
/// - a pruned row is an all-zero row: a dense neuron, or a conv filter `W[k,:,:,:] == 0`;
/// - a pruned column (dense) is an all-zero column: a pruned input;
/// - a pruned channel (conv2d) is `W[:,c,:,:] == 0`;
/// - a pruned position (conv2d) is `W[:,c,i,j] == 0` for every `k` in a channel that is *not*
///   pruned (the positions of a pruned channel are counted once, as the channel);
/// - an irregular zero is a zero in a row that is not pruned and a matrix column that is not
///   pruned (as a dense column, a channel or a position).
/// So the structured zeros and the irregular ones partition the zeros, and removing the pruned
/// rows and columns leaves the compacted matrix. A layer whose weights are all zero has every
/// row, column and channel pruned and no positions.
public struct PruningStructure: Equatable, Sendable {
    /// Pruned rows: dense neurons or conv filters, ascending.
    public var prunedRows: [Int]
    /// Pruned columns: dense inputs, or conv channels, ascending.
    public var prunedColumns: [Int]
    /// Pruned filter-shape positions outside pruned channels (conv2d only), in im2col order.
    public var prunedPositions: [KernelPosition]
    /// Zeros not covered by any pruned row, column, channel or position.
    public var irregularZeros: Int
    /// Every pruned column of the weight matrix (for conv2d: the im2col columns of the pruned
    /// channels and positions), ascending.
    public var prunedMatrixColumns: [Int]

    public init(prunedRows: [Int], prunedColumns: [Int], prunedPositions: [KernelPosition],
                irregularZeros: Int, prunedMatrixColumns: [Int]) {
        self.prunedRows = prunedRows
        self.prunedColumns = prunedColumns
        self.prunedPositions = prunedPositions
        self.irregularZeros = irregularZeros
        self.prunedMatrixColumns = prunedMatrixColumns
    }

    /// No zeros at all.
    public static let none = PruningStructure(prunedRows: [], prunedColumns: [], prunedPositions: [],
                                              irregularZeros: 0, prunedMatrixColumns: [])

    /// conv2d's name for `prunedRows`.
    public var prunedFilters: [Int] { prunedRows }
    /// conv2d's name for `prunedColumns`.
    public var prunedChannels: [Int] { prunedColumns }
}
