/// How one weight is stored in a ROM lane, per kind (the `WEIGHT_KIND` of `dnngen_mvu`).
public enum WeightEncoding {
    /// The lane's bits for weight `value`.
    ///
    /// `int` and `ternary`: two's complement. `binary`: 1 for +1, 0 for -1 (a 0 weight, which only
    /// padding can hold, reads as -1; padding inputs are zero so it adds nothing). `pow2`: the top
    /// bit is the sign, the rest `e`, with `e = 0` for zero and `e = k + 1` for `±2^k`.
    public static func encode(_ value: Int, kind: WeightKind, bits: Int) -> Int128 {
        switch kind {
        case .int, .ternary:
            return Int128(value)
        case .binary:
            return value > 0 ? 1 : 0
        case .pow2:
            guard value != 0 else { return 0 }
            let exponent = Int128(value.magnitude.trailingZeroBitCount + 1)
            return (value < 0 ? Int128(1) << Int128(bits - 1) : 0) | exponent
        }
    }

    /// The `WEIGHT_KIND` parameter value of `dnngen_mvu`.
    public static func verilogKind(_ kind: WeightKind) -> Int {
        switch kind {
        case .int: return 0
        case .binary: return 1
        case .ternary: return 2
        case .pow2: return 3
        }
    }
}
