import Foundation

/// A matrix in the sparse engine's format: rows interleaved over `pes` PEs (row `r` on PE
/// `r mod P` as local row `r / P`), each PE's non-zeros column by column (CSC) as a value and a
/// `indexBits`-bit relative row index, with padding entries where a gap does not fit.
///
/// Delta rule: a column's first entry sits at local row `delta`, each next one at
/// `previous + 1 + delta`. A gap of `g` zero rows takes `⌊g / 2^B⌋` padding entries (value 0,
/// delta `2^B − 1`), then the non-zero with delta `g mod 2^B`.
public struct SparseEncoding: Equatable, Sendable {
    public struct Entry: Equatable, Sendable {
        public var delta: Int
        public var value: Int
        public var isPadding: Bool
    }

    public var pes: Int
    public var indexBits: Int
    public var rows: Int
    public var columns: Int
    /// Per PE, its entries in column order.
    public var entries: [[Entry]]
    /// Per PE, `columns + 1` offsets: column `j`'s entries are `pointers[j] ..< pointers[j + 1]`.
    public var pointers: [[Int]]

    /// Depth of each PE's activation queue in `dnngen_sparse_mvu` (`ACT_FIFO_DEPTH`): a column
    /// waits there while its PE works through an earlier one.
    public static let activationFIFODepth = 8

    /// Encodes `weights` (`rows × columns`, row-major).
    public init(weights: CompactIntegers, rows: Int, columns: Int, pes: Int, indexBits: Int) {
        self.pes = pes
        self.indexBits = indexBits
        self.rows = rows
        self.columns = columns
        var entries = [[Entry]](repeating: [], count: pes)
        var pointers = [[Int]](repeating: [0], count: pes)
        Self.walk(weights: weights, rows: rows, columns: columns, pes: pes, indexBits: indexBits,
                  entry: { p, entry in entries[p].append(entry) },
                  columnEnd: { p in pointers[p].append(entries[p].count) })
        self.entries = entries
        self.pointers = pointers
    }

    /// The sizes of an encoding, counted without holding its entries (a storage account of a
    /// large layer needs only these).
    public struct Tally: Equatable, Sendable {
        public var totalEntries = 0
        public var paddingEntries = 0
        /// Entries of the fullest PE.
        public var maxEntries = 0
        /// Width of a pointer: enough for `maxEntries`.
        public var pointerWidth: Int { max(1, bitsToHold(maxEntries)) }
    }

    /// What `init` would hold for these arguments, as counts.
    public static func tally(weights: CompactIntegers, rows: Int, columns: Int, pes: Int, indexBits: Int) -> Tally {
        var tally = Tally()
        var perPE = [Int](repeating: 0, count: pes)
        walk(weights: weights, rows: rows, columns: columns, pes: pes, indexBits: indexBits,
             entry: { p, entry in
                 perPE[p] += 1
                 tally.totalEntries += 1
                 if entry.isPadding { tally.paddingEntries += 1 }
             },
             columnEnd: { _ in })
        tally.maxEntries = perPE.max() ?? 0
        return tally
    }

    /// The delta rule: calls `entry(p, e)` for each entry of PE `p` in order, and `columnEnd(p)`
    /// after each of its columns.
    private static func walk(weights: CompactIntegers, rows: Int, columns: Int, pes: Int, indexBits: Int,
                             entry: (Int, Entry) -> Void, columnEnd: (Int) -> Void) {
        let reach = 1 << indexBits
        for p in 0..<pes {
            for j in 0..<columns {
                var next = 0  // the local row the next entry's delta counts from
                var localRow = 0
                for r in stride(from: p, to: rows, by: pes) {
                    defer { localRow += 1 }
                    let w = weights[r * columns + j]
                    guard w != 0 else { continue }
                    var gap = localRow - next
                    while gap >= reach {
                        entry(p, Entry(delta: reach - 1, value: 0, isPadding: true))
                        gap -= reach
                    }
                    entry(p, Entry(delta: gap, value: w, isPadding: false))
                    next = localRow + 1
                }
                columnEnd(p)
            }
        }
    }

    /// Rows each PE holds (the last PEs may hold one fewer real row).
    public var localRows: Int { ceilDiv(rows, pes) }
    public var nonZeros: Int { entries.reduce(0) { $0 + $1.filter { !$0.isPadding }.count } }
    public var paddingEntries: Int { entries.reduce(0) { $0 + $1.filter(\.isPadding).count } }
    /// Entries of the fullest PE: the depth of every entry ROM.
    public var maxEntries: Int { entries.map(\.count).max() ?? 0 }
    public var totalEntries: Int { entries.reduce(0) { $0 + $1.count } }
    /// Width of a pointer: enough for `maxEntries`.
    public var pointerWidth: Int { max(1, bitsToHold(maxEntries)) }

    /// Depth of every PE's entry ROM: the fullest PE's entries, at least one.
    public var romEntries: Int { max(1, maxEntries) }

    /// Clocks per vector of `dnngen_sparse_mvu`, vectors back to back with the output never
    /// stalled (its header's formula): `max(IN_BEATS, COLS, W, LOCAL_ROWS, ⌊(W + LOCAL_ROWS + 3)/2⌋)`
    /// with `W = max_p Σ_j max(1, entries_p(j))` over the columns sent (non-zero activations,
    /// and always the last). `activeColumns` nil means every activation is non-zero.
    public func cyclesPerVector(activeColumns: [Bool]?, inBeats: Int) -> Int {
        var busiest = 0
        for p in 0..<pes {
            var work = 0
            for j in 0..<columns where activeColumns?[j] ?? true || j == columns - 1 {
                let sent = activeColumns?[j] ?? true
                work += max(1, sent ? entries(pe: p, column: j) : 0)
            }
            busiest = max(busiest, work)
        }
        return max(inBeats, columns, busiest, localRows, (busiest + localRows + 3) / 2)
    }

    /// Entries of PE `p` in column `j`.
    public func entries(pe p: Int, column j: Int) -> Int { pointers[p][j + 1] - pointers[p][j] }
}

/// Bits to write the numbers `0 ... value`.
func bitsToHold(_ value: Int) -> Int {
    var bits = 0
    while (1 << bits) <= value { bits += 1 }
    return bits
}

/// `log2 C(n, k)`: the fewest bits that can say which `k` of `n` positions hold the non-zeros.
public func log2Binomial(_ n: Int, _ k: Int) -> Double {
    guard k > 0, k < n else { return 0 }
    return (lgamma(Double(n + 1)) - lgamma(Double(k + 1)) - lgamma(Double(n - k + 1))) / log(2.0)
}

/// Defaults of the sparse engine's shape.
public enum SparseDefaults {
    public static let pes = 8
    public static let indexBits = 4
}
