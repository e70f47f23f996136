import Testing
@testable import DNNGen

extension FormatTests {
    @Suite("SafeTensors")
    struct SafeTensorsTests {
        static let everyDType = SafeTensorsFile(
            metadata: ["z": "last", "a": "first \"quoted\""],
            tensors: [
                SafeTensor(name: "i8", dtype: .i8, shape: [2, 2], data: .integers([-128, 127, 0, -1])),
                SafeTensor(name: "u8", dtype: .u8, shape: [3], data: .integers([0, 255, 7])),
                SafeTensor(name: "i16", dtype: .i16, shape: [2], data: .integers([-32768, 32767])),
                SafeTensor(name: "u16", dtype: .u16, shape: [1, 1, 2], data: .integers([65535, 1])),
                SafeTensor(name: "i32", dtype: .i32, shape: [2], data: .integers([Int(Int32.min), Int(Int32.max)])),
                SafeTensor(name: "i64", dtype: .i64, shape: [], data: .integers([Int.min])),
                SafeTensor(name: "empty", dtype: .i64, shape: [0, 3], data: .integers([])),
                SafeTensor(name: "f32", dtype: .f32, shape: [3], data: .floats([1.5, -0.0, .infinity])),
            ])

        @Test func roundTripsEveryDType() throws {
            let bytes = SafeTensors.encode(Self.everyDType)
            #expect(try SafeTensors.decode(bytes, file: "t.safetensors") == Self.everyDType)
            #expect(SafeTensors.encode(try SafeTensors.decode(bytes, file: "t")) == bytes)
        }

        @Test func writerLaysTensorsOutContiguouslyWithAPaddedHeader() throws {
            let bytes = SafeTensors.encode(Self.everyDType)
            let headerLength = Int(LittleEndian.unsigned(bytes, at: 0, width: 8))
            #expect(headerLength % 8 == 0)
            let header = try JSONValue.parse(String(decoding: bytes[8..<8 + headerLength], as: UTF8.self))
            var next = 0
            for tensor in Self.everyDType.tensors {
                let offsets = header[tensor.name]?["data_offsets"]
                #expect(offsets == [.int(next), .int(next + tensor.data.count * tensor.dtype.size)])
                next += tensor.data.count * tensor.dtype.size
            }
            #expect(8 + headerLength + next == bytes.count)
            #expect(header.objectMembers?.first?.key == "__metadata__")
            // Little-endian data: the first tensor's bytes follow the header.
            #expect(Array(bytes[8 + headerLength..<8 + headerLength + 4]) == [0x80, 0x7F, 0x00, 0xFF])
        }

        @Test func acceptsTensorsInAnyHeaderOrderAndPaddingSpaces() throws {
            let bytes = FormatFixtures.rawSafeTensors(
                header: #"{"b":{"dtype":"U8","shape":[2],"data_offsets":[2,4]},"a":{"dtype":"I16","shape":[1],"data_offsets":[0,2]}}   "#,
                data: [1, 0, 5, 6])
            let file = try SafeTensors.decode(bytes, file: "t")
            #expect(file["a"]?.data == .integers([1]))
            #expect(file["b"]?.data == .integers([5, 6]))
            #expect(file.metadata.isEmpty)
        }

