import Testing
@testable import DNNGen

extension DataTests {
    @Suite("Inflate")
    struct InflateTests {
        static func stream(_ build: (inout BitWriter) -> Void) -> [UInt8] {
            var writer = BitWriter()
            build(&writer)
            return writer.finish()
        }

        static func message(_ bytes: [UInt8], maximumOutput: Int = Inflate.defaultMaximumOutput) -> String? {
            do {
                _ = try Inflate.decompress(bytes, maximumOutput: maximumOutput)
                return nil
            } catch {
                return error.message
            }
        }

        @Test func decodesStoredBlocksIncludingEmptyOnes() throws {
            let data = DataFixtures.noise(count: 70_000)
            let bytes = Self.stream { writer in
                DeflateWriter.storedBlock([], final: false, into: &writer)
                DeflateWriter.storedBlock(Array(data[0..<65_535]), final: false, into: &writer)
                DeflateWriter.storedBlock(Array(data[65_535...]), final: true, into: &writer)
            }
            #expect(try Inflate.decompress(bytes) == data)
        }

        @Test func decodesFixedBlocks() throws {
            // "abcabcabc…": literals, then one match that overlaps itself (distance 3 < length 30).
            let tokens: [DeflateToken] = [.literal(97), .literal(98), .literal(99), .match(length: 30, distance: 3),
                                          .match(length: 258, distance: 1), .literal(255)]
            let bytes = Self.stream { DeflateWriter.fixedBlock(tokens, final: true, into: &$0) }
            #expect(try Inflate.decompress(bytes) == DeflateWriter.expand(tokens))
            #expect(try Inflate.decompress([0x03, 0x00]).isEmpty)  // what zlib writes for no data
        }

