/// Picks a layer's index format from `--index`: the given one (its parameter checked against
/// the layer, or the best parameter), or under `auto` the one with the least storage among
/// those that cost (almost) no extra clocks.
enum SparseFormatChoice {
    static func choose(_ request: SparseIndexRequest, gaps: SparseGroupGaps, weightBits: Int,
                       layer: String) throws(PlanError) -> SparseStreamCost {
        let columns = gaps.columns
        let candidates: [SparseIndexFormat]
        switch request {
        case .auto:
            candidates = SparseIndexFormat.candidates(columns: columns, weightBits: weightBits)
        case .relative(let bits?):
            guard (1...16).contains(bits), (1 << bits) - 1 <= sparseMaxRowSpan * columns, bits + weightBits <= sparseLongestCode else {
                throw PlanError(layer: layer, "--index relative:\(bits) cannot encode this layer: the escape 2^\(bits)-1 must not exceed \(sparseMaxRowSpan) rows of its \(columns) columns, and delta plus \(weightBits)-bit value at most \(sparseLongestCode) bits")
            }
            candidates = [.relative(bits: bits)]
        case .relative(nil):
            candidates = SparseIndexFormat.candidates(columns: columns, weightBits: weightBits).filter { $0.name == "relative" }
        case .rice(let k?):
            guard (0...15).contains(k), !SparseIndexFormat.riceQmaxChoices(k: k, columns: columns, weightBits: weightBits).isEmpty else {
                throw PlanError(layer: layer, "--index rice:\(k): Rice parameter out of range for this layer (k from 0 while 2^k <= \(sparseMaxRowSpan) rows of its \(columns) columns and the code fits \(sparseLongestCode) bits)")
            }
            candidates = SparseIndexFormat.riceQmaxChoices(k: k, columns: columns, weightBits: weightBits).map {
                k == 0 ? .bitmap(qmax: $0) : .rice(k: k, qmax: $0)
            }
        case .rice(nil):
            // Rice with k = 0 is the bitmap's code.
            candidates = SparseIndexFormat.candidates(columns: columns, weightBits: weightBits).filter { $0.name != "relative" }
        case .bitmap:
            candidates = SparseIndexFormat.candidates(columns: columns, weightBits: weightBits).filter { $0.name == "bitmap" }
        }
        let costs = candidates.map { gaps.measure(format: $0, weightBits: weightBits) }
        // Least storage among the formats within 1% of the fewest clocks (escape codes cost a
        // clock each, and on a small convolution every batch pays them); among equals the fewest clocks.
        let fewest = costs.map(\.maxCodes).min() ?? 0
        let fast = costs.filter { $0.maxCodes <= fewest + fewest / 100 }
        guard let best = fast.min(by: { ($0.totalBits, $0.maxCodes) < ($1.totalBits, $1.maxCodes) }) else {
            throw PlanError(layer: layer, "--index \(request): no format of this kind can encode this layer (\(columns) columns, \(weightBits)-bit weights)")
        }
        return best
    }
}

extension SparseGroupGaps {
    /// Group `g`'s code stream in `cost.format`, first bit first; its ROM packs bit `i` at bit
    /// `i mod width` of word `i / width`.
    func streamBits(group g: Int, cost: SparseStreamCost, kind: WeightKind) -> [Bool] {
        var bits: [Bool] = []
        func append(_ value: Int, _ width: Int) {
            for i in 0..<width { bits.append((value >> i) & 1 != 0) }
        }
        let format = cost.format
        for (gap, value) in zip(gaps[g], values[g]) {
            let (escapes, rest) = Self.split(gap: gap, format: format)
            for _ in 0..<escapes {
                switch format {
                case .relative(let b): append((1 << b) - 1, b)
                case .rice(_, let qmax), .bitmap(let qmax): append(0, qmax)
                }
            }
            switch format {
            case .relative(let b): append(rest, b)
            case .rice(let k, _):
                append(0, rest >> k)
                append(1, 1)
                append(rest & ((1 << k) - 1), k)
            case .bitmap:
                append(0, rest)
                append(1, 1)
            }
            append(Int(WeightEncoding.encode(value, kind: kind, bits: cost.weightBits)), cost.weightBits)
        }
        return bits
    }
}
