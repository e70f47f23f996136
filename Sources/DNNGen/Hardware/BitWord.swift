/// A fixed-width bit string built field by field from the least significant end: one ROM
/// word, one packed stream beat, or a whole ROM image (its words one after another).
public struct BitWord: Equatable, Sendable {
    /// Bits, least significant first, 64 per limb.
    private var limbs: [UInt64] = []
    public private(set) var width = 0

    public init() {}

    /// Appends the low `width` bits of `value` (two's complement, sign-extended past 128 bits)
    /// above the bits already held.
    public mutating func append(_ value: Int128, width fieldWidth: Int) {
        let bits = UInt128(truncatingIfNeeded: value)
        var done = 0
        while done < fieldWidth {
            let chunk = min(64, fieldWidth - done)
            var piece = done < 128 ? UInt64(truncatingIfNeeded: bits >> UInt128(done)) : (value < 0 ? UInt64.max : 0)
            if chunk < 64 { piece &= (UInt64(1) << UInt64(chunk)) - 1 }
            while limbs.count * 64 < width + chunk { limbs.append(0) }
            let (limb, offset) = (width / 64, width % 64)
            limbs[limb] |= piece << UInt64(offset)
            if offset + chunk > 64 { limbs[limb + 1] |= piece >> UInt64(64 - offset) }
            width += chunk
            done += chunk
        }
    }

    /// Fixed-width hexadecimal, most significant digit first: `⌈width/4⌉` digits.
    public var hex: String {
        var text: [UInt8] = []
        appendHex(from: 0, width: width, to: &text)
        return String(decoding: text, as: UTF8.self)
    }

    /// Appends bits `start ..< start + count` as `max(1, ⌈count/4⌉)` hexadecimal digits (ASCII),
    /// most significant first.
    func appendHex(from start: Int, width count: Int, to text: inout [UInt8]) {
        let digits = max(1, (count + 3) / 4)
        for d in stride(from: digits - 1, through: 0, by: -1) {
            let nibble = bits(at: start + d * 4, count: min(4, count - d * 4))
            text.append(nibble < 10 ? 48 + UInt8(nibble) : 87 + UInt8(nibble))  // "0"..."9", "a"..."f"
        }
    }

    /// The `count` (at most 64) bits from `position` up, zero where nothing is held.
    private func bits(at position: Int, count: Int) -> UInt64 {
        guard count > 0 else { return 0 }
        let (limb, offset) = (position / 64, position % 64)
        guard limb < limbs.count else { return 0 }
        var value = limbs[limb] >> UInt64(offset)
        if offset + count > 64, limb + 1 < limbs.count { value |= limbs[limb + 1] << UInt64(64 - offset) }
        return count < 64 ? value & ((UInt64(1) << UInt64(count)) - 1) : value
    }

    /// Verilog sized binary literal of a bit mask, e.g. `4'b1011` (bit 0 last).
    public static func verilogMask(_ bits: [Bool]) -> String {
        "\(bits.count)'b" + String(bits.reversed().map { $0 ? "1" : "0" })
    }
}