        @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
        func decodesRandomStreamsOfMixedBlocks(seed: UInt64) throws {
            var random = FormatFixtures.Random(seed: seed)
            var blocks: [[DeflateToken]] = []
            var writer = BitWriter()
            let kinds = (0..<6).map { _ in Int.random(in: 0...2, using: &random) }
            for (index, kind) in kinds.enumerated() {
                let final = index == kinds.count - 1
                let history = DeflateWriter.expand(blocks.flatMap { $0 })
                switch kind {
                case 0:
                    let data = (0..<Int.random(in: 0...3000, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
                    DeflateWriter.storedBlock(data, final: final, into: &writer)
                    blocks.append(data.map { .literal($0) })
                default:
                    // Matches may reach back into earlier blocks: rebase the distances on the whole history.
                    var tokens = DeflateWriter.randomTokens(Int.random(in: 1...4000, using: &random), random: &random)
                    if history.isEmpty, case .match = tokens[0] { tokens[0] = .literal(1) }
                    tokens = tokens.map { token in
                        guard case .match(let length, let distance) = token else { return token }
                        return .match(length: length, distance: Swift.min(distance + history.count, 32768))
                    }
                    if kind == 1 {
                        DeflateWriter.fixedBlock(tokens, final: final, into: &writer)
                    } else {
                        DeflateWriter.dynamicBlock(tokens, final: final, random: &random, into: &writer)
                    }
                    blocks.append(tokens)
                }
            }
            let expected = DeflateWriter.expand(blocks.flatMap { $0 })
            #expect(try Inflate.decompress(writer.finish()) == expected, "seed \(seed)")
        }

        @Test func decodesDynamicBlocksWithLongCodesAndASingleDistanceCode() throws {
            var random = FormatFixtures.Random(seed: 9)
            let tokens = (0..<3000).map { index in DeflateToken.literal(UInt8(index * 7 % 256)) }
                + [.match(length: 3, distance: 1)]
            // Every byte, end-of-block and one length symbol: a deep random tree gives codes longer
            // than the look-up table, which decode bit by bit.
            let literal = DeflateWriter.randomLengths(used: Array(0...257), size: 286, maximumBits: 15, random: &random)
            #expect(literal.max() ?? 0 > HuffmanCode.fastBits)
            let distance = DeflateWriter.randomLengths(used: [0], size: 30, maximumBits: 15, random: &random)
            let bytes = Self.stream { writer in
                writer.write(1, bits: 1)
                writer.write(2, bits: 2)
                DeflateWriter.writeDynamicHeader(literalLengths: literal, distanceLengths: distance, random: &random,
                                                 into: &writer)
                DeflateWriter.writeTokens(tokens, literalLengths: literal, distanceLengths: distance, into: &writer)
            }
            #expect(try Inflate.decompress(bytes) == DeflateWriter.expand(tokens))
        }

        @Test func honoursTheOutputBoundExactly() throws {
            let tokens: [DeflateToken] = [.literal(1), .match(length: 258, distance: 1)]
            let bytes = Self.stream { DeflateWriter.fixedBlock(tokens, final: true, into: &$0) }
            #expect(try Inflate.decompress(bytes, maximumOutput: 259).count == 259)
            #expect(Self.message(bytes, maximumOutput: 258) == "decompressed data exceeds the limit of 258 bytes")
            let stored = Self.stream { DeflateWriter.storedBlock([1, 2, 3], final: true, into: &$0) }
            #expect(Self.message(stored, maximumOutput: 2) == "decompressed data exceeds the limit of 2 bytes")
        }

        /// Writes a dynamic block header with the given code lengths (0 = unused) and the body bits.
        static func dynamic(literal: [Int], distance: [Int], body: (inout BitWriter, [Int], [Int]) -> Void = { _, _, _ in })
            -> [UInt8]
        {
            var random = FormatFixtures.Random(seed: 1)
            return stream { writer in
                writer.write(1, bits: 1)
                writer.write(2, bits: 2)
                DeflateWriter.writeDynamicHeader(literalLengths: literal, distanceLengths: distance, random: &random,
                                                 into: &writer)
                body(&writer, DeflateWriter.canonicalCodes(literal), DeflateWriter.canonicalCodes(distance))
            }
        }

        /// Literal/length lengths with codes for `symbols` (a complete code when their count is a power of 2).
        static func lengths(_ symbols: [Int: Int], size: Int) -> [Int] {
            var lengths = [Int](repeating: 0, count: size)
            for (symbol, length) in symbols { lengths[symbol] = length }
            return lengths
        }

        @Test(arguments: [
            ([], "compressed data ends in the middle of a block (truncated?)"),
            ([0x07], "block type 3 is reserved (not DEFLATE data?)"),
            ([0x01, 0x05, 0x00, 0x00, 0x00], "stored block length 5 does not match its complement 0"),
            ([0x01, 0x05, 0x00, 0xFA, 0xFF, 0x61, 0x62], "compressed data ends in the middle of a block (truncated?)"),
            ([0x01, 0x00, 0x00, 0xFF, 0xFF, 0x00], "1 bytes follow the final block"),
            ([0x73, 0x04], "compressed data ends in the middle of a block (truncated?)"),  // a literal, no end-of-block
        ] as [([UInt8], String)])
        func rejectsMalformedBytes(bytes: [UInt8], expected: String) {
            #expect(Self.message(bytes) == expected)
        }

        @Test func rejectsMalformedFixedBlocks() {
            func fixed(_ body: (inout BitWriter, [Int]) -> Void) -> [UInt8] {
                Self.stream { writer in
                    writer.write(1, bits: 1)
                    writer.write(1, bits: 2)
                    body(&writer, DeflateWriter.canonicalCodes(DeflateWriter.fixedLiteralLengths))
                }
            }
            let tooFar = fixed { writer, codes in
                writer.writeCode(codes[97], length: 8)  // 'a'
                writer.writeCode(codes[257], length: 7)  // length 3
                writer.writeCode(1, length: 5)  // distance 2
            }
            #expect(Self.message(tooFar) == "distance 2 reaches before the start of the data (1 bytes so far)")
            let symbol286 = fixed { writer, codes in writer.writeCode(codes[286], length: 8) }
            #expect(Self.message(symbol286) == "invalid literal/length symbol 286")
            let distance30 = fixed { writer, codes in
                writer.writeCode(codes[97], length: 8)
                writer.writeCode(codes[257], length: 7)
                writer.writeCode(30, length: 5)
            }
            #expect(Self.message(distance30) == "invalid distance symbol 30")
        }

        @Test func rejectsMalformedDynamicHeaders() {
            func header(_ literalCount: Int, _ distanceCount: Int, _ codeLengths: [Int], then body: (inout BitWriter) -> Void)
                -> [UInt8]
            {
                Self.stream { writer in
                    writer.write(1, bits: 1)
                    writer.write(2, bits: 2)
                    writer.write(literalCount - 257, bits: 5)
                    writer.write(distanceCount - 1, bits: 5)
                    writer.write(codeLengths.count - 4, bits: 4)
                    for length in codeLengths { writer.write(length, bits: 3) }
                    body(&writer)
                }
            }
            // Code-length lengths in the order 16, 17, 18, 0, 8, …: here 16, 17, 18 and 0 get 2 bits,
            // a complete code; canonical order by symbol gives 0 = 00, 16 = 01, 17 = 10, 18 = 11.
            let complete = [2, 2, 2, 2]
            #expect(Self.message(header(288, 1, complete) { _ in }) == "dynamic block declares 288 literal/length codes (at most 286)")
            #expect(Self.message(header(257, 32, complete) { _ in }) == "dynamic block declares 32 distance codes (at most 30)")
            #expect(Self.message(header(257, 1, [1, 1, 1, 0]) { _ in })
                    == "the code-length code of a dynamic block is over-subscribed or incomplete")
            #expect(Self.message(header(257, 1, [1, 0, 0, 0]) { _ in })
                    == "the code-length code of a dynamic block is over-subscribed or incomplete")
            #expect(Self.message(header(257, 1, complete) { $0.writeCode(0b01, length: 2) })
                    == "code-length repeat (16) with no previous length in a dynamic block")
            let overrun = header(257, 1, complete) { writer in
                writer.writeCode(0b11, length: 2)  // 18: 11 + 127 = 138 zeros
                writer.write(127, bits: 7)
                writer.writeCode(0b11, length: 2)  // 138 more: 276 > 258
                writer.write(127, bits: 7)
            }
            #expect(Self.message(overrun) == "code lengths repeat past the 258 the dynamic block declares")
        }

