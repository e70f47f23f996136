/// Weight storage of one layer in both engines, in bits, for the structured vs non-structured
/// comparison.
///
/// Dense: the compacted matrix, every kept weight stored (zeros inside it included). Sparse:
/// the sparse lane engine's code streams as its ROMs hold them, split into values, positions
/// (the codes minus their values), escapes, word fill, and the per-group constants (the only
/// row/column boundaries it keeps). The floor is `values + log2 C(n, nnz)` with `n` the original
/// layer's weight count: the fewest bits that can say where the non-zeros are, no structure assumed.
public struct StorageAccount: Equatable, Sendable {
    public var layerName: String
    public var weightBits: Int
    public var nonZeros: Int
    /// Weights of the original layer.
    public var positions: Int
    public var denseBits: Int
    public var format: SparseIndexFormat
    public var groups: Int
    public var sparseValueBits: Int
    public var sparsePositionBits: Int
    /// Escape codes plus the zero fill that ends each group's stream on a word boundary.
    public var sparsePaddingBits: Int
    public var sparseBoundaryBits: Int
    public var floorBits: Double

    public var sparseBits: Int { sparseValueBits + sparsePositionBits + sparsePaddingBits + sparseBoundaryBits }
    /// Bits that say where the non-zeros are, in the sparse format.
    public var sparseOverheadBits: Int { sparseBits - sparseValueBits }
    /// Values plus the position floor: what no sparse format can go below.
    public var floorTotalBits: Double { Double(nonZeros * weightBits) + floorBits }

    public init(layer: CompactedMatrix, cost: SparseStreamCost, groups: Int, denseColumns: Int) {
        layerName = layer.layerName
        weightBits = layer.weightBits
        nonZeros = layer.nonZeros
        positions = layer.originalShape.reduce(1, *)
        denseBits = layer.rows.count * denseColumns * layer.weightBits
        format = cost.format
        self.groups = groups
        sparseValueBits = cost.valueBits
        sparsePositionBits = cost.positionBits
        sparsePaddingBits = cost.escapeBits + cost.fillBits
        sparseBoundaryBits = cost.boundaryBits
        floorBits = log2Binomial(positions, layer.nonZeros)
    }
}

extension CompactedNetwork {
    /// Storage of every matrix layer in both engines: the sparse side in `index` with the
    /// groups given per layer (a built sparse engine's), else one group.
    ///
    /// - Throws: `PlanError` when `index` cannot encode a layer.
    public func storageAccounts(index: SparseIndexRequest, groups: [String: Int] = [:]) throws(PlanError) -> [StorageAccount] {
        var accounts: [StorageAccount] = []
        for layer in matrices {
            let slots: Int
            switch layer.source {
            case .vector(let columns): slots = columns.count
            case .window: slots = 0
            case .flattened(_, let channels): slots = channels.count
            }
            let built = layer.matrix(incomingSlots: slots)
            let g = groups[layer.layerName] ?? 1
            let gaps = SparseGroupGaps(weights: built.weights, rows: layer.rows.count, columns: max(1, built.columns), groups: g)
            let cost = try SparseFormatChoice.choose(index, gaps: gaps, weightBits: layer.weightBits, layer: layer.layerName)
            accounts.append(StorageAccount(layer: layer, cost: cost, groups: g, denseColumns: built.columns))
        }
        return accounts
    }

    /// The storage comparison as an aligned table, for `dnngen inspect`.
    public func storageTable(index: SparseIndexRequest) throws(PlanError) -> String {
        let accounts = try storageAccounts(index: index)
        var rows: [[String]] = [["layer", "non-zeros", "dense bits", "format", "values", "positions", "padding", "boundaries",
                                 "sparse bits", "floor bits", "sparse/floor"]]
        func ratio(_ bits: Int, _ floor: Double) -> String { floor > 0 ? String(format: "%.2f", Double(bits) / floor) : "-" }
        for a in accounts {
            rows.append([a.layerName, "\(a.nonZeros)", "\(a.denseBits)", a.format.description, "\(a.sparseValueBits)",
                         "\(a.sparsePositionBits)", "\(a.sparsePaddingBits)", "\(a.sparseBoundaryBits)", "\(a.sparseBits)",
                         String(Int(a.floorTotalBits.rounded(.up))), ratio(a.sparseBits, a.floorTotalBits)])
        }
        func sum(_ f: (StorageAccount) -> Int) -> Int { accounts.reduce(0) { $0 + f($1) } }
        let floor = accounts.reduce(0.0) { $0 + $1.floorTotalBits }
        rows.append(["total", "\(sum(\.nonZeros))", "\(sum(\.denseBits))", "", "\(sum(\.sparseValueBits))",
                     "\(sum(\.sparsePositionBits))", "\(sum(\.sparsePaddingBits))", "\(sum(\.sparseBoundaryBits))",
                     "\(sum(\.sparseBits))", String(Int(floor.rounded(.up))), ratio(sum(\.sparseBits), floor)])
        return TextTable(rows: rows, rightAligned: Set([1, 2] + Array(4...10))).render()
            + "weight storage, dense engine (compacted matrix) vs sparse lane engine (one row group, --index format per layer);\n"
            + "padding: escape codes and word fill; boundaries: per-group code and word counts;\n"
            + "floor: values + log2 C(n, nnz) bits to locate the non-zeros among the layer's n weights\n"
    }
}