        /// What the safetensors library refuses: data no tensor owns, text around the header object.
        @Test(arguments: [
            (#"{"a":{"dtype":"U8","shape":[2],"data_offsets":[0,2]}}"#, [1, 2, 3] as [UInt8], "1 bytes after the last tensor"),
            (#"{"a":{"dtype":"U8","shape":[2],"data_offsets":[1,3]}}"#, [1, 2, 3], "bytes [0, 1) before tensor 'a' belong to no tensor"),
            (#"{"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]},"b":{"dtype":"U8","shape":[1],"data_offsets":[2,3]}}"#, [1, 2, 3], "bytes [1, 2) before tensor 'b'"),
            (#"{"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}"# + "\n", [1], "only spaces may pad"),
            (" " + #"{"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}"#, [1], "only spaces may pad"),
            (#"{}"#, [7], "1 bytes after the last tensor"),
        ])
        func rejectsUnownedBytesAndHeaderText(header: String, data: [UInt8], expected: String) {
            let bytes = FormatFixtures.rawSafeTensors(header: header, data: data)
            #expect(throws: ModelFormatError.self) { try SafeTensors.decode(bytes, file: "t") }
            do {
                _ = try SafeTensors.decode(bytes, file: "t")
            } catch {
                #expect(error.description.contains(expected), "\(error)")
            }
        }

        static let entry = #"{"dtype":"I32","shape":[2],"data_offsets":[0,8]}"#

        @Test(arguments: [
            ("header length beyond the limit", [255, 255, 255, 255, 255, 255, 255, 255], "larger than the limit"),
            ("header length beyond the file", [16, 0, 0, 0, 0, 0, 0, 0, 123, 125], "runs past the end of the file"),
            ("short file", [1, 2, 3], "too short"),
            ("header of one byte", [1, 0, 0, 0, 0, 0, 0, 0, 32], "too small"),
            ("invalid UTF-8", [8, 0, 0, 0, 0, 0, 0, 0, 123, 34, 0xFF, 34, 58, 49, 125, 32], "not valid UTF-8"),
        ] as [(String, [UInt8], String)])
        func rejectsBadHeaderLengths(name: String, bytes: [UInt8], expected: String) {
            Self.expectError(bytes, expected, name)
        }

        @Test(arguments: [
            ("not JSON", "{garbage", [], "not valid JSON"),
            ("not an object", "[1, 2]", [], "must be a JSON object, found an array"),
            ("entry not an object", #"{"a":3}"#, [], "tensor 'a': entry must be an object"),
            ("missing dtype", #"{"a":{"shape":[],"data_offsets":[0,0]}}"#, [], "tensor 'a': missing key 'dtype'"),
            ("missing shape", #"{"a":{"dtype":"I8","data_offsets":[0,0]}}"#, [], "missing key 'shape'"),
            ("missing offsets", #"{"a":{"dtype":"I8","shape":[0]}}"#, [], "missing key 'data_offsets'"),
            ("unknown entry key", #"{"a":{"dtype":"I8","shape":[],"data_offsets":[0,1],"extra":1}}"#, [0], "tensor 'a': unknown key 'extra'"),
            ("unsupported dtype", #"{"a":{"dtype":"F16","shape":[1],"data_offsets":[0,2]}}"#, [0, 0], "unsupported dtype 'F16'"),
            ("dtype not a string", #"{"a":{"dtype":8,"shape":[1],"data_offsets":[0,1]}}"#, [0], "dtype must be a string"),
            ("negative dimension", #"{"a":{"dtype":"I8","shape":[-1],"data_offsets":[0,0]}}"#, [], "non-negative integers, found -1"),
            ("double dimension", #"{"a":{"dtype":"I8","shape":[1.0],"data_offsets":[0,1]}}"#, [0], "non-negative integers, found 1.0"),
            ("shape overflow", #"{"a":{"dtype":"I8","shape":[4294967296,4294967296,0],"data_offsets":[0,0]}}"#, [], "too many elements"),
            ("offsets not a pair", #"{"a":{"dtype":"I8","shape":[1],"data_offsets":[0]}}"#, [0], "data_offsets must be [begin, end]"),
            ("offsets reversed", #"{"a":{"dtype":"I8","shape":[0],"data_offsets":[1,0]}}"#, [0], "0 <= begin <= end"),
            ("offsets negative", #"{"a":{"dtype":"I8","shape":[0],"data_offsets":[-1,-1]}}"#, [0], "0 <= begin <= end"),
            ("out of bounds", #"{"a":{"dtype":"I32","shape":[2],"data_offsets":[0,8]}}"#, [0, 0, 0, 0], "data_offsets [0, 8] lie outside the data buffer (4 bytes)"),
            ("far out of bounds", #"{"a":{"dtype":"I8","shape":[1],"data_offsets":[9223372036854775806,9223372036854775807]}}"#, [0], "lie outside the data buffer"),
            ("size mismatch", #"{"a":{"dtype":"I32","shape":[3],"data_offsets":[0,8]}}"#, [UInt8](repeating: 0, count: 8), "hold 8 bytes, but I32 [3] needs 12"),
            ("overlap", #"{"a":{"dtype":"I32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"I16","shape":[2],"data_offsets":[6,10]}}"#, [UInt8](repeating: 0, count: 10), "tensors 'a' [0, 8] and 'b' [6, 10] overlap"),
            ("same range twice", #"{"a":{"dtype":"I8","shape":[2],"data_offsets":[0,2]},"b":{"dtype":"U8","shape":[2],"data_offsets":[0,2]}}"#, [0, 0], "overlap"),
            ("duplicate tensor", #"{"a":{"dtype":"I8","shape":[0],"data_offsets":[0,0]},"a":{"dtype":"I8","shape":[0],"data_offsets":[0,0]}}"#, [], "duplicate key \"a\""),
            ("metadata not an object", #"{"__metadata__":"x"}"#, [], "__metadata__ must be an object of strings"),
            ("metadata value not a string", #"{"__metadata__":{"version":1}}"#, [], "__metadata__ value 'version' must be a string, found an integer"),
        ] as [(String, String, [UInt8], String)])
        func rejectsBadHeaders(name: String, header: String, data: [UInt8], expected: String) {
            Self.expectError(FormatFixtures.rawSafeTensors(header: header, data: data), expected, name)
        }

        static func expectError(_ bytes: [UInt8], _ expected: String, _ name: String,
                                sourceLocation: SourceLocation = #_sourceLocation)
        {
            do {
                _ = try SafeTensors.decode(bytes, file: "t.safetensors")
                Issue.record("\(name): decoded without error", sourceLocation: sourceLocation)
            } catch {
                #expect(error.file == "t.safetensors", sourceLocation: sourceLocation)
                #expect(error.layer == nil, sourceLocation: sourceLocation)
                #expect(error.description.contains(expected), "\(name): \(error)", sourceLocation: sourceLocation)
            }
        }
    }
}
