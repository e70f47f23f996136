/// A DEFLATE decoder (RFC 1951): stored, fixed-Huffman and dynamic-Huffman blocks.
///
/// Pure Swift and strict: every malformed stream throws an `InflateError` (truncation, reserved
/// block type, a stored length that disagrees with its complement, over-subscribed or incomplete
/// codes, invalid symbols, distances before the start of the data), and output beyond
/// `maximumOutput` bytes throws rather than exhausting memory. Nothing traps or loops forever:
/// every step consumes input or produces bounded output.
public enum Inflate {
    /// The default bound on decompressed bytes (1 GiB; Fashion-MNIST's largest file is 47 MB).
    public static let defaultMaximumOutput = 1 << 30

    /// The bytes a raw DEFLATE stream decompresses to.
    ///
    /// - Parameters:
    ///   - data: the stream; nothing may follow its final block but the padding bits of its last byte.
    ///   - maximumOutput: the most bytes to produce.
    /// - Throws: `InflateError` saying what is wrong and at which compressed byte.
    /// - Complexity: linear in the input and output sizes.
    public static func decompress(_ data: [UInt8], maximumOutput: Int = defaultMaximumOutput)
        throws(InflateError) -> [UInt8]
    {
        var decoder = DeflateDecoder(input: data, position: 0, output: [], maximumOutput: maximumOutput)
        try decoder.decodeStream()
        guard decoder.position == data.count else {
            throw InflateError("\(data.count - decoder.position) bytes follow the final block", offset: decoder.position)
        }
        return decoder.output
    }
}

/// The state of one DEFLATE decode: the input and its bit buffer, and the output so far.
///
/// Bits are read least significant first from `bitBuffer`, refilled a byte at a time from
/// `input[position...]`; after `decodeStream` returns, `position` is the first byte after the
/// stream (unread whole bytes are returned from the bit buffer).
struct DeflateDecoder {
    let input: [UInt8]
    /// The next input byte to load into the bit buffer.
    private(set) var position: Int
    private var bitBuffer: UInt64 = 0
    private var bitCount = 0
    /// Everything decoded, after whatever `output` held at the start.
    private(set) var output: [UInt8]
    /// Where this stream's output starts in `output` (distances may not reach before it).
    private let streamStart: Int
    private let maximumOutput: Int

    /// A decoder that reads a stream at `input[position...]` and appends to `output`.
    ///
    /// - Parameter maximumOutput: the most bytes `output` may hold in total.
    init(input: [UInt8], position: Int, output: [UInt8], maximumOutput: Int) {
        self.input = input
        self.position = position
        self.output = output
        self.streamStart = output.count
        self.maximumOutput = maximumOutput
    }

    /// Reserves room for `bytes` more output bytes (a hint, bounded by `maximumOutput`).
    mutating func reserveOutput(_ bytes: Int) {
        output.reserveCapacity(output.count + Swift.max(0, Swift.min(bytes, maximumOutput - output.count)))
    }

    /// Decodes blocks up to and including the final one.
    mutating func decodeStream() throws(InflateError) {
        var isFinal = false
        while !isFinal {
            isFinal = try bits(1) == 1
            switch try bits(2) {
            case 0: try storedBlock()
            case 1: try huffmanBlock(literalLength: .fixedLiteralLength, distance: .fixedDistance)
            case 2:
                let (literalLength, distance) = try dynamicCodes()
                try huffmanBlock(literalLength: literalLength, distance: distance)
            default: throw error("block type 3 is reserved (not DEFLATE data?)")
            }
        }
        returnUnreadBytes()
    }

    // MARK: bits

    /// The byte offset for errors: the byte holding the last bit read (the fault's last bit).
    private var offset: Int { Swift.max(0, (position * 8 - bitCount - 1) / 8) }

    private func error(_ message: String) -> InflateError {
        InflateError(message, offset: offset)
    }

