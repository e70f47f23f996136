import Foundation
import Testing
@testable import DNNGen

extension DataTests {
    @Suite("IDX and Dataset")
    struct IDXTests {
        static func idx(rank: UInt8, type: UInt8 = 0x08, dimensions: [UInt32], data: [UInt8]) -> [UInt8] {
            var bytes: [UInt8] = [0, 0, type, rank]
            for dimension in dimensions { bytes += withUnsafeBytes(of: dimension.bigEndian, Array.init) }
            return bytes + data
        }

        static func gzip(_ data: [UInt8]) -> [UInt8] { GzipTests.member(data) }

        static func message(_ bytes: [UInt8]) -> String? {
            do {
                _ = try IDX.decode(bytes, file: "x-idx3-ubyte")
                return nil
            } catch {
                return error.description
            }
        }

        @Test func decodesPlainAndGzipFiles() throws {
            let plain = Self.idx(rank: 3, dimensions: [2, 1, 3], data: [1, 2, 3, 4, 5, 6])
            let expected = IDXArray(shape: [2, 1, 3], values: [1, 2, 3, 4, 5, 6])
            #expect(try IDX.decode(plain, file: "a") == expected)
            #expect(try IDX.decode(Self.gzip(plain), file: "a") == expected)
            #expect(try IDX.decode(Self.idx(rank: 1, dimensions: [0], data: []), file: "a") == IDXArray(shape: [0], values: []))
        }

        @Test(arguments: [
            ([], "x-idx3-ubyte: is 0 bytes, too short for an IDX magic number (4 bytes)"),
            ([1, 0, 8, 1, 0, 0, 0, 0], "x-idx3-ubyte: magic number 0x01000801 does not start with two zero bytes (not an IDX file)"),
            ([0, 0, 0x0D, 1, 0, 0, 0, 0], "x-idx3-ubyte: magic number 0x00000d01: element type 0xd (f32) is not supported (dnngen reads unsigned bytes, type 0x08)"),
            ([0, 0, 8, 0], "x-idx3-ubyte: magic number 0x00000800: rank 0 is not 1...4"),
            ([0, 0, 8, 3, 0, 0, 0, 1], "x-idx3-ubyte: header is truncated: 3 dimensions need 16 bytes, the file has 8"),
            ([0, 0, 8, 1, 0, 0, 0, 3, 1, 2], "x-idx3-ubyte: data is 2 bytes, but dimensions [3] need 3"),
            ([0, 0, 8, 1, 0, 0, 0, 1, 1, 2], "x-idx3-ubyte: data is 2 bytes, but dimensions [1] need 1"),
            ([0, 0, 8, 4] + [UInt8](repeating: 0xFF, count: 16),
             "x-idx3-ubyte: dimensions [4294967295]… hold more elements than the file has bytes (20)"),
            ([0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0, 0x07], "x-idx3-ubyte: gzip: block type 3 is reserved (not DEFLATE data?) (near compressed byte 10)"),
        ] as [([UInt8], String)])
        func reportsTheFileAndField(bytes: [UInt8], expected: String) {
            #expect(Self.message(bytes) == expected)
        }

        @Test func loadsTheCommittedToySet() throws {
            // t10k-images-idx3-ubyte.gz (gzip -9 -n): 3 images of 4x5, pixel i = (37 i + 11) mod 256;
            // t10k-labels-idx1-ubyte (plain): 7, 0, 9.
            let data = try Dataset.load(folder: DataFixtures.path("idx"), split: .test)
            #expect(data.count == 3 && data.imageShape == [1, 4, 5] && data.imageSize == 20)
            #expect(data.labels == [7, 0, 9])
            let pixels: [UInt8] = (0..<60).map { (index: Int) -> UInt8 in UInt8((index * 37 + 11) % 256) }
            #expect(data.images == pixels)
            #expect(Array(data.image(1)) == Array(pixels[20..<40]))
            #expect(data.prefix(2) == Dataset(imageShape: [1, 4, 5], images: Array(data.images[0..<40]), labels: [7, 0]))
            #expect(data.prefix(9) == data)
        }

        @Test func reportsMissingAndMismatchedFiles() throws {
            let folder = try TemporaryFolder.make("idx")
            defer { try? FileManager.default.removeItem(atPath: folder) }
            func load(_ split: Dataset.Split = .train) -> String? {
                do {
                    _ = try Dataset.load(folder: folder, split: split)
                    return nil
                } catch {
                    return error.description
                }
            }
            func write(_ name: String, _ bytes: [UInt8]) throws {
                try Data(bytes).write(to: URL(fileURLWithPath: folder + "/" + name))
            }
            #expect(load() == "\(folder): has neither train-images-idx3-ubyte nor train-images-idx3-ubyte.gz (\(Dataset.installHint))")
            try write("train-images-idx3-ubyte", Self.idx(rank: 3, dimensions: [2, 1, 1], data: [5, 6]))
            #expect(load() == "\(folder): has neither train-labels-idx1-ubyte nor train-labels-idx1-ubyte.gz (\(Dataset.installHint))")
            try write("train-labels-idx1-ubyte.gz", Self.gzip(Self.idx(rank: 1, dimensions: [3], data: [0, 1, 2])))
            #expect(load() == "\(folder)/train-labels-idx1-ubyte.gz: holds 3 labels, but \(folder)/train-images-idx3-ubyte holds 2 images")
            try write("train-labels-idx1-ubyte.gz", Self.idx(rank: 2, dimensions: [2, 1], data: [0, 1]))  // not gzip'd: still read
            #expect(load() == "\(folder)/train-labels-idx1-ubyte.gz: labels must have dimensions [N] (magic 0x00000801), found [2, 1]")
            try write("train-labels-idx1-ubyte.gz", Self.idx(rank: 1, dimensions: [2], data: [0, 1]))
            #expect(load() == nil)
            try write("t10k-images-idx3-ubyte", Self.idx(rank: 1, dimensions: [2], data: [0, 1]))
            try write("t10k-labels-idx1-ubyte", Self.idx(rank: 1, dimensions: [2], data: [0, 1]))
            #expect(load(.test) == "\(folder)/t10k-images-idx3-ubyte: images must have dimensions [N, rows, cols] (magic 0x00000803), found [2]")
            #expect(throws: ModelFormatError(file: folder + "/none", "no such folder (\(Dataset.installHint))")) {
                try Dataset.load(folder: folder + "/none", split: .test)
            }
        }
    }
}
