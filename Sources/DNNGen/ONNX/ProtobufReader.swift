/// A cursor over protocol-buffer wire-format bytes: just the field walking ONNX files need.
///
/// Every read checks the bytes left, so truncated input, varints longer than ten bytes, lengths
/// past the end and group wire types (3, 4) are errors, never traps; each call consumes at
/// least one byte or throws, so no input makes a loop spin.
struct ProtobufReader {
    /// The wire types of protobuf encoding; groups (3, 4) are deprecated and refused.
    enum WireType: Int, Sendable {
        case varint = 0
        case fixed64 = 1
        case lengthDelimited = 2
        case fixed32 = 5

        var name: String {
            switch self {
            case .varint: return "varint"
            case .fixed64: return "fixed64"
            case .lengthDelimited: return "length-delimited"
            case .fixed32: return "fixed32"
            }
        }
    }

    /// One field's key: its number and how its value is encoded.
    struct FieldKey {
        var number: Int
        var wireType: WireType
    }

    private let bytes: ArraySlice<UInt8>
    private var position: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        self.position = bytes.startIndex
    }

    /// Whether every byte has been read.
    var isAtEnd: Bool { position >= bytes.endIndex }

    /// Offset of the cursor from the start of the whole buffer, for messages.
    var offset: Int { position }

    /// The next field's key, or nil at the end of the message.
    mutating func nextField() throws(ProtobufError) -> FieldKey? {
        if isAtEnd { return nil }
        let start = position
        let key = try readVarint()
        let number = key >> 3
        guard number >= 1, number <= 536_870_911 else {
            throw ProtobufError(offset: start, "field number \(number) is out of range")
        }
        guard let wireType = WireType(rawValue: Int(key & 7)) else {
            throw ProtobufError(offset: start, "field \(number) has unsupported wire type \(key & 7)")
        }
        return FieldKey(number: Int(number), wireType: wireType)
    }

    /// A base-128 varint of at most ten bytes, as an unsigned 64-bit value.
    mutating func readVarint() throws(ProtobufError) -> UInt64 {
        let start = position
        var result: UInt64 = 0
        for index in 0..<10 {
            guard position < bytes.endIndex else {
                throw ProtobufError(offset: start, "truncated varint")
            }
            let byte = bytes[position]
            position += 1
            result |= UInt64(byte & 0x7f) << UInt64(7 * index)
            if byte & 0x80 == 0 { return result }
        }
        throw ProtobufError(offset: start, "varint longer than ten bytes")
    }

    /// A varint read as a two's-complement int64 (protobuf's `int64`, `int32` and enums).
    mutating func readInt64() throws(ProtobufError) -> Int64 {
        Int64(bitPattern: try readVarint())
    }

    /// Four little-endian bytes.
    mutating func readFixed32() throws(ProtobufError) -> UInt32 {
        let raw = try readBytes(count: 4)
        return raw.reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    }

    /// Eight little-endian bytes.
    mutating func readFixed64() throws(ProtobufError) -> UInt64 {
        let raw = try readBytes(count: 8)
        return raw.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    }

    /// A length-delimited value: the varint length, then that many bytes.
    mutating func readLengthDelimited() throws(ProtobufError) -> ArraySlice<UInt8> {
        let start = position
        let length = try readVarint()
        guard length <= UInt64(bytes.endIndex - position) else {
            throw ProtobufError(offset: start, "length \(length) runs past the end of the data (\(bytes.endIndex - position) bytes left)")
        }
        return try readBytes(count: Int(length))
    }

    /// A UTF-8 string field (invalid sequences are replaced, not refused: names are only shown
    /// and matched; messages escape control characters when printed).
    mutating func readString() throws(ProtobufError) -> String {
        String(decoding: try readLengthDelimited(), as: UTF8.self)
    }

    /// Skips the value of a field the caller does not need.
    mutating func skip(_ wireType: WireType) throws(ProtobufError) {
        switch wireType {
        case .varint: _ = try readVarint()
        case .fixed64: _ = try readBytes(count: 8)
        case .lengthDelimited: _ = try readLengthDelimited()
        case .fixed32: _ = try readBytes(count: 4)
        }
    }

    /// A repeated varint field: one value (unpacked) or a packed run of them.
    mutating func readRepeatedInt64(_ wireType: WireType) throws(ProtobufError) -> [Int64] {
        switch wireType {
        case .varint:
            return [try readInt64()]
        case .lengthDelimited:
            var packed = ProtobufReader(try readLengthDelimited())
            var values: [Int64] = []
            while !packed.isAtEnd { values.append(try packed.readInt64()) }
            return values
        default:
            throw ProtobufError(offset: position, "repeated integer field has wire type \(wireType.name)")
        }
    }

    /// A repeated `float` field: one fixed32 value (unpacked) or a packed run of them.
    mutating func readRepeatedFloat(_ wireType: WireType) throws(ProtobufError) -> [Float] {
        switch wireType {
        case .fixed32:
            return [Float(bitPattern: try readFixed32())]
        case .lengthDelimited:
            let raw = try readLengthDelimited()
            guard raw.count % 4 == 0 else {
                throw ProtobufError(offset: position, "packed float field of \(raw.count) bytes (not a multiple of 4)")
            }
            var packed = ProtobufReader(raw)
            var values: [Float] = []
            values.reserveCapacity(raw.count / 4)
            while !packed.isAtEnd { values.append(Float(bitPattern: try packed.readFixed32())) }
            return values
        default:
            throw ProtobufError(offset: position, "repeated float field has wire type \(wireType.name)")
        }
    }

    /// A repeated `double` field: one fixed64 value (unpacked) or a packed run of them.
    mutating func readRepeatedDouble(_ wireType: WireType) throws(ProtobufError) -> [Double] {
        switch wireType {
        case .fixed64:
            return [Double(bitPattern: try readFixed64())]
        case .lengthDelimited:
            let raw = try readLengthDelimited()
            guard raw.count % 8 == 0 else {
                throw ProtobufError(offset: position, "packed double field of \(raw.count) bytes (not a multiple of 8)")
            }
            var packed = ProtobufReader(raw)
            var values: [Double] = []
            values.reserveCapacity(raw.count / 8)
            while !packed.isAtEnd { values.append(Double(bitPattern: try packed.readFixed64())) }
            return values
        default:
            throw ProtobufError(offset: position, "repeated double field has wire type \(wireType.name)")
        }
    }

    /// Checks that a singular field arrived with the wire type its declaration implies.
    func expect(_ key: FieldKey, _ wireType: WireType, field: String) throws(ProtobufError) {
        guard key.wireType == wireType else {
            throw ProtobufError(offset: position, "field '\(field)' (\(key.number)) has wire type \(key.wireType.name), expected \(wireType.name)")
        }
    }

    private mutating func readBytes(count: Int) throws(ProtobufError) -> ArraySlice<UInt8> {
        guard count >= 0, count <= bytes.endIndex - position else {
            throw ProtobufError(offset: position, "truncated: \(count) bytes needed, \(bytes.endIndex - position) left")
        }
        let slice = bytes[position..<(position + count)]
        position += count
        return slice
    }
}

/// A wire-format fault: where in the file, and what. The importer reports it inside a
/// `ModelFormatError` naming the file.
struct ProtobufError: DNNGenError, Equatable {
    var offset: Int
    var message: String

    init(offset: Int, _ message: String) {
        self.offset = offset
        self.message = message
    }

    var exitStatus: ExitStatus { .badInput }
    var description: String { "byte \(offset): \(message)" }
}