    private var truncated: InflateError {
        InflateError("compressed data ends in the middle of a block (truncated?)", offset: input.count)
    }

    /// Loads whole bytes until the buffer holds more than 56 bits or the input ends.
    @inline(__always)
    private mutating func refill() {
        while bitCount <= 56, position < input.count {
            bitBuffer |= UInt64(input[position]) << UInt64(bitCount)
            position += 1
            bitCount += 8
        }
    }

    /// The next `count` bits (at most 16) as an integer, first bit lowest.
    @inline(__always)
    private mutating func bits(_ count: Int) throws(InflateError) -> Int {
        if bitCount < count {
            refill()
            guard bitCount >= count else { throw truncated }
        }
        let value = Int(truncatingIfNeeded: bitBuffer & ((1 << UInt64(count)) - 1))
        bitBuffer >>= UInt64(count)
        bitCount -= count
        return value
    }

    /// Drops the bits up to the next byte boundary and gives back the whole bytes still buffered,
    /// so that `position` is the next unread byte.
    private mutating func returnUnreadBytes() {
        position -= bitCount / 8
        bitBuffer = 0
        bitCount = 0
    }

    // MARK: blocks

    /// Block type 0: LEN, its complement NLEN, then LEN bytes copied as they are.
    private mutating func storedBlock() throws(InflateError) {
        returnUnreadBytes()
        guard input.count - position >= 4 else { throw truncated }
        let length = Int(input[position]) | Int(input[position + 1]) << 8
        let complement = Int(input[position + 2]) | Int(input[position + 3]) << 8
        guard length == ~complement & 0xFFFF else {
            throw InflateError("stored block length \(length) does not match its complement \(complement)",
                               offset: position + 2)
        }
        position += 4
        guard input.count - position >= length else { throw truncated }
        try checkRoom(length)
        output.append(contentsOf: input[position..<position + length])
        position += length
    }

    /// The literal/length and distance codes of a dynamic block (RFC 1951 §3.2.7).
    private mutating func dynamicCodes() throws(InflateError) -> (HuffmanCode, HuffmanCode) {
        let literalCount = try bits(5) + 257
        let distanceCount = try bits(5) + 1
        let codeLengthCount = try bits(4) + 4
        guard literalCount <= 286 else {
            throw error("dynamic block declares \(literalCount) literal/length codes (at most 286)")
        }
        guard distanceCount <= 30 else {
            throw error("dynamic block declares \(distanceCount) distance codes (at most 30)")
        }
        let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
        var codeLengthLengths = [Int](repeating: 0, count: 19)
        for index in 0..<codeLengthCount { codeLengthLengths[order[index]] = try bits(3) }
        guard let codeLengthCode = HuffmanCode(lengths: codeLengthLengths), codeLengthCode.isComplete else {
            throw error("the code-length code of a dynamic block is over-subscribed or incomplete")
        }

        var lengths: [Int] = []
        lengths.reserveCapacity(literalCount + distanceCount)
        while lengths.count < literalCount + distanceCount {
            let symbol = try decodeSymbol(codeLengthCode)
            let value: Int
            let repeats: Int
            switch symbol {
            case 0...15:
                value = symbol
                repeats = 1
            case 16:
                guard let previous = lengths.last else {
                    throw error("code-length repeat (16) with no previous length in a dynamic block")
                }
                value = previous
                repeats = 3 + (try bits(2))
            case 17:
                value = 0
                repeats = 3 + (try bits(3))
            default:
                value = 0
                repeats = 11 + (try bits(7))
            }
            guard lengths.count + repeats <= literalCount + distanceCount else {
                throw error("code lengths repeat past the \(literalCount + distanceCount) the dynamic block declares")
            }
            lengths.append(contentsOf: repeatElement(value, count: repeats))
        }

        let literalLengths = Array(lengths[0..<literalCount])
        guard literalLengths[256] != 0 else {
            throw error("dynamic block has no code for end-of-block (symbol 256)")
        }
        // As zlib: an incomplete code is accepted only when it is a single one-bit code.
        guard let literalLength = HuffmanCode(lengths: literalLengths) else {
            throw error("the literal/length code of a dynamic block is over-subscribed")
        }
        guard literalLength.isComplete || literalLength.codeCount == 1 else {
            throw error("the literal/length code of a dynamic block is incomplete")
        }
        guard let distance = HuffmanCode(lengths: Array(lengths[literalCount...])) else {
            throw error("the distance code of a dynamic block is over-subscribed")
        }
        guard distance.isComplete || distance.codeCount <= 1 else {
            throw error("the distance code of a dynamic block is incomplete")
        }
        return (literalLength, distance)
    }

