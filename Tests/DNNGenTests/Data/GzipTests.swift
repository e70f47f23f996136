import Foundation
import Testing
@testable import DNNGen

extension DataTests {
    @Suite("Gzip")
    struct GzipTests {
        static func message(_ bytes: [UInt8]) -> String? {
            do {
                _ = try Gzip.decompress(bytes)
                return nil
            } catch {
                return error.message
            }
        }

        /// A stored-block member of `data`, with optional header fields.
        static func member(_ data: [UInt8], flags: UInt8 = 0, extra: [UInt8] = [], name: String? = nil,
                           comment: String? = nil) -> [UInt8] {
            var writer = BitWriter()
            DeflateWriter.storedBlock(data, final: true, into: &writer)
            return DeflateWriter.gzipMember(writer.finish(), of: data, flags: flags, extra: extra, name: name, comment: comment)
        }

        @Test func crc32MatchesTheStandardCheckValue() {
            #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
            #expect(CRC32.checksum([UInt8]()) == 0)
            let data = DataFixtures.noise(count: 1000)
            #expect(CRC32.update(CRC32.checksum(data[0..<300]), with: data[300...]) == CRC32.checksum(data))
        }

        /// Files made with `gzip -9` (prose.txt.gz keeps its name in the header; the others `-n`).
        @Test(arguments: [
            ("gzip/prose.txt.gz", "dynamic blocks, FNAME"),
            ("gzip/skewed.bin.gz", "several dynamic blocks, codes up to 13 bits"),
            ("gzip/noise.bin.gz", "a stored block"),
            ("gzip/empty.gz", "a fixed block holding only end-of-block"),
        ])
        func decodesFilesMadeByGzip(file: String, content: String) throws {
            let expected: [UInt8]
            switch file {
            case "gzip/prose.txt.gz": expected = try DataFixtures.bytes("gzip/prose.txt")
            case "gzip/skewed.bin.gz": expected = DataFixtures.skewed()
            case "gzip/noise.bin.gz": expected = DataFixtures.noise()
            default: expected = []
            }
            #expect(try Gzip.decompress(try DataFixtures.bytes(file)) == expected, "\(file): \(content)")
        }

        @Test func readsEveryOptionalHeaderFieldAndConcatenatedMembers() throws {
            let first = Self.member(Array("first ".utf8), flags: 0x1E, extra: [1, 2, 3], name: "a.txt", comment: "hi")
            let second = Self.member(Array("second".utf8), flags: 0x02)
            let third = try DataFixtures.bytes("gzip/empty.gz")
            #expect(try Gzip.decompress(first + second + third) == Array("first second".utf8))
        }

        @Test func rejectsMalformedFiles() throws {
            let good = Self.member(Array("hello, world".utf8), flags: 0x0A, name: "x")
            func changed(_ index: Int, _ value: UInt8) -> [UInt8] {
                var bytes = good
                bytes[index] = value
                return bytes
            }
            let trailer = good.count - 8
            let cases: [([UInt8], String)] = [
                ([0x1F], "not gzip data (it does not start with 1f 8b)"),
                (Array("hello".utf8), "not gzip data (it does not start with 1f 8b)"),
                (Array(good[0..<9]), "gzip header is truncated"),
                (changed(2, 7), "gzip compression method 7 is not DEFLATE (8)"),
                (changed(3, 0x20), "gzip header has reserved flag bits set (flags 0x20)"),
                (Array(good[0..<11]), "gzip header is truncated"),  // FNAME without its zero
                (changed(12, 0x00), "gzip header CRC is 0x\(String(good[13], radix: 16))00, but the header's CRC-16 is 0x\(String(UInt32(good[12]) | UInt32(good[13]) << 8, radix: 16))"),
                (Array(good[0..<(good.count - 3)]), "gzip trailer (CRC-32 and length, 8 bytes) is truncated"),
                (changed(trailer, good[trailer] ^ 1), "CRC-32 of the data is 0x\(String(CRC32.checksum(Array("hello, world".utf8)), radix: 16)), but the gzip trailer says 0x\(String(CRC32.checksum(Array("hello, world".utf8)) ^ 1, radix: 16)) (corrupt data)"),
                (changed(trailer + 4, 13), "data is 12 bytes, but the gzip trailer says 13 (mod 2^32)"),
                (good + [0], "1 bytes after the gzip data are not another gzip member"),
                (good + [0x1F, 0x8B], "gzip header is truncated"),
                (changed(18, good[18] ^ 0xFF), "stored block length 12 does not match its complement 243"),
            ]
            for (bytes, expected) in cases {
                #expect(Self.message(bytes) == expected)
            }
        }

        @Test(arguments: 0..<40 as Range<UInt64>)
        func neverTrapsOnCorruptFiles(seed: UInt64) throws {
            var random = FormatFixtures.Random(seed: seed)
            var bytes = try DataFixtures.bytes(seed % 2 == 0 ? "gzip/prose.txt.gz" : "gzip/skewed.bin.gz")
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                bytes[Int.random(in: 0..<bytes.count, using: &random)] ^= UInt8.random(in: 1...255, using: &random)
            }
            if Bool.random(using: &random) { bytes.removeLast(Int.random(in: 0..<bytes.count, using: &random)) }
            // Almost every change is caught (by the CRC at the latest), but one in the name, the time
            // or the padding bits is not: the test is that nothing traps or hangs.
            _ = try? Gzip.decompress(bytes, maximumOutput: 1 << 20)
        }
    }
}
