/// One non-zero digit of a canonical signed-digit (CSD) number: `±2^shift`.
struct SignedDigit: Equatable, Hashable, Sendable {
    var shift: Int
    var negative: Bool
}

/// Canonical signed-digit recoding: the representation of an integer with digits in
/// {-1, 0, +1} and no two adjacent non-zero digits, which has the fewest non-zero digits of any
/// signed-digit form (on average a third of the bits, against a half for plain binary). Each
/// non-zero digit of a constant weight is one term of a shift-and-add network.
enum CanonicalSignedDigits {
    /// The non-zero digits of `value`, lowest first; empty for 0.
    static func digits(of value: Int) -> [SignedDigit] {
        var result: [SignedDigit] = []
        var v = Int128(value)
        var shift = 0
        while v != 0 {
            if v & 1 != 0 {
                // Two low bits 11 (mod 4 == 3): take -1 here and carry; 01: take +1.
                let digit: Int128 = (v & 3) == 3 ? -1 : 1
                result.append(SignedDigit(shift: shift, negative: digit < 0))
                v -= digit
            }
            v >>= 1
            shift += 1
        }
        return result
    }
}