    private static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
                                     35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    private static let lengthExtraBits = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
                                          3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    private static let distanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
                                       257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
                                       8193, 12289, 16385, 24577]
    private static let distanceExtraBits = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
                                            7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]

    /// Literals and back-references up to the end-of-block symbol.
    private mutating func huffmanBlock(literalLength: HuffmanCode, distance: HuffmanCode) throws(InflateError) {
        while true {
            let symbol = try decodeSymbol(literalLength)
            if symbol < 256 {
                if output.count >= maximumOutput { throw tooLarge }
                output.append(UInt8(truncatingIfNeeded: symbol))
                continue
            }
            if symbol == 256 { return }
            let lengthIndex = symbol - 257
            guard lengthIndex < Self.lengthBase.count else {
                throw error("invalid literal/length symbol \(symbol)")
            }
            let length = Self.lengthBase[lengthIndex] + (try bits(Self.lengthExtraBits[lengthIndex]))
            let distanceSymbol = try decodeSymbol(distance)
            guard distanceSymbol < Self.distanceBase.count else {
                throw error("invalid distance symbol \(distanceSymbol)")
            }
            let back = Self.distanceBase[distanceSymbol] + (try bits(Self.distanceExtraBits[distanceSymbol]))
            guard back <= output.count - streamStart else {
                throw error("distance \(back) reaches before the start of the data (\(output.count - streamStart) bytes so far)")
            }
            try checkRoom(length)
            var from = output.count - back
            for _ in 0..<length {
                output.append(output[from])
                from += 1
            }
        }
    }

    private var tooLarge: InflateError {
        error("decompressed data exceeds the limit of \(maximumOutput) bytes")
    }

    private func checkRoom(_ bytes: Int) throws(InflateError) {
        guard bytes <= maximumOutput - output.count else { throw tooLarge }
    }

    // MARK: Huffman decoding

    /// The next symbol of `code`: one table look-up for short codes, bit by bit for long ones.
    @inline(__always)
    private mutating func decodeSymbol(_ code: HuffmanCode) throws(InflateError) -> Int {
        if bitCount < HuffmanCode.maximumBits { refill() }
        let entry = Int(code.fast[Int(truncatingIfNeeded: bitBuffer) & ((1 << HuffmanCode.fastBits) - 1)])
        let length = entry & 0xF
        guard length != 0 else { return try decodeLongSymbol(code) }
        guard length <= bitCount else { throw truncated }
        bitBuffer >>= UInt64(length)
        bitCount -= length
        return entry >> 4
    }

    /// Canonical decoding one bit at a time (zlib's `puff`): codes of each length are consecutive
    /// integers starting at `first`.
    private mutating func decodeLongSymbol(_ code: HuffmanCode) throws(InflateError) -> Int {
        var value = 0
        var first = 0
        var index = 0
        for length in 1...HuffmanCode.maximumBits {
            value |= try bits(1)
            let count = code.counts[length]
            if value - first < count { return code.symbols[index + value - first] }
            index += count
            first = (first + count) << 1
            value <<= 1
        }
        throw error("invalid Huffman code (no symbol has it)")
    }
}
