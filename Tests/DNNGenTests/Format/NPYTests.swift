import Foundation
import Testing
@testable import DNNGen

extension FormatTests {
    @Suite("NPY")
    struct NPYTests {
        /// A `.npy` file from its version, header text and data, padded as NumPy pads it.
        static func npy(major: UInt8 = 1, header: String, data: [UInt8], pad: Bool = true) -> [UInt8] {
            let prefix = major == 1 ? 10 : 12
            var headerBytes = Array(header.utf8)
            if pad {
                while (prefix + headerBytes.count + 1) % 64 != 0 { headerBytes.append(UInt8(ascii: " ")) }
                headerBytes.append(UInt8(ascii: "\n"))
            }
            var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [major, 0]
            LittleEndian.append(UInt64(headerBytes.count), width: major == 1 ? 2 : 4, to: &bytes)
            return bytes + headerBytes + data
        }

        @Test func readsAVersion1File() throws {
            // As numpy 2.x writes np.array([[1, -2, 3], [4, 5, -6]], dtype='<i4').
            let bytes = Self.npy(header: "{'descr': '<i4', 'fortran_order': False, 'shape': (2, 3), }",
                                 data: [1, 0, 0, 0, 254, 255, 255, 255, 3, 0, 0, 0, 4, 0, 0, 0, 5, 0, 0, 0, 250, 255, 255, 255])
            #expect(bytes.count == 128 + 24)
            #expect(try NPY.decode(bytes, file: "x.npy") == NPYArray(shape: [2, 3], values: [1, -2, 3, 4, 5, -6], dtype: "<i4"))
        }

        @Test func readsVersion2And3Files() throws {
            let data: [UInt8] = [0xFF, 0x7F, 0x00, 0x80]
            let expected = NPYArray(shape: [2], values: [32767, -32768], dtype: "<i2")
            for major: UInt8 in [2, 3] {
                let bytes = Self.npy(major: major, header: "{'descr': '<i2', 'fortran_order': False, 'shape': (2,), }", data: data)
                #expect(try NPY.decode(bytes, file: "x.npy") == expected)
            }
        }

        @Test(arguments: [
            // Key order, quotes, spacing, Python 2 longs and a missing trailing comma are all Python.
            ("{\"shape\": (2L,), \"fortran_order\": False, \"descr\": \"|u1\"}", NPYArray(shape: [2], values: [200, 1], dtype: "|u1")),
            ("{'descr':'<u1','fortran_order':False,'shape':(2,)}", NPYArray(shape: [2], values: [200, 1], dtype: "<u1")),
            ("{'descr': '|i1', 'fortran_order': False, 'shape': (1, 2, ), }", NPYArray(shape: [1, 2], values: [-56, 1], dtype: "|i1")),
            ("{'descr': '>i1', 'fortran_order': False, 'shape': (2,), }", NPYArray(shape: [2], values: [-56, 1], dtype: ">i1")),
            ("{'descr': '>u2', 'fortran_order': False, 'shape': (), }", NPYArray(shape: [], values: [51201], dtype: ">u2")),
            ("{'descr': '<u2', 'fortran_order': False, 'shape': (), }", NPYArray(shape: [], values: [456], dtype: "<u2")),
        ])
        func parsesHeadersAsPythonLiterals(header: String, expected: NPYArray) throws {
            #expect(try NPY.decode(Self.npy(header: header, data: [200, 1]), file: "x.npy") == expected)
        }

        static let roundTripArrays: [NPYArray] = [
            NPYArray(shape: [2, 2], values: [-128, 127, 0, -1], dtype: "|i1"),
            NPYArray(shape: [3], values: [0, 255, 9], dtype: "|u1"),
            NPYArray(shape: [2], values: [-32768, 32767], dtype: "<i2"),
            NPYArray(shape: [2], values: [0, 65535], dtype: "<u2"),
            NPYArray(shape: [1, 2], values: [Int(Int32.min), Int(Int32.max)], dtype: "<i4"),
            NPYArray(shape: [1], values: [Int(UInt32.max)], dtype: "<u4"),
            NPYArray(shape: [2], values: [Int.min, Int.max], dtype: "<i8"),
            NPYArray(shape: [1], values: [Int.max], dtype: "<u8"),
            NPYArray(shape: [2], values: [-2, 70000], dtype: ">i4"),
            NPYArray(shape: [], values: [7], dtype: "<i4"),
            NPYArray(shape: [0, 3], values: [], dtype: "<i8"),
            NPYArray(shape: [2, 3, 4], values: Array(-12..<12), dtype: "|i1"),
        ]

