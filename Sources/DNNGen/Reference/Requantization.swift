/// The requantization step of docs/model-format.md §2, to the bit: `y = clamp(R(acc · m, s), lo, hi)`.
///
/// `R(v, 0) = v`; for `s > 0`, with `q = floor(v / 2^s)` (an arithmetic shift) and the
/// remainder `r = v - q·2^s`:
/// - `half_up`:   `q + 1` when `r >= 2^(s-1)` (ties toward +infinity),
/// - `half_even`: `q + 1` when `r > 2^(s-1)`, or `r == 2^(s-1)` and `q` is odd,
/// - `floor`:     `q`.
/// Comparing `r` with `2^(s-1)` only needs bit `s-1` of `v` and whether any lower bit is set,
/// so nothing is ever added to `v` and nothing can overflow.
public enum Requantization {
    /// `R(v, s)`: `v / 2^s` rounded as `rounding` says. Exact for every `v`; never traps.
    ///
    /// - Parameters:
    ///   - v: the product `acc · m`.
    ///   - shift: `s`; the spec allows 0...62. A shift `<= 0` is the identity; shifts of 128 or
    ///     more are exact too (the quotient is then 0, or -1 under `floor` for negative `v`).
    public static func roundShift(_ v: Int128, shift: Int, rounding: Rounding) -> Int128 {
        if shift <= 0 { return v }
        if shift >= 128 {
            // |v / 2^s| < 1/2, so only floor of a negative value leaves 0.
            return rounding == .floor && v < 0 ? -1 : 0
        }
        let quotient = v >> Int128(shift)
        if rounding == .floor { return quotient }
        let halfBit = (v >> Int128(shift - 1)) & 1 == 1
        guard halfBit else { return quotient }
        if rounding == .halfUp { return quotient + 1 }
        let belowHalf = v & ((Int128(1) << Int128(shift - 1)) - 1) != 0
        return belowHalf || quotient & 1 == 1 ? quotient + 1 : quotient
    }

    /// `clamp(R(accumulator · multiplier, shift) + output.zeroPoint, output.min, output.max)`, exact for every
    /// accumulator, multiplier and shift: a product that overflows 128 bits is rounded in 256.
    ///
    /// - Returns: a value of `output`'s range.
    public static func apply(accumulator: Int128, multiplier: Int, shift: Int, rounding: Rounding,
                             output: ActivationType) -> Int {
        let (product, overflow) = accumulator.multipliedReportingOverflow(by: Int128(multiplier))
        if !overflow {
            return output.clamp(adding(output.zeroPoint, to: roundShift(product, shift: shift, rounding: rounding)))
        }
        let (high, low) = accumulator.multipliedFullWidth(by: Int128(multiplier))
        let rounded = WideInteger(high: high, low: low).roundShift(shift, rounding: rounding)
        return output.clamp(adding(output.zeroPoint, to: rounded.clampedToInt128))
    }

    /// `value + zeroPoint`, left as it is where the sum would overflow: that far out, any
    /// small zero point leaves the clamp's result unchanged.
    private static func adding(_ zeroPoint: Int, to value: Int128) -> Int128 {
        let (sum, overflow) = value.addingReportingOverflow(Int128(zeroPoint))
        return overflow ? value : sum
    }
}

/// A signed 256-bit value `high · 2^128 + low`, just enough of it to round a product that
/// does not fit in 128 bits (models that pass `Analysis.checkArithmeticLimits` never need it).
struct WideInteger: Equatable {
    var high: Int128
    var low: UInt128

    /// Bit `index` (0...255) of the two's-complement value.
    func bit(_ index: Int) -> Bool {
        if index < 128 { return (low >> UInt128(index)) & 1 == 1 }
        return (high >> Int128(Swift.min(index - 128, 127))) & 1 == 1
    }

    /// Whether any of bits `0..<count` is set.
    func anyBitBelow(_ count: Int) -> Bool {
        if count <= 0 { return false }
        if count >= 128 {
            if low != 0 { return true }
            if count >= 256 { return high != 0 }
            return high & ((Int128(1) << Int128(count - 128)) - 1) != 0
        }
        return low & ((UInt128(1) << UInt128(count)) - 1) != 0
    }

    /// `floor(self / 2^shift)`, an arithmetic shift right.
    func shiftedRight(_ shift: Int) -> WideInteger {
        if shift <= 0 { return self }
        if shift >= 256 { return WideInteger(high: high >> 127, low: high < 0 ? .max : 0) }
        if shift >= 128 {
            let lowPart = high >> Int128(shift - 128)
            return WideInteger(high: high >> 127, low: UInt128(bitPattern: lowPart))
        }
        let carried = UInt128(bitPattern: high) << UInt128(128 - shift)
        return WideInteger(high: high >> Int128(shift), low: (low >> UInt128(shift)) | carried)
    }

    /// `self + 1`; callers only increment a quotient, which is far from the top of the range.
    func incremented() -> WideInteger {
        let (sum, carry) = low.addingReportingOverflow(1)
        return WideInteger(high: carry ? high &+ 1 : high, low: sum)
    }

    /// `R(self, shift)` with the same rules as `Requantization.roundShift`.
    func roundShift(_ shift: Int, rounding: Rounding) -> WideInteger {
        if shift <= 0 { return self }
        let s = Swift.min(shift, 256)
        let quotient = shiftedRight(s)
        if rounding == .floor || !bit(s - 1) { return quotient }
        if rounding == .halfUp { return quotient.incremented() }
        return anyBitBelow(s - 1) || quotient.low & 1 == 1 ? quotient.incremented() : quotient
    }

    /// The value if it fits in `Int128`, else `Int128.min` or `Int128.max` by its sign.
    var clampedToInt128: Int128 {
        let asLow = Int128(bitPattern: low)
        if high == 0 && asLow >= 0 { return asLow }
        if high == -1 && asLow < 0 { return asLow }
        return high < 0 ? .min : .max
    }
}
