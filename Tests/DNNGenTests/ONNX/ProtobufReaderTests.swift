import Testing
@testable import DNNGen

@Suite("Protobuf wire format")
struct ProtobufReaderTests {
    @Test func readsVarintsFieldsAndPackedValues() throws {
        // field 1 varint 300; field 2 length-delimited "hi"; field 3 packed varints [1, 150].
        let bytes: [UInt8] = [0x08, 0xAC, 0x02, 0x12, 0x02, 0x68, 0x69, 0x1A, 0x03, 0x01, 0x96, 0x01]
        var reader = ProtobufReader(bytes[...])
        let first = try #require(try reader.nextField())
        #expect(first.number == 1 && first.wireType == .varint)
        #expect(try reader.readVarint() == 300)
        let second = try #require(try reader.nextField())
        #expect(second.number == 2 && second.wireType == .lengthDelimited)
        #expect(try reader.readString() == "hi")
        let third = try #require(try reader.nextField())
        #expect(try reader.readRepeatedInt64(third.wireType) == [1, 150])
        #expect(try reader.nextField() == nil)
    }

    /// (bytes, expected message fragment): every fault is an error, never a trap.
    static let faults: [([UInt8], String)] = [
        ([0x08], "truncated varint"),
        ([0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01], "longer than ten bytes"),
        ([0x12, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x00], "runs past the end"),
        ([0x0B], "unsupported wire type 3"),
        ([0x0D, 0x01, 0x02], "truncated"),
        ([0x00], "field number 0"),
    ]

    @Test(arguments: faults)
    func malformedBytesAreErrors(bytes: [UInt8], fragment: String) {
        var reader = ProtobufReader(bytes[...])
        do {
            while let key = try reader.nextField() { try reader.skip(key.wireType) }
            Issue.record("no error for \(bytes)")
        } catch {
            let message = (error as? ProtobufError)?.message ?? "\(error)"
            #expect(message.contains(fragment), "\(message)")
        }
    }
}