        @Test(arguments: roundTripArrays)
        func roundTrips(array: NPYArray) throws {
            let bytes = NPY.encode(array)
            #expect(Array(bytes[6..<8]) == [1, 0], "version 1.0")
            let headerLength = Int(LittleEndian.unsigned(bytes, at: 8, width: 2))
            #expect((10 + headerLength) % 64 == 0, "data starts at a multiple of 64")
            #expect(bytes[10 + headerLength - 1] == UInt8(ascii: "\n"))
            #expect(try NPY.decode(bytes, file: "x.npy") == array)
            #expect(NPY.encode(try NPY.decode(bytes, file: "x.npy")) == bytes)
        }

        @Test func writesNumPysHeader() {
            let bytes = NPY.encode(NPYArray(shape: [20], values: Array(0..<20), dtype: "<i4"))
            #expect(LittleEndian.unsigned(bytes, at: 8, width: 2) == 118)
            let header = String(decoding: bytes[10..<128], as: UTF8.self)
            #expect(header.hasPrefix("{'descr': '<i4', 'fortran_order': False, 'shape': (20,), }"))
            #expect(header.hasSuffix(" \n"))
        }

        @Test func writesVersion2WhenTheHeaderDoesNotFitVersion1() throws {
            let array = NPYArray(shape: Array(repeating: 1, count: 22_000), values: [5], dtype: "<i2")
            let bytes = NPY.encode(array)
            #expect(bytes[6] == 2)
            #expect(try NPY.decode(bytes, file: "x.npy") == array)
        }

        @Test func writesAndReadsFiles() throws {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("dnngen-\(UUID().uuidString).npy").path
            defer { try? FileManager.default.removeItem(atPath: path) }
            let array = NPYArray(shape: [2, 2], values: [1, 2, 3, 4], dtype: "<i8")
            try NPY.write(array, to: path)
            #expect(try NPY.read(path: path) == array)
            #expect(throws: ModelFormatError(file: "missing.npy", "no such file")) { try NPY.read(path: "missing.npy") }
        }

        @Test func readsTheShippedExampleVectors() throws {
            let root = FormatFixtures.packageRoot.appendingPathComponent("examples")
            let inputs = try NPY.read(path: root.appendingPathComponent("digits-inputs.npy").path)
            #expect(inputs.shape == [20, 64])
            #expect(inputs.dtype == "<i4")
            #expect(inputs.values.allSatisfy { (0...16).contains($0) })
            let labels = try NPY.read(path: root.appendingPathComponent("digits-labels.npy").path)
            #expect(labels.shape == [20])
        }

        static let twoShorts = "{'descr': '<i2', 'fortran_order': False, 'shape': (2,), }"

