/// A fixed-width bit string built field by field from the least significant end: one ROM
/// word, one packed stream beat.
public struct BitWord: Equatable, Sendable {
    /// Bits, least significant first, 64 per limb.
    private var limbs: [UInt64] = []
    public private(set) var width = 0

    public init() {}

    /// Appends the low `width` bits of `value` (two's complement) above the bits already held.
    public mutating func append(_ value: Int128, width fieldWidth: Int) {
        let bits = UInt128(truncatingIfNeeded: value)
        for k in 0..<fieldWidth {
            let bit = k < 128 ? (bits >> UInt128(k)) & 1 : (value < 0 ? 1 : 0)
            let position = width + k
            if position / 64 >= limbs.count { limbs.append(0) }
            if bit != 0 { limbs[position / 64] |= UInt64(1) << UInt64(position % 64) }
        }
        width += fieldWidth
    }

    /// Fixed-width hexadecimal, most significant digit first: `⌈width/4⌉` digits.
    public var hex: String {
        let digits = max(1, (width + 3) / 4)
        var text = ""
        text.reserveCapacity(digits)
        let table = Array("0123456789abcdef")
        for d in stride(from: digits - 1, through: 0, by: -1) {
            var nibble = 0
            for b in 0..<4 {
                let position = d * 4 + b
                guard position < width, position / 64 < limbs.count else { continue }
                if limbs[position / 64] >> UInt64(position % 64) & 1 != 0 { nibble |= 1 << b }
            }
            text.append(table[nibble])
        }
        return text
    }

    /// Verilog sized binary literal of a bit mask, e.g. `4'b1011` (bit 0 last).
    public static func verilogMask(_ bits: [Bool]) -> String {
        "\(bits.count)'b" + String(bits.reversed().map { $0 ? "1" : "0" })
    }
}
