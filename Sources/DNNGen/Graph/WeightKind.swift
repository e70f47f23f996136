/// How a layer's integer weights are restricted; cheaper kinds need no general multiplier.
public enum WeightKind: String, CaseIterable, Sendable {
    /// Any value in `[-2^(b-1), 2^(b-1)-1]`, `b` in 2...16.
    case int
    /// `-1` or `+1`, no zeros; `b` = 1.
    case binary
    /// `-1`, `0` or `+1`; `b` = 2.
    case ternary
    /// `0` or `±2^k` with `0 <= k <= 2^(b-1)-2`; `b` in 2...8.
    case pow2

    /// The legal `weight_bits` for this kind.
    public var allowedBits: ClosedRange<Int> {
        switch self {
        case .int: return 2...16
        case .binary: return 1...1
        case .ternary: return 2...2
        case .pow2: return 2...8
        }
    }

    /// Whether `value` is a legal weight of this kind at `bits` bits.
    public func allows(_ value: Int, bits: Int) -> Bool {
        switch self {
        case .int:
            return value >= -(1 << (bits - 1)) && value <= (1 << (bits - 1)) - 1
        case .binary:
            return value == -1 || value == 1
        case .ternary:
            return value >= -1 && value <= 1
        case .pow2:
            if value == 0 { return true }
            let magnitude = value.magnitude
            guard magnitude & (magnitude - 1) == 0 else { return false }
            return magnitude.trailingZeroBitCount <= (1 << (bits - 1)) - 2
        }
    }
}
