/// Weight storage of one layer in both engines, in bits, for the structured vs non-structured
/// comparison.
///
/// Dense: the compacted matrix, every kept weight stored (zeros inside it included). Sparse:
/// the compacted matrix's non-zeros and padding entries (value + relative index each) plus the
/// per-PE column pointers. The floor is `log2 C(n, nnz)` with `n` the original layer's weight
/// count: the fewest bits that can say where the non-zeros are, with no structure assumed.
public struct StorageAccount: Equatable, Sendable {
    public var layerName: String
    public var weightBits: Int
    public var nonZeros: Int
    /// Weights of the original layer.
    public var positions: Int
    public var denseBits: Int
    public var pes: Int
    public var indexBits: Int
    public var sparseEntries: Int
    public var paddingEntries: Int
    public var sparseValueBits: Int
    public var sparseIndexBits: Int
    public var sparsePointerBits: Int
    public var floorBits: Double

    public var sparseBits: Int { sparseValueBits + sparseIndexBits + sparsePointerBits }
    /// Bits that say where the non-zeros are, in the sparse format: indices, pointers, padding values.
    public var sparseOverheadBits: Int { sparseBits - nonZeros * weightBits }

    /// The account of `layer` whose sparse encoding (`pes` PEs, `columns` columns) has the sizes `tally`.
    public init(layer: CompactedMatrix, tally: SparseEncoding.Tally, pes: Int, indexBits: Int, columns: Int, denseColumns: Int) {
        layerName = layer.layerName
        weightBits = layer.weightBits
        nonZeros = layer.nonZeros
        positions = layer.originalShape.reduce(1, *)
        denseBits = layer.rows.count * denseColumns * layer.weightBits
        self.pes = pes
        self.indexBits = indexBits
        sparseEntries = tally.totalEntries
        paddingEntries = tally.paddingEntries
        sparseValueBits = tally.totalEntries * layer.weightBits
        sparseIndexBits = tally.totalEntries * indexBits
        sparsePointerBits = pes * (columns + 1) * tally.pointerWidth
        floorBits = log2Binomial(positions, layer.nonZeros)
    }
}

extension CompactedNetwork {
    /// Storage of every matrix layer in both engines, with `pes` PEs and `indexBits`-bit
    /// indices for the sparse one (columns as they arrive without producer padding).
    public func storageAccounts(pes: Int, indexBits: Int) -> [StorageAccount] {
        var accounts: [StorageAccount] = []
        for layer in matrices {
            let slots: Int
            switch layer.source {
            case .vector(let columns): slots = columns.count
            case .window: slots = 0
            case .flattened(_, let channels): slots = channels.count
            }
            let built = layer.matrix(incomingSlots: slots)
            let tally = SparseEncoding.tally(weights: built.weights, rows: layer.rows.count, columns: built.columns,
                                             pes: pes, indexBits: indexBits)
            accounts.append(StorageAccount(layer: layer, tally: tally, pes: pes, indexBits: indexBits,
                                           columns: built.columns, denseColumns: built.columns))
        }
        return accounts
    }

    /// The storage comparison as an aligned table, for `dnngen inspect`.
    public func storageTable(pes: Int, indexBits: Int) -> String {
        let accounts = storageAccounts(pes: pes, indexBits: indexBits)
        var rows: [[String]] = [["layer", "non-zeros", "dense bits", "sparse values", "indices", "pointers", "padding", "sparse bits", "floor bits"]]
        for a in accounts {
            rows.append([a.layerName, "\(a.nonZeros)", "\(a.denseBits)", "\(a.sparseValueBits)", "\(a.sparseIndexBits)",
                         "\(a.sparsePointerBits)", "\(a.paddingEntries)", "\(a.sparseBits)", String(Int(a.floorBits.rounded(.up)))])
        }
        func sum(_ f: (StorageAccount) -> Int) -> String { String(accounts.reduce(0) { $0 + f($1) }) }
        rows.append(["total", sum(\.nonZeros), sum(\.denseBits), sum(\.sparseValueBits), sum(\.sparseIndexBits),
                     sum(\.sparsePointerBits), sum(\.paddingEntries), sum(\.sparseBits),
                     String(Int(accounts.reduce(0.0) { $0 + $1.floorBits }.rounded(.up)))])
        return TextTable(rows: rows, rightAligned: Set(1...8)).render()
            + "weight storage, dense engine (compacted matrix) vs sparse engine (P = \(pes), \(indexBits)-bit relative indices);\n"
            + "floor: log2 C(n, nnz) bits to locate the non-zeros among the layer's n weights\n"
    }
}
