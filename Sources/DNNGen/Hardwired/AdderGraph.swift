/// A term of a sum of shifted signals: `(negative ? -1 : 1) · signal · 2^shift`.
struct ShiftTerm: Equatable, Hashable, Sendable {
    var signal: Int
    var shift: Int
    var negative: Bool
}

/// A node of a shift-and-add network.
///
/// Every node is held in *offset binary*: its bits are an unsigned `u`, its value `u + offset`
/// with a constant offset known at build time. A subtracted operand is its bitwise complement
/// (`-u = ~u - (2^w - 1)`), and constants only move the offset, so no value ever needs sign
/// extension: an adder costs a LUT only on the bits where both operands have bits (the zero
/// extension above the narrower one rides the carry chain), and all constants (bias, rounding,
/// complements) come in once, at the output, as one carry-chain add that costs no LUT.
enum AdderNode: Equatable, Hashable, Sendable {
    /// Element `index` of the input vector (a signed one with its sign bit flipped).
    case input(index: Int)
    /// `low + high · 2^shift` (or `low - high · 2^shift`, as `low + ~high · 2^shift`). With
    /// `shift > 0` the low `shift` bits of the result are `low`'s own bits.
    case add(low: Int, high: Int, shift: Int, subtract: Bool)
    /// `constant ± operand · 2^shift`: wiring (the operand or its complement, shifted); the
    /// constant goes into the offset.
    case offset(operand: Int, shift: Int, negate: Bool, constant: Int128)
}

/// A shift-and-add network over an input vector: each node is an input or one adder, with
/// its exact value range and its adder depth. Nodes are shared: asking for an adder that
/// exists returns the existing node.
struct AdderGraph: Sendable {
    private(set) var nodes: [AdderNode] = []
    /// Per node: the exact range of its value over all inputs in their ranges.
    private(set) var ranges: [ClosedRange<Int128>] = []
    /// Per node: adders on the longest path from an input (inputs 0).
    private(set) var levels: [Int] = []
    /// Per node: its value as a linear form of the inputs (plus a constant), from which the
    /// exact range follows; each input varies independently over its range.
    private var forms: [[Int128]] = []
    private var constants: [Int128] = []
    /// Per node: the constant the node's bits are offset by (value = bits + offset).
    private(set) var offsets: [Int128] = []
    private var index: [AdderNode: Int] = [:]
    private let inputRanges: [ClosedRange<Int128>]

    init(inputRanges: [ClosedRange<Int128>]) {
        self.inputRanges = inputRanges
        for i in inputRanges.indices {
            var form = [Int128](repeating: 0, count: inputRanges.count)
            form[i] = 1
            append(.input(index: i), form: form, constant: 0, level: 0, offset: min(0, inputRanges[i].lowerBound))
        }
    }

    var inputCount: Int { inputRanges.count }

    /// Width of node `n`'s bits: unsigned, wide enough for its value minus its offset.
    func width(_ n: Int) -> Int {
        let top = ranges[n].upperBound - offsets[n]
        var bits = 1
        while top >> Int128(bits) != 0 { bits += 1 }
        return bits
    }

    /// The largest value node `n`'s complement (`~bits`) can stand for, `2^width - 1`.
    func complementOffset(_ n: Int) -> Int128 { (Int128(1) << Int128(width(n))) - 1 }

    /// The node `low ± high · 2^shift`.
    mutating func add(low: Int, high: Int, shift: Int, subtract: Bool) -> Int {
        let node = AdderNode.add(low: low, high: high, shift: shift, subtract: subtract)
        if let existing = index[node] { return existing }
        let factor: Int128 = (subtract ? -1 : 1) << Int128(shift)
        var form = forms[low]
        for (i, c) in forms[high].enumerated() where c != 0 { form[i] += factor * c }
        let highOffset = subtract ? offsets[high] + complementOffset(high) : offsets[high]
        return append(node, form: form, constant: constants[low] + factor * constants[high],
                      level: 1 + max(levels[low], levels[high]), offset: offsets[low] + factor * highOffset)
    }

