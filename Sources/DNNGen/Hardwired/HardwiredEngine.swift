/// A matrix layer as constant logic: every weight is wired in, every output is a
/// shift-and-add network over the non-zero weights' canonical signed digits, with adders shared
/// across the layer's outputs, and the requantization multiplier is a shift-and-add too.
/// Zero weights cost nothing and need no index.
///
/// One input vector a clock (all elements in one beat), one output vector a clock (all rows in
/// one beat). Pipeline registers are placed by adder depth: stage `k` holds the adders at
/// levels `k·L+1 … (k+1)·L`, `L = levelsPerStage`; the clamp counts as one level (two with
/// half-to-even rounding). Latency = `stages` clocks; a stall holds every stage.
public struct HardwiredEngine: Equatable, Sendable {
    var graph: AdderGraph
    var outputs: [HardwiredOutput]
    public var levelsPerStage: Int
    public var outputType: ActivationType

    public static let defaultLevelsPerStage = 8

    public static func == (a: HardwiredEngine, b: HardwiredEngine) -> Bool {
        a.graph.nodes == b.graph.nodes && a.outputs == b.outputs && a.levelsPerStage == b.levelsPerStage
    }

    /// Builds the network for a `rows × columns` matrix (row-major, values as stored).
    init(weights: CompactIntegers, rows: Int, columns: Int, bias: [Int128], multipliers: [Int], shifts: [Int],
         rounding: Rounding, inputType: ActivationType, outputType: ActivationType, levelsPerStage: Int) {
        let inputRange = Int128(inputType.min)...Int128(inputType.max)
        var graph = AdderGraph(inputRanges: Array(repeating: inputRange, count: columns))
        let rowTerms: [[ShiftTerm]] = (0..<rows).map { r in
            var terms: [ShiftTerm] = []
            for c in 0..<columns {
                for digit in CanonicalSignedDigits.digits(of: weights[r * columns + c]) {
                    terms.append(ShiftTerm(signal: c, shift: digit.shift, negative: digit.negative))
                }
            }
            return terms
        }
        let remaining = SubexpressionElimination.extract(rows: rowTerms, graph: &graph)
        var outputs: [HardwiredOutput] = []
        for r in 0..<rows {
            let b = bias.isEmpty ? 0 : bias[r]
            let m = multipliers[r]
            let s = shifts[r]
            let constantOutput = HardwiredOutput.constant(
                Requantization.apply(accumulator: b, multiplier: m, shift: s, rounding: rounding, output: outputType))
            guard m != 0, !remaining[r].isEmpty else { outputs.append(constantOutput); continue }
            // v = acc · m: a power of two in m shortens the shift instead.
            let digits = CanonicalSignedDigits.digits(of: m)
            let common = min(digits.first?.shift ?? 0, s)
            let shift = s - common
            // The bias times m, and for half_up the rounding offset 2^(shift-1), go in as one
            // constant: floor((v + 2^(s-1)) / 2^s) is half_up's definition.
            var constant = b * Int128(m >> common)
            if rounding == .halfUp && shift > 0 { constant += Int128(1) << Int128(shift - 1) }
            let root: ShiftTerm?
            if digits.count == 1, let digit = digits.first {
                // m is a power of two: the row's terms and the constant in one tree.
                root = graph.sum(remaining[r].map {
                    ShiftTerm(signal: $0.signal, shift: $0.shift + digit.shift - common, negative: $0.negative != digit.negative)
                }, constant: constant)
            } else if let acc = graph.sum(remaining[r]) {
                root = graph.sum(digits.map {
                    ShiftTerm(signal: acc.signal, shift: acc.shift + $0.shift - common, negative: acc.negative != $0.negative)
                }, constant: constant)
            } else {
                root = nil
            }
            guard let root else { outputs.append(constantOutput); continue }
            let value = graph.offset(root, 0)
            outputs.append(.computed(value: value, shift: shift, halfEven: rounding == .halfEven))
        }
        self.graph = graph
        self.outputs = outputs
        self.levelsPerStage = max(1, levelsPerStage)
        self.outputType = outputType
    }
}
