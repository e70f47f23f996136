/// A term of a sum of shifted signals: `(negative ? -1 : 1) · signal · 2^shift`.
struct ShiftTerm: Equatable, Hashable, Sendable {
    var signal: Int
    var shift: Int
    var negative: Bool
}

/// A node of a shift-and-add network.
enum AdderNode: Equatable, Hashable, Sendable {
    /// Element `index` of the input vector.
    case input(index: Int)
    /// `low + high · 2^shift` (or `low - high · 2^shift`). With `shift > 0` the low `shift` bits
    /// of the result are `low`'s own bits: only the bits above need an adder.
    case add(low: Int, high: Int, shift: Int, subtract: Bool)
    /// `constant ± operand · 2^shift`: the constant's low `shift` bits pass through, and when
    /// nothing is subtracted and the constant has no bits above them, there is no adder at all.
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
    private var index: [AdderNode: Int] = [:]
    private let inputRanges: [ClosedRange<Int128>]

    init(inputRanges: [ClosedRange<Int128>]) {
        self.inputRanges = inputRanges
        for i in inputRanges.indices {
            var form = [Int128](repeating: 0, count: inputRanges.count)
            form[i] = 1
            append(.input(index: i), form: form, constant: 0, level: 0)
        }
    }

    var inputCount: Int { inputRanges.count }

    /// Width of node `n` as a two's-complement value.
    func width(_ n: Int) -> Int { Analysis.signedWidth(ranges[n]) }

    /// The node `low ± high · 2^shift`.
    mutating func add(low: Int, high: Int, shift: Int, subtract: Bool) -> Int {
        let node = AdderNode.add(low: low, high: high, shift: shift, subtract: subtract)
        if let existing = index[node] { return existing }
        let factor: Int128 = (subtract ? -1 : 1) << Int128(shift)
        var form = forms[low]
        for (i, c) in forms[high].enumerated() where c != 0 { form[i] += factor * c }
        return append(node, form: form, constant: constants[low] + factor * constants[high],
                      level: 1 + max(levels[low], levels[high]))
    }

    /// The node `constant + term`.
    mutating func offset(_ term: ShiftTerm, _ constant: Int128) -> Int {
        if constant == 0 && term.shift == 0 && !term.negative { return term.signal }
        let node = AdderNode.offset(operand: term.signal, shift: term.shift, negate: term.negative, constant: constant)
        if let existing = index[node] { return existing }
        let factor: Int128 = (term.negative ? -1 : 1) << Int128(term.shift)
        let form = forms[term.signal].map { $0 * factor }
        return append(node, form: form, constant: constant + factor * constants[term.signal],
                      level: levels[term.signal] + (Self.offsetNeedsAdder(node) ? 1 : 0))
    }

    /// Whether an offset node is an adder (else it is wiring: a shift with constant low bits).
    static func offsetNeedsAdder(_ node: AdderNode) -> Bool {
        guard case .offset(_, let shift, let negate, let constant) = node else { return true }
        return negate || constant >> Int128(shift) != 0 || constant < 0
    }

    /// The node for two terms added, and the term it makes: the lower-shifted term is the
    /// adder's low operand (so the bits below the other pass through) and sets the sign.
    mutating func combine(_ a: ShiftTerm, _ b: ShiftTerm) -> ShiftTerm {
        let (low, high) = a.shift < b.shift || (a.shift == b.shift && a.signal <= b.signal) ? (a, b) : (b, a)
        let node = add(low: low.signal, high: high.signal, shift: high.shift - low.shift, subtract: low.negative != high.negative)
        return ShiftTerm(signal: node, shift: low.shift, negative: low.negative)
    }

    /// One term for a sum of terms: a tree that always adds the two shallowest terms, so its
    /// depth is near `log2` of the terms' total and deep shared subexpressions join late.
    mutating func sum(_ terms: [ShiftTerm]) -> ShiftTerm? {
        var pending = terms.sorted { precedes($0, $1) }
        while pending.count > 1 {
            let merged = combine(pending[0], pending[1])
            pending.removeFirst(2)
            let at = pending.firstIndex { !precedes($0, merged) } ?? pending.count
            pending.insert(merged, at: at)
        }
        return pending.first
    }

    /// Shallower first; ties by signal, shift and sign, so the tree is the same on every run.
    private func precedes(_ a: ShiftTerm, _ b: ShiftTerm) -> Bool {
        (levels[a.signal], a.signal, a.shift, a.negative ? 1 : 0) < (levels[b.signal], b.signal, b.shift, b.negative ? 1 : 0)
    }

    @discardableResult
    private mutating func append(_ node: AdderNode, form: [Int128], constant: Int128, level: Int) -> Int {
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
        index[node] = nodes.count - 1
        return nodes.count - 1
    }
}