    /// The node `constant + term`.
    mutating func offset(_ term: ShiftTerm, _ constant: Int128) -> Int {
        if constant == 0 && term.shift == 0 && !term.negative { return term.signal }
        let node = AdderNode.offset(operand: term.signal, shift: term.shift, negate: term.negative, constant: constant)
        if let existing = index[node] { return existing }
        let factor: Int128 = (term.negative ? -1 : 1) << Int128(term.shift)
        let form = forms[term.signal].map { $0 * factor }
        let operandOffset = term.negative ? offsets[term.signal] + complementOffset(term.signal) : offsets[term.signal]
        return append(node, form: form, constant: constant + factor * constants[term.signal],
                      level: levels[term.signal], offset: constant + factor * operandOffset)
    }

    /// The node for two terms added, and the term it makes: the lower-shifted term is the
    /// adder's low operand (so the bits below the other pass through) and sets the sign.
    mutating func combine(_ a: ShiftTerm, _ b: ShiftTerm) -> ShiftTerm {
        let (low, high) = a.shift < b.shift || (a.shift == b.shift && a.signal <= b.signal) ? (a, b) : (b, a)
        let node = add(low: low.signal, high: high.signal, shift: high.shift - low.shift, subtract: low.negative != high.negative)
        return ShiftTerm(signal: node, shift: low.shift, negative: low.negative)
    }

    /// One term for `Σ terms + constant`; nil without terms.
    ///
    /// Huffman-like by width: always adds the two terms whose top bits (shift + width) are
    /// lowest. An adder costs the bits where both operands have bits, so narrow terms are best
    /// added to each other before they meet the wide ones. Similar tops pair up level by level,
    /// so the depth stays near `log2` of the terms. The constant only moves the offset.
    mutating func sum(_ terms: [ShiftTerm], constant: Int128 = 0) -> ShiftTerm? {
        guard !terms.isEmpty else { return nil }
        var pending: [PendingTerm] = terms.map { PendingTerm(term: $0, key: key($0)) }
        pending.sort { $0.key < $1.key }
        while pending.count > 1 {
            let a = pending.removeFirst()
            let b = pending.removeFirst()
            let merged = combine(a.term, b.term)
            let item = PendingTerm(term: merged, key: key(merged))
            let at = pending.firstIndex { !($0.key < item.key) } ?? pending.count
            pending.insert(item, at: at)
        }
        guard let root = pending.first?.term else { return nil }
        guard constant != 0 else { return root }
        return ShiftTerm(signal: offset(root, constant), shift: 0, negative: false)
    }

    private struct SumKey: Comparable {
        var top: Int
        var level: Int
        var signal: Int
        var shift: Int
        var negative: Int

        static func < (a: SumKey, b: SumKey) -> Bool {
            (a.top, a.level, a.signal, a.shift, a.negative) < (b.top, b.level, b.signal, b.shift, b.negative)
        }
    }

    private struct PendingTerm {
        var term: ShiftTerm
        var key: SumKey
    }

    /// Lower top bit first; ties by depth, signal, shift and sign, so every run builds the same tree.
    private func key(_ t: ShiftTerm) -> SumKey {
        SumKey(top: t.shift + width(t.signal), level: levels[t.signal], signal: t.signal, shift: t.shift, negative: t.negative ? 1 : 0)
    }

    @discardableResult
    private mutating func append(_ node: AdderNode, form: [Int128], constant: Int128, level: Int, offset: Int128) -> Int {
        var low = constant
        var high = constant
        for (i, c) in form.enumerated() where c != 0 {
            let a = c * inputRanges[i].lowerBound
            let b = c * inputRanges[i].upperBound
            low += min(a, b)
            high += max(a, b)
        }
        nodes.append(node)
        ranges.append(low...high)
        levels.append(level)
        forms.append(form)
        constants.append(constant)
        offsets.append(offset)
        index[node] = nodes.count - 1
        return nodes.count - 1
    }
}
