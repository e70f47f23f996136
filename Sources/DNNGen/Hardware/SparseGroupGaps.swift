/// A matrix split into the sparse lane engine's row groups (row `r` in group `r mod G` as local
/// row `r / G`), each group's non-zeros as gaps over its linearized positions
/// (`localRow·columns + column`): what every index format codes, measured once per grouping.
struct SparseGroupGaps: Sendable {
    var groups: Int
    var columns: Int
    /// Per group, the gap before each non-zero (positions skipped since the previous one).
    /// Compact, since the report measures every layer of a model this way, however large.
    var gaps: [CompactIntegers]
    /// Per group, the non-zero values in position order.
    var values: [CompactIntegers]

    /// - Parameter weights: `rows × columns`, row-major.
    init<Weights: RandomAccessCollection<Int>>(weights: Weights, rows: Int, columns: Int, groups: Int) where Weights.Index == Int {
        self.groups = groups
        self.columns = columns
        var gaps = [CompactIntegers](repeating: CompactIntegers(), count: groups)
        var values = [CompactIntegers](repeating: CompactIntegers(), count: groups)
        for g in 0..<groups {
            var cursor = 0
            var localRow = 0
            for r in stride(from: g, to: rows, by: groups) {
                for c in 0..<columns {
                    let weight = weights[r * columns + c]
                    guard weight != 0 else { continue }
                    let position = localRow * columns + c
                    gaps[g].append(position - cursor)
                    values[g].append(weight)
                    cursor = position + 1
                }
                localRow += 1
            }
        }
        self.gaps = gaps
        self.values = values
    }

    var nonZeros: Int { values.reduce(0) { $0 + $1.count } }

    /// Escape codes a gap needs before its own code, and the gap that code then holds.
    static func split(gap: Int, format: SparseIndexFormat) -> (escapes: Int, rest: Int) {
        let (maxGap, escape) = format.reach
        guard gap > maxGap else { return (0, gap) }
        let escapes = (gap - maxGap + escape - 1) / escape
        return (escapes, gap - escapes * escape)
    }

    /// The cost of coding every group in `format`, without building the streams.
    func measure(format: SparseIndexFormat, weightBits: Int) -> SparseStreamCost {
        var cost = SparseStreamCost(format: format, weightBits: weightBits)
        for g in 0..<groups {
            var codes = 0
            var bits = 0
            for gap in gaps[g] {
                let (escapes, rest) = Self.split(gap: gap, format: format)
                codes += escapes + 1
                cost.escapeBits += escapes * format.escapeBits
                cost.positionBits += format.positionBits(gap: rest)
                bits += escapes * format.escapeBits + format.positionBits(gap: rest) + weightBits
            }
            cost.valueBits += gaps[g].count * weightBits
            cost.codes.append(codes)
            cost.words.append(ceilDiv(bits, cost.streamWidth))
        }
        return cost
    }
}

/// Codes, ROM words and the storage split of one layer's code streams in one format.
public struct SparseStreamCost: Equatable, Sendable {
    public var format: SparseIndexFormat
    public var weightBits: Int
    /// Per group: codes (the clocks it takes a batch) and ROM words.
    public var codes: [Int] = []
    public var words: [Int] = []
    public var valueBits = 0
    /// Bits that locate the non-zeros (the codes minus their values), escapes apart.
    public var positionBits = 0
    public var escapeBits = 0

    init(format: SparseIndexFormat, weightBits: Int) {
        self.format = format
        self.weightBits = weightBits
    }

    /// ROM word width: a power of 2 from 8 that holds the longest code.
    public var streamWidth: Int {
        var width = 8
        while width < format.longestCode(weightBits: weightBits) { width *= 2 }
        return width
    }
    /// The slowest group's codes: clocks per batch.
    public var maxCodes: Int { codes.max() ?? 0 }
    /// Every group's ROM holds its own words (one zero word for an empty group).
    public var romBits: Int { words.reduce(0) { $0 + max(1, $1) } * streamWidth }
    /// Zero bits that end each group's stream on a word boundary.
    public var fillBits: Int { romBits - valueBits - positionBits - escapeBits }
    /// Width of a group's code count and of its word count (the constants tied to the decoders).
    public var countWidth: Int { max(1, bitsToHold(maxCodes)) }
    public var addressWidth: Int { max(1, bitsToHold(max(1, (words.max() ?? 1)) - 1)) }
    /// The per-group constants: the only row/column boundary information the engine keeps.
    public var boundaryBits: Int { codes.count * (countWidth + addressWidth + 1) }
    /// Everything the layer's sparse weights take: ROM images plus the group constants.
    public var totalBits: Int { romBits + boundaryBits }
}
