/// The integer type of an activation: `bits` wide, signed or unsigned, and the zero point the
/// requantization adds after rounding (0, symmetric quantization, except in imported models
/// with asymmetric activations; model format version 2).
public struct ActivationType: Equatable, Hashable, Sendable {
    public var bits: Int
    public var signed: Bool
    /// Added to the rounded value before the clamp: `y = clamp(R(acc·m, s) + zeroPoint)`.
    public var zeroPoint: Int

    public init(bits: Int, signed: Bool, zeroPoint: Int = 0) {
        self.bits = bits
        self.signed = signed
        self.zeroPoint = zeroPoint
    }

    /// Smallest representable value: `-2^(bits-1)` when signed, else 0.
    public var min: Int { signed ? -(1 << (bits - 1)) : 0 }
    /// Largest representable value: `2^(bits-1)-1` when signed, else `2^bits-1`.
    public var max: Int { signed ? (1 << (bits - 1)) - 1 : (1 << bits) - 1 }

    public func contains(_ value: Int) -> Bool { value >= min && value <= max }

    /// Clamps a value into the type's range (the last step of requantization).
    public func clamp(_ value: Int128) -> Int {
        if value < Int128(min) { return min }
        if value > Int128(max) { return max }
        return Int(value)
    }

    /// "u8", "s4": the short form used in reports.
    public var shortName: String { (signed ? "s" : "u") + String(bits) }
}
