import Foundation

/// Turning a real scale ratio into the spec's integer requantization `m · 2^-s`.
public enum RequantDerivation {
    /// The multiplier and shift closest to `ratio`: the largest shift `s` in 0...62 with
    /// `round(ratio · 2^s) < 2^multiplierBits`, and `m = round(ratio · 2^s)`.
    ///
    /// The relative error of `m · 2^-s` is then at most `2^-multiplierBits` (for ratios that do
    /// not hit the shift limits).
    ///
    /// - Parameters:
    ///   - ratio: `s_in · s_w / s_out`, positive and finite.
    ///   - multiplierBits: 1...31; the spec allows `1 <= m < 2^31`.
    /// - Returns: nil when no legal pair comes near: `ratio · 2^62 < 0.5` (m would be 0) or
    ///   `ratio >= 2^multiplierBits - 0.5` (m too large even at shift 0).
    public static func multiplierShift(for ratio: Double, multiplierBits: Int) -> (multiplier: Int, shift: Int)? {
        precondition((1...31).contains(multiplierBits), "multiplier bits \(multiplierBits) not in 1...31")
        guard ratio > 0, ratio.isFinite else { return nil }
        let largest = Double((1 << multiplierBits) - 1)
        var shift = Int(Foundation.floor(Foundation.log2(largest / ratio)))
        shift = Swift.min(Swift.max(shift, 0), 62)
        var multiplier = (ratio * Foundation.pow(2, Double(shift))).rounded()
        while multiplier > largest, shift > 0 {  // log2 rounding may overshoot by one
            shift -= 1
            multiplier = (ratio * Foundation.pow(2, Double(shift))).rounded()
        }
        guard multiplier >= 1, multiplier <= largest else { return nil }
        return (Int(multiplier), shift)
    }
}