        static let malformed: [(String, [UInt8], String)] = [
            ("empty", [], "x.npy: not a .npy file"),
            ("bad magic", Array("\u{93}NUMPZ\u{01}\u{00}\u{02}\u{00}{}".utf8), "x.npy: not a .npy file"),
            ("version 4", [0x93] + Array("NUMPY".utf8) + [4, 0, 0, 0, 0, 0], "x.npy: unsupported .npy format version 4.0"),
            ("version 1.1", [0x93] + Array("NUMPY".utf8) + [1, 1, 0, 0], "x.npy: unsupported .npy format version 1.1"),
            ("version 2 cut short", [0x93] + Array("NUMPY".utf8) + [2, 0, 0, 0], "too short for a .npy 2.0 header"),
            ("header past the end", [0x93] + Array("NUMPY".utf8) + [1, 0, 200, 0] + Array("{}".utf8), "x.npy: .npy header length 200 runs past the end of the file"),
            ("header too long", [0x93] + Array("NUMPY".utf8) + [2, 0, 0, 0, 0, 0x10], "larger than the limit"),
            ("header not a dict", npy(header: "['descr']", data: []), "x.npy: .npy header: expected '{' at byte 0"),
            ("fortran order", npy(header: "{'descr': '<i2', 'fortran_order': True, 'shape': (2,), }", data: [0, 0, 0, 0]), "x.npy: Fortran-order arrays are not supported"),
            ("float dtype", npy(header: "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", data: [0, 0, 0, 0]), "x.npy: dtype '<f4' is not supported (integer dtypes only: i1 u1 i2 u2 i4 u4 i8 u8)"),
            ("bool dtype", npy(header: "{'descr': '|b1', 'fortran_order': False, 'shape': (1,), }", data: [0]), "dtype '|b1' is not supported"),
            ("no byte order on i4", npy(header: "{'descr': '|i4', 'fortran_order': False, 'shape': (1,), }", data: [0, 0, 0, 0]), "dtype '|i4' is not supported"),
            ("structured dtype", npy(header: "{'descr': [('a', '<i4')], 'fortran_order': False, 'shape': (1,), }", data: [0, 0, 0, 0]), ".npy header: expected a string, True, False or a tuple"),
            ("missing shape", npy(header: "{'descr': '<i2', 'fortran_order': False, }", data: []), "x.npy: .npy header: missing key 'shape'"),
            ("missing descr", npy(header: "{'fortran_order': False, 'shape': (2,), }", data: []), "x.npy: .npy header: missing key 'descr'"),
            ("extra key", npy(header: "{'descr': '<i2', 'fortran_order': False, 'shape': (2,), 'x': True}", data: []), "unexpected key 'x'"),
            ("duplicate key", npy(header: "{'descr': '<i2', 'descr': '<i2', 'fortran_order': False, 'shape': (2,), }", data: []), "duplicate key 'descr'"),
            ("shape not a tuple", npy(header: "{'descr': '<i2', 'fortran_order': False, 'shape': (2), }", data: [0, 0]), "shape (2) is not a tuple"),
            ("shape a list", npy(header: "{'descr': '<i2', 'fortran_order': False, 'shape': [2], }", data: [0, 0]), "expected a string, True, False or a tuple"),
            ("negative dimension", npy(header: "{'descr': '<i2', 'fortran_order': False, 'shape': (-2,), }", data: []), "shape must hold non-negative integers"),
            ("wrong type", npy(header: "{'descr': '<i2', 'fortran_order': 0, 'shape': (2,), }", data: []), "expected a string, True, False or a tuple"),
            ("fortran_order a string", npy(header: "{'descr': '<i2', 'fortran_order': 'no', 'shape': (2,), }", data: []), "'fortran_order' has the wrong type"),
            ("Truest", npy(header: "{'descr': '<i2', 'fortran_order': Truest, 'shape': (2,), }", data: []), "expected a string, True, False or a tuple"),
            ("trailing text", npy(header: "{'descr': '<i2', 'fortran_order': False, 'shape': (2,), } x", data: [0, 0, 0, 0]), "unexpected text after the dict"),
            ("unterminated string", npy(header: "{'descr: 1}", data: []), "unterminated string"),
            ("dimension overflow", npy(header: "{'descr': '<i2', 'fortran_order': False, 'shape': (99999999999999999999,), }", data: []), "shape dimension is too large"),
            ("count overflow", npy(header: "{'descr': '<i2', 'fortran_order': False, 'shape': (4294967296, 4294967296, 0), }", data: []), "has too many elements"),
            ("bytes overflow", npy(header: "{'descr': '<i8', 'fortran_order': False, 'shape': (4611686018427387904,), }", data: []), "needs more"),
            ("too little data", npy(header: twoShorts, data: [1, 0, 2]), "x.npy: data is 3 bytes, but shape (2,) of '<i2' needs 4"),
            ("too much data", npy(header: twoShorts, data: [1, 0, 2, 0, 0]), "x.npy: data is 5 bytes, but shape (2,) of '<i2' needs 4"),
            ("u8 beyond Int", npy(header: "{'descr': '<u8', 'fortran_order': False, 'shape': (1, 1), }", data: Array(repeating: 0xFF, count: 8)), "x.npy: value 18446744073709551615 at [0, 0] does not fit a signed 64-bit integer"),
        ]

        @Test(arguments: malformed)
        func rejectsMalformedFiles(name: String, bytes: [UInt8], expected: String) {
            do {
                let array = try NPY.decode(bytes, file: "x.npy")
                Issue.record("\(name): decoded as \(array)")
            } catch {
                #expect(error.file == "x.npy")
                #expect(error.description.contains(expected), "\(name): got \"\(error)\"")
            }
        }

        @Test func everyTruncationIsAnError() {
            let bytes = NPY.encode(NPYArray(shape: [3], values: [1, 2, 3], dtype: "<i4"))
            for length in 0..<bytes.count {
                #expect(throws: ModelFormatError.self, "length \(length)") {
                    try NPY.decode(Array(bytes.prefix(length)), file: "x.npy")
                }
            }
        }
    }
}