        @Test func rejectsBadCodes() {
            let noEnd = Self.dynamic(literal: Self.lengths([65: 1, 66: 1], size: 257), distance: [0])
            #expect(Self.message(noEnd) == "dynamic block has no code for end-of-block (symbol 256)")
            let over = Self.dynamic(literal: Self.lengths([65: 1, 66: 1, 256: 1], size: 257), distance: [0])
            #expect(Self.message(over) == "the literal/length code of a dynamic block is over-subscribed")
            let incomplete = Self.dynamic(literal: Self.lengths([65: 2, 66: 2, 256: 2], size: 257), distance: [0])
            #expect(Self.message(incomplete) == "the literal/length code of a dynamic block is incomplete")
            let distanceOver = Self.dynamic(literal: Self.lengths([65: 1, 256: 1], size: 257), distance: [1, 1, 1])
            #expect(Self.message(distanceOver) == "the distance code of a dynamic block is over-subscribed")
            let distanceIncomplete = Self.dynamic(literal: Self.lengths([65: 1, 256: 1], size: 257), distance: [1, 2])
            #expect(Self.message(distanceIncomplete) == "the distance code of a dynamic block is incomplete")

            // A lone 1-bit end-of-block code is legal; the bit string "1" is then no code at all.
            let lone = Self.dynamic(literal: Self.lengths([256: 1], size: 257), distance: [0]) { writer, _, _ in
                writer.write(1, bits: 1)
                writer.write(0xFFFF, bits: 16)
            }
            #expect(Self.message(lone) == "invalid Huffman code (no symbol has it)")
            let loneDistance = Self.dynamic(literal: Self.lengths([65: 2, 256: 2, 257: 1], size: 258), distance: [1]) {
                writer, literal, _ in
                writer.writeCode(literal[65], length: 2)
                writer.writeCode(literal[257], length: 1)
                writer.write(1, bits: 1)  // the one distance code is "0"
                writer.write(0xFFFF, bits: 16)
            }
            #expect(Self.message(loneDistance) == "invalid Huffman code (no symbol has it)")
        }

        @Test(arguments: 0..<40 as Range<UInt64>)
        func neverTrapsOnCorruptOrTruncatedStreams(seed: UInt64) {
            var random = FormatFixtures.Random(seed: seed)
            var writer = BitWriter()
            let tokens = DeflateWriter.randomTokens(300, random: &random)
            DeflateWriter.dynamicBlock(tokens, final: true, random: &random, into: &writer)
            var bytes = writer.finish()
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                bytes[Int.random(in: 0..<bytes.count, using: &random)] ^= UInt8.random(in: 1...255, using: &random)
            }
            if Bool.random(using: &random) { bytes.removeLast(Int.random(in: 0..<bytes.count, using: &random)) }
            let noise = (0..<Int.random(in: 0...200, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            for input in [bytes, noise] {
                // Any outcome but a trap or a hang is fine; the bound keeps the output small.
                _ = try? Inflate.decompress(input, maximumOutput: 1 << 20)
            }
        }
    }
}
