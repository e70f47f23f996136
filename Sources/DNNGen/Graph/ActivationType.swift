/// The integer type of an activation: `bits` wide, signed or unsigned, symmetric (no zero point).
public struct ActivationType: Equatable, Hashable, Sendable {
    public var bits: Int
    public var signed: Bool

    public init(bits: Int, signed: Bool) {
        self.bits = bits
        self.signed = signed
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
