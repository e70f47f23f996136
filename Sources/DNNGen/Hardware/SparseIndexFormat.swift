/// How the sparse lane engine codes the positions of a layer's non-zeros (`dnngen_sparse_decoder`).
///
/// Positions are linearized over each row group's local rows (`row·columns + column`) and coded
/// as gaps, so rows and columns need no pointers. Every format decodes one code a clock; a gap
/// too long for one code takes escape codes (no value) that move the cursor on.
public enum SparseIndexFormat: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// EIE-style relative index: the gap in `bits` bits; the all-ones delta is the escape
    /// (advance `2^bits − 1`).
    case relative(bits: Int)
    /// Golomb–Rice: the gap's quotient `gap >> k` in unary (zeros, then a one), `k` remainder bits.
    /// `qmax` zeros with no one are the escape (advance `qmax·2^k`).
    case rice(k: Int, qmax: Int)
    /// One bit per position (the unary code of every gap: Rice with `k = 0`), escape after `qmax`.
    case bitmap(qmax: Int)

    public var description: String {
        switch self {
        case .relative(let bits): "relative \(bits)-bit"
        case .rice(let k, _): "rice k=\(k)"
        case .bitmap: "bitmap"
        }
    }

    /// Short name, as `--index` takes it.
    public var name: String {
        switch self {
        case .relative: "relative"
        case .rice: "rice"
        case .bitmap: "bitmap"
        }
    }

    /// Template parameters: FORMAT, INDEX_BITS, RICE_K, RICE_QMAX.
    var templateFormat: Int { if case .relative = self { 0 } else { 1 } }
    var templateIndexBits: Int { if case .relative(let bits) = self { bits } else { 1 } }
    var templateRiceK: Int { if case .rice(let k, _) = self { k } else { 0 } }
    var templateRiceQmax: Int {
        switch self {
        case .relative: 1
        case .rice(_, let qmax), .bitmap(let qmax): qmax
        }
    }

    /// Largest gap one code holds, and the escape's advance.
    var reach: (maxGap: Int, escape: Int) {
        switch self {
        case .relative(let bits): ((1 << bits) - 2, (1 << bits) - 1)
        case .rice(let k, let qmax): ((qmax << k) - 1, qmax << k)
        case .bitmap(let qmax): (qmax - 1, qmax)
        }
    }

    /// Bits of a code for `gap` without its value.
    func positionBits(gap: Int) -> Int {
        switch self {
        case .relative(let bits): bits
        case .rice(let k, _): (gap >> k) + 1 + k
        case .bitmap: gap + 1
        }
    }

    /// Bits of an escape code.
    var escapeBits: Int {
        switch self {
        case .relative(let bits): bits
        case .rice(_, let qmax), .bitmap(let qmax): qmax
        }
    }

    /// The longest code, value included: the decoder's window.
    func longestCode(weightBits: Int) -> Int {
        switch self {
        case .relative(let bits): bits + weightBits
        case .rice(let k, let qmax): qmax + 1 + k + weightBits
        case .bitmap(let qmax): qmax + 1 + weightBits
        }
    }
}

/// What `--index` asks for: a format (with or without its parameter), or the smallest per layer.
public enum SparseIndexRequest: Equatable, Sendable, CustomStringConvertible {
    case auto
    case relative(bits: Int?)
    case rice(k: Int?)
    case bitmap

    /// As `--index` writes it.
    public var description: String {
        switch self {
        case .auto: "auto"
        case .relative(let bits): bits.map { "relative:\($0)" } ?? "relative"
        case .rice(let k): k.map { "rice:\($0)" } ?? "rice"
        case .bitmap: "bitmap"
        }
    }

    /// Parses `auto`, `relative`, `relative:B`, `rice`, `rice:K`, `bitmap`.
    public init?(argument: String) {
        let parts = argument.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        let parameter = parts.count == 2 ? Int(parts[1]) : nil
        if parts.count == 2 && parameter == nil { return nil }
        guard parts.count <= 2 else { return nil }
        switch parts[0] {
        case "auto" where parts.count == 1: self = .auto
        case "bitmap" where parts.count == 1: self = .bitmap
        case "relative": self = .relative(bits: parameter)
        case "rice": self = .rice(k: parameter)
        default: return nil
        }
    }
}

/// The longest code the decoder takes (its shifter and the ROM word bound it).
let sparseLongestCode = 32

/// Row boundaries one code may cross at most (the decoder's comparators): bounds the escape.
let sparseMaxRowSpan = 16

extension SparseIndexFormat {
    /// Row boundaries the longest code crosses in a layer of `columns` columns: `ROW_SPAN`.
    func rowSpan(columns: Int) -> Int { max(1, ceilDiv(reach.escape, max(1, columns))) }

    /// The formats worth trying for a layer of `columns` columns and `weightBits`-bit values:
    /// every relative width and Rice `k` the decoder can take, and the bitmap; for Rice and the
    /// bitmap a short escape (one row: a narrow stream word) and the longest (fewest escapes).
    static func candidates(columns: Int, weightBits: Int) -> [SparseIndexFormat] {
        var all: [SparseIndexFormat] = []
        for bits in 1...16 where (1 << bits) - 1 <= sparseMaxRowSpan * columns && bits + weightBits <= sparseLongestCode {
            all.append(.relative(bits: bits))
        }
        for k in 0...15 {
            for qmax in riceQmaxChoices(k: k, columns: columns, weightBits: weightBits) {
                all.append(k == 0 ? .bitmap(qmax: qmax) : .rice(k: k, qmax: qmax))
            }
        }
        return all
    }

    /// Escape lengths for Rice `k`: within one row if possible, and as long as the decoder allows.
    static func riceQmaxChoices(k: Int, columns: Int, weightBits: Int) -> [Int] {
        let window = sparseLongestCode - 1 - k - weightBits
        let longest = min(window, (sparseMaxRowSpan * columns) >> k)
        guard longest >= 1 else { return [] }
        let oneRow = min(longest, max(1, columns >> k))
        return oneRow == longest ? [longest] : [oneRow, longest]
    }
}
