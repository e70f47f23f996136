@testable import DNNGen

/// Bits packed as DEFLATE packs them: values least significant bit first, Huffman codes most
/// significant bit first (RFC 1951 §3.1.1).
struct BitWriter {
    private(set) var bytes: [UInt8] = []
    private var buffer: UInt64 = 0
    private var count = 0

    mutating func write(_ value: Int, bits: Int) {
        buffer |= UInt64(value & ((1 << bits) - 1)) << UInt64(count)
        count += bits
        while count >= 8 {
            bytes.append(UInt8(truncatingIfNeeded: buffer))
            buffer >>= 8
            count -= 8
        }
    }

    /// A Huffman code of `length` bits, first bit the most significant.
    mutating func writeCode(_ code: Int, length: Int) {
        for bit in stride(from: length - 1, through: 0, by: -1) { write(code >> bit & 1, bits: 1) }
    }

    mutating func alignToByte() {
        if count > 0 { write(0, bits: 8 - count) }
    }

    /// The bytes written, the last one padded with zero bits.
    mutating func finish() -> [UInt8] {
        alignToByte()
        return bytes
    }
}

/// One step of an LZ77 stream.
enum DeflateToken: Equatable {
    case literal(UInt8)
    case match(length: Int, distance: Int)
}

/// A DEFLATE encoder written from RFC 1951 for the tests, independent of the decoder: it writes
/// stored, fixed and dynamic blocks from tokens, so tests can build valid streams with every
/// feature and broken ones with one fault each.
enum DeflateWriter {
    static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99,
                             115, 131, 163, 195, 227, 258]
    static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769,
                               1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11,
                                12, 12, 13, 13]
    static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
    /// RFC 1951 §3.2.6.
    static let fixedLiteralLengths = (0..<288).map { $0 < 144 ? 8 : $0 < 256 ? 9 : $0 < 280 ? 7 : 8 }

    /// The canonical codes for `lengths` (RFC 1951 §3.2.2, steps 1–3); 0 for unused symbols.
    static func canonicalCodes(_ lengths: [Int]) -> [Int] {
        let maximum = lengths.max() ?? 0
        var lengthCount = [Int](repeating: 0, count: maximum + 1)
        for length in lengths where length > 0 { lengthCount[length] += 1 }
        var nextCode = [Int](repeating: 0, count: maximum + 2)
        var code = 0
        for bits in stride(from: 1, through: maximum, by: 1) {
            code = (code + lengthCount[bits - 1]) << 1
            nextCode[bits] = code
        }
        return lengths.map { length in
            guard length > 0 else { return 0 }
            defer { nextCode[length] += 1 }
            return nextCode[length]
        }
    }

    /// (symbol index into `lengthBase`, extra value) of a match length 3...258.
    static func lengthCode(_ length: Int) -> (index: Int, extra: Int) {
        if length == 258 { return (28, 0) }
        let index = lengthBase[0..<28].lastIndex { $0 <= length } ?? 0
        return (index, length - lengthBase[index])
    }

    static func distanceCode(_ distance: Int) -> (index: Int, extra: Int) {
        let index = distanceBase.lastIndex { $0 <= distance } ?? 0
        return (index, distance - distanceBase[index])
    }

    /// The bytes `tokens` stand for.
    static func expand(_ tokens: [DeflateToken]) -> [UInt8] {
        var output: [UInt8] = []
        for token in tokens {
            switch token {
            case .literal(let byte): output.append(byte)
            case .match(let length, let distance):
                for _ in 0..<length { output.append(output[output.count - distance]) }
            }
        }
        return output
    }

    /// `count` tokens over a small alphabet, a third of them matches reaching up to 32768 bytes back.
    static func randomTokens(_ count: Int, random: inout FormatFixtures.Random) -> [DeflateToken] {
        var tokens: [DeflateToken] = []
        var produced = 0
        for _ in 0..<count {
            if produced > 0, Int.random(in: 0..<3, using: &random) == 0 {
                let length = Bool.random(using: &random) ? Int.random(in: 3...10, using: &random)
                                                          : Int.random(in: 3...258, using: &random)
                let distance = Bool.random(using: &random) ? Int.random(in: 1...Swift.min(produced, 64), using: &random)
                                                            : Int.random(in: 1...Swift.min(produced, 32768), using: &random)
                tokens.append(.match(length: length, distance: distance))
                produced += length
            } else {
                tokens.append(.literal(UInt8(Int.random(in: 0...40, using: &random) * 6 % 256)))
                produced += 1
            }
        }
        return tokens
    }

    /// Code lengths of a complete code over `used` symbols of an alphabet of `size`, at most
    /// `maximumBits` long: the leaves of a random full binary tree, biased to be deep. One symbol
    /// gets a single 1-bit code (incomplete, as DEFLATE allows for one distance code).
    static func randomLengths(used: [Int], size: Int, maximumBits: Int, random: inout FormatFixtures.Random) -> [Int] {
        var lengths = [Int](repeating: 0, count: size)
        guard used.count > 1 else {
            if let only = used.first { lengths[only] = 1 }
            return lengths
        }
        var leaves = [0]
        while leaves.count < used.count {
            var pick = Bool.random(using: &random) ? leaves.count - 1 : Int.random(in: 0..<leaves.count, using: &random)
            if leaves[pick] >= maximumBits { pick = leaves.firstIndex { $0 < maximumBits } ?? 0 }
            let depth = leaves[pick] + 1
            leaves[pick] = depth
            leaves.append(depth)
        }
        leaves.shuffle(using: &random)
        for (symbol, length) in zip(used, leaves) { lengths[symbol] = length }
        return lengths
    }

    // MARK: blocks

    static func storedBlock(_ data: [UInt8], final: Bool, into writer: inout BitWriter) {
        writer.write(final ? 1 : 0, bits: 1)
        writer.write(0, bits: 2)
        writer.alignToByte()
        writer.write(data.count, bits: 16)
        writer.write(~data.count & 0xFFFF, bits: 16)
        for byte in data { writer.write(Int(byte), bits: 8) }
    }

    static func fixedBlock(_ tokens: [DeflateToken], final: Bool, into writer: inout BitWriter) {
        writer.write(final ? 1 : 0, bits: 1)
        writer.write(1, bits: 2)
        writeTokens(tokens, literalLengths: fixedLiteralLengths, distanceLengths: [Int](repeating: 5, count: 30),
                    into: &writer)
    }

    /// A dynamic block for `tokens` with random complete codes over the symbols they use; the
    /// code lengths are run-length coded with symbols 16, 17 and 18 where they fit.
    static func dynamicBlock(_ tokens: [DeflateToken], final: Bool, random: inout FormatFixtures.Random,
                             into writer: inout BitWriter) {
        var literalSymbols: Set<Int> = [256]
        var distanceSymbols: Set<Int> = []
        for token in tokens {
            switch token {
            case .literal(let byte): literalSymbols.insert(Int(byte))
            case .match(let length, let distance):
                literalSymbols.insert(257 + lengthCode(length).index)
                distanceSymbols.insert(distanceCode(distance).index)
            }
        }
        let literalLengths = randomLengths(used: literalSymbols.sorted(), size: 286, maximumBits: 15, random: &random)
        let distanceLengths = randomLengths(used: distanceSymbols.sorted(), size: 30, maximumBits: 15, random: &random)
        writer.write(final ? 1 : 0, bits: 1)
        writer.write(2, bits: 2)
        writeDynamicHeader(literalLengths: literalLengths, distanceLengths: distanceLengths, random: &random,
                           into: &writer)
        writeTokens(tokens, literalLengths: literalLengths, distanceLengths: distanceLengths, into: &writer)
    }

    /// HLIT, HDIST, HCLEN, the code-length code and the run-length coded lengths.
    static func writeDynamicHeader(literalLengths: [Int], distanceLengths: [Int],
                                   random: inout FormatFixtures.Random, into writer: inout BitWriter) {
        let literalCount = Swift.max(257, (literalLengths.lastIndex { $0 > 0 } ?? 0) + 1)
        let distanceCount = Swift.max(1, (distanceLengths.lastIndex { $0 > 0 } ?? 0) + 1)
        let items = runLengthCode(Array(literalLengths[0..<literalCount]) + Array(distanceLengths[0..<distanceCount]))
        var used = Set(items.map(\.symbol))
        if used.count == 1 { used.insert(used.first == 0 ? 1 : 0) }  // the code-length code must be complete
        let codeLengthLengths = randomLengths(used: used.sorted(), size: 19, maximumBits: 7, random: &random)
        let codeLengthCount = Swift.max(4, (codeLengthOrder.lastIndex { codeLengthLengths[$0] > 0 } ?? 0) + 1)

        writer.write(literalCount - 257, bits: 5)
        writer.write(distanceCount - 1, bits: 5)
        writer.write(codeLengthCount - 4, bits: 4)
        for symbol in codeLengthOrder[0..<codeLengthCount] { writer.write(codeLengthLengths[symbol], bits: 3) }
        let codes = canonicalCodes(codeLengthLengths)
        for item in items {
            writer.writeCode(codes[item.symbol], length: codeLengthLengths[item.symbol])
            writer.write(item.extra, bits: item.extraBits)
        }
    }

    /// Code lengths as code-length symbols: 16 repeats the previous length 3–6 times, 17 and 18
    /// give 3–10 and 11–138 zeros.
    static func runLengthCode(_ lengths: [Int]) -> [(symbol: Int, extraBits: Int, extra: Int)] {
        var items: [(symbol: Int, extraBits: Int, extra: Int)] = []
        var index = 0
        while index < lengths.count {
            let value = lengths[index]
            var run = 1
            while index + run < lengths.count, lengths[index + run] == value { run += 1 }
            if value == 0, run >= 3 {
                let taken = Swift.min(run, 138)
                items.append(taken >= 11 ? (18, 7, taken - 11) : (17, 3, taken - 3))
                index += taken
            } else if value != 0, run >= 4 {
                items.append((value, 0, 0))
                var rest = run - 1
                index += 1
                while rest >= 3 {
                    let taken = Swift.min(rest, 6)
                    items.append((16, 2, taken - 3))
                    rest -= taken
                    index += taken
                }
            } else {
                items.append((value, 0, 0))
                index += 1
            }
        }
        return items
    }

    /// The tokens and an end-of-block symbol, in the given codes.
    static func writeTokens(_ tokens: [DeflateToken], literalLengths: [Int], distanceLengths: [Int],
                            into writer: inout BitWriter) {
        let literalCodes = canonicalCodes(literalLengths)
        let distanceCodes = canonicalCodes(distanceLengths)
        for token in tokens {
            switch token {
            case .literal(let byte):
                writer.writeCode(literalCodes[Int(byte)], length: literalLengths[Int(byte)])
            case .match(let length, let distance):
                let (lengthIndex, lengthExtraValue) = lengthCode(length)
                writer.writeCode(literalCodes[257 + lengthIndex], length: literalLengths[257 + lengthIndex])
                writer.write(lengthExtraValue, bits: lengthExtra[lengthIndex])
                let (distanceIndex, distanceExtraValue) = distanceCode(distance)
                writer.writeCode(distanceCodes[distanceIndex], length: distanceLengths[distanceIndex])
                writer.write(distanceExtraValue, bits: distanceExtra[distanceIndex])
            }
        }
        writer.writeCode(literalCodes[256], length: literalLengths[256])
    }

    // MARK: gzip

    /// A gzip member around `deflate`, the compressed form of `data`.
    static func gzipMember(_ deflate: [UInt8], of data: [UInt8], flags: UInt8 = 0, extra: [UInt8] = [],
                           name: String? = nil, comment: String? = nil) -> [UInt8] {
        var header: [UInt8] = [0x1F, 0x8B, 8, flags, 0, 0, 0, 0, 0, 255]
        if flags & 0x04 != 0 {
            LittleEndian.append(UInt64(extra.count), width: 2, to: &header)
            header += extra
        }
        if let name { header += Array(name.utf8) + [0] }
        if let comment { header += Array(comment.utf8) + [0] }
        if flags & 0x02 != 0 { LittleEndian.append(UInt64(CRC32.checksum(header) & 0xFFFF), width: 2, to: &header) }
        var bytes = header + deflate
        LittleEndian.append(UInt64(CRC32.checksum(data)), width: 4, to: &bytes)
        LittleEndian.append(UInt64(data.count), width: 4, to: &bytes)
        return bytes
    }
}
