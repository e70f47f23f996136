/// A canonical Huffman code of DEFLATE (RFC 1951 §3.2.2), ready for table-driven decoding.
///
/// Codes of up to `fastBits` bits decode with one look-up in `fast`, indexed by the next
/// `fastBits` input bits (first bit lowest, as DEFLATE packs them); longer codes, which are rare
/// by construction, decode bit by bit from `counts` and `symbols` as zlib's `puff` does.
struct HuffmanCode: Sendable {
    static let maximumBits = 15
    static let fastBits = 10

    /// Whether every bit string of `maximumBits` bits starts with a code (Kraft sum exactly 1).
    let isComplete: Bool
    /// How many symbols have a code at all.
    let codeCount: Int
    /// `counts[n]`: how many codes have `n` bits (`counts[0]` unused).
    let counts: [Int]
    /// The coded symbols in canonical order: by code length, then by symbol.
    let symbols: [Int]
    /// `symbol << 4 | length` for codes of at most `fastBits` bits, 0 where the next bits start a
    /// longer code or no code.
    let fast: [UInt16]

    /// The canonical code with these code lengths (0 = symbol unused).
    ///
    /// - Returns: nil if the lengths are over-subscribed (more codes than bit strings), which no
    ///   encoder can produce. Incomplete codes are built; callers decide whether to accept them.
    init?(lengths: [Int]) {
        var counts = [Int](repeating: 0, count: Self.maximumBits + 1)
        for length in lengths { counts[length] += 1 }
        var left = 1
        for length in 1...Self.maximumBits {
            left = (left << 1) - counts[length]
            if left < 0 { return nil }
        }
        var offsets = [Int](repeating: 0, count: Self.maximumBits + 2)
        for length in 1...Self.maximumBits { offsets[length + 1] = offsets[length] + counts[length] }
        var symbols = [Int](repeating: 0, count: offsets[Self.maximumBits + 1])
        for (symbol, length) in lengths.enumerated() where length != 0 {
            symbols[offsets[length]] = symbol
            offsets[length] += 1
        }

        var fast = [UInt16](repeating: 0, count: 1 << Self.fastBits)
        var code = 0
        var index = 0
        for length in 1...Self.fastBits {
            for _ in 0..<counts[length] {
                let entry = UInt16(symbols[index] << 4 | length)
                var slot = Self.reversed(code, bits: length)
                while slot < fast.count {
                    fast[slot] = entry
                    slot += 1 << length
                }
                code += 1
                index += 1
            }
            code <<= 1
        }

        self.isComplete = left == 0
        self.codeCount = symbols.count
        self.counts = counts
        self.symbols = symbols
        self.fast = fast
    }

    /// The low `bits` bits of `code` in reverse order (Huffman codes are sent most significant bit first).
    static func reversed(_ code: Int, bits: Int) -> Int {
        var result = 0
        var rest = code
        for _ in 0..<bits {
            result = result << 1 | rest & 1
            rest >>= 1
        }
        return result
    }

    /// The fixed literal/length code of block type 1 (symbols 286 and 287 have codes but are invalid).
    static let fixedLiteralLength: HuffmanCode = {
        let lengths = (0..<288).map { symbol in symbol < 144 ? 8 : symbol < 256 ? 9 : symbol < 280 ? 7 : 8 }
        guard let code = HuffmanCode(lengths: lengths) else { preconditionFailure("the fixed code is complete") }
        return code
    }()

    /// The fixed distance code of block type 1: 5 bits for each of 30 distances (plus 2 invalid symbols).
    static let fixedDistance: HuffmanCode = {
        guard let code = HuffmanCode(lengths: [Int](repeating: 5, count: 32)) else {
            preconditionFailure("the fixed code is complete")
        }
        return code
    }()
}
