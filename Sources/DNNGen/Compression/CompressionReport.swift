import Foundation

/// The compression table the ADMM papers print: per layer, the weights before and after and the
/// rate, and the bits before (float32) and after, indices included for the sparse format.
///
/// Counted on the written integer model: "kept" is its non-zero weights (4-bit rounding may
/// add zeros to the mask's); "compacted" is the matrix the dense engine stores (pruned rows and
/// columns removed, any zeros left inside it stored); the sparse bits are what the sparse engine
/// stores (the sparse lane engine's code streams in the smallest format per layer, one row group).
public struct CompressionReport: Sendable {
    public struct Row: Equatable, Sendable {
        public var layer: String
        public var weights: Int
        public var kept: Int
        public var compacted: Int
        public var floatBits: Int { weights * 32 }
        /// `compacted × weight bits`.
        public var denseBits: Int
        public var sparseBits: Int
        /// `weights / kept`.
        public var rate: Double { Double(weights) / Double(Swift.max(1, kept)) }
    }

    public var rows: [Row]
    public var kind: PruningKind
    public var stages: [CompressionResult.Stage]

    public init(parent: FloatModel, result: CompressionResult, kind: PruningKind) {
        self.kind = kind
        stages = result.stages
        let network = try? CompactedNetwork(model: result.model)
        let storage = network.flatMap { try? $0.storageAccounts(index: SparseIndexRequest.auto) } ?? []
        rows = Analysis.analyze(result.model).filter(\.hasWeights).map { layer in
            Row(layer: layer.name, weights: layer.parameters, kept: layer.nonZeros,
                compacted: layer.compactedRows * layer.compactedColumns, denseBits: layer.storageBitsCompacted,
                sparseBits: storage.first { $0.layerName == layer.name }?.sparseBits ?? 0)
        }
    }

    public var total: Row {
        Row(layer: "total", weights: rows.reduce(0) { $0 + $1.weights }, kept: rows.reduce(0) { $0 + $1.kept },
            compacted: rows.reduce(0) { $0 + $1.compacted }, denseBits: rows.reduce(0) { $0 + $1.denseBits },
            sparseBits: rows.reduce(0) { $0 + $1.sparseBits })
    }

    /// Bits after, for the engine the pruning kind is meant for: the sparse format for irregular
    /// pruning, the compacted dense matrix for structured.
    public func bitsAfter(_ row: Row) -> Int {
        kind.isStructured ? row.denseBits : row.sparseBits
    }

    public var text: String {
        var table: [[String]] = [["layer", "weights", "kept", "rate", "compacted", "float bits", "dense bits", "sparse bits", "bit rate"]]
        for row in rows + [total] {
            table.append([row.layer, "\(row.weights)", "\(row.kept)", String(format: "%.1fx", row.rate), "\(row.compacted)",
                          "\(row.floatBits)", "\(row.denseBits)", "\(row.sparseBits)",
                          String(format: "%.1fx", Double(row.floatBits) / Double(Swift.max(1, bitsAfter(row))))])
        }
        var text = "compression (\(kind.rawValue) pruning):\n"
        text += TextTable(rows: table, rightAligned: Set(1..<9)).render()
        let engine = kind.isStructured ? "dense bits (compacted matrix)" : "sparse bits (values + indices + pointers)"
        text += "  rate = weights / kept; bit rate = float bits / \(engine)\n"
        text += "accuracy: " + stages.map { "\($0.name) \($0.accuracy.percentText)" }.joined(separator: ", ") + "\n"
        return text
    }
}
