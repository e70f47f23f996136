/// Why a text is not the JSON we accept, and where (a byte offset into its UTF-8).
public struct JSONParseError: DNNGenError, ByteFault, Equatable {
    public var message: String
    /// Offset of the fault in the text's UTF-8 bytes.
    public var offset: Int

    public init(_ message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }

    public static func place(_ offset: Int) -> String { "at byte \(offset)" }
}

extension JSONValue {
    /// The deepest nesting of arrays and objects `parse` accepts, so no input can exhaust the stack.
    public static let maximumDepth = 256

    /// Parses one JSON text strictly by RFC 8259.
    ///
    /// Leading and trailing whitespace is allowed; anything else after the value is an error.
    /// Integers without fraction or exponent that fit `Int` are `.int`, larger ones `.double`
    /// (readers of integer fields name them as out of range); duplicate keys in an object are an
    /// error; nesting deeper than `maximumDepth` is an error. Linear in the length of `text`.
    ///
    /// - Throws: `JSONParseError` with a short message and the byte offset of the fault.
    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        var parser = JSONParser(bytes: Array(text.utf8))
        return try parser.parseDocument()
    }
}

/// A recursive-descent parser over valid UTF-8 (it only splits the input at ASCII bytes).
private struct JSONParser {
    let bytes: [UInt8]
    var position = 0
    var depth = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        let value = try parseValue()
        skipWhitespace()
        guard position == bytes.count else {
            throw JSONParseError("unexpected \(describeCurrent()) after the value", offset: position)
        }
        return value
    }

    // MARK: values

    private mutating func parseValue() throws(JSONParseError) -> JSONValue {
        guard let byte = peek() else { throw JSONParseError("expected a value, found the end", offset: position) }
        switch byte {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw JSONParseError("expected a value, found \(describeCurrent())", offset: position)
        }
    }

    private mutating func enterContainer() throws(JSONParseError) {
        depth += 1
        guard depth <= JSONValue.maximumDepth else {
            throw JSONParseError("nesting deeper than \(JSONValue.maximumDepth) levels", offset: position)
        }
    }

    private mutating func parseObject() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        defer { depth -= 1 }
        position += 1  // {
        var members: [JSONMember] = []
        var keys: Set<String> = []
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            position += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\"") else {
                throw JSONParseError("expected a string key, found \(describeCurrent())", offset: position)
            }
            let keyOffset = position
            let key = try parseString()
            guard keys.insert(key).inserted else {
                throw JSONParseError("duplicate key \"\(key)\"", offset: keyOffset)
            }
            skipWhitespace()
            guard peek() == UInt8(ascii: ":") else {
                throw JSONParseError("expected ':' after a key, found \(describeCurrent())", offset: position)
            }
            position += 1
            skipWhitespace()
            let value = try parseValue()
            members.append(JSONMember(key: key, value: value))
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","):
                position += 1
            case UInt8(ascii: "}"):
                position += 1
                return .object(members)
            default:
                throw JSONParseError("expected ',' or '}' in an object, found \(describeCurrent())", offset: position)
            }
        }
    }

    private mutating func parseArray() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        defer { depth -= 1 }
        position += 1  // [
        var elements: [JSONValue] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "]") {
            position += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue())
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","):
                position += 1
            case UInt8(ascii: "]"):
                position += 1
                return .array(elements)
            default:
                throw JSONParseError("expected ',' or ']' in an array, found \(describeCurrent())", offset: position)
            }
        }
    }

    private mutating func expectWord(_ word: StaticString) throws(JSONParseError) {
        let start = position
        var index = 0
        let count = word.utf8CodeUnitCount
        while index < count {
            let expected = word.withUTF8Buffer { $0[index] }
            guard peek() == expected else {
                throw JSONParseError("invalid literal (expected '\(word)')", offset: start)
            }
            position += 1
            index += 1
        }
    }

    // MARK: numbers

    private mutating func parseNumber() throws(JSONParseError) -> JSONValue {
        let start = position
        var negative = false
        if peek() == UInt8(ascii: "-") {
            negative = true
            position += 1
        }
        let integerStart = position
        guard let first = peek(), isDigit(first) else {
            throw JSONParseError("expected a digit, found \(describeCurrent())", offset: position)
        }
        if first == UInt8(ascii: "0") {
            position += 1
            if let next = peek(), isDigit(next) {
                throw JSONParseError("leading zeros are not allowed in numbers", offset: integerStart)
            }
        } else {
            skipDigits()
        }
        let integerEnd = position
        var isInteger = true
        if peek() == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            guard let digit = peek(), isDigit(digit) else {
                throw JSONParseError("expected a digit after '.', found \(describeCurrent())", offset: position)
            }
            skipDigits()
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            isInteger = false
            position += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { position += 1 }
            guard let digit = peek(), isDigit(digit) else {
                throw JSONParseError("expected a digit in the exponent, found \(describeCurrent())", offset: position)
            }
            skipDigits()
        }
        if isInteger {
            // Accumulate toward the sign so that Int.min is representable.
            var value = 0
            for index in integerStart..<integerEnd {
                let digit = Int(bytes[index] - UInt8(ascii: "0"))
                let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
                let (next, overflow2) = negative
                    ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
                guard !overflow1, !overflow2 else {
                    // Valid JSON all the same: kept as a number, so that the reader of the
                    // field can name it ("'shape' … is beyond the 64-bit integer range").
                    return .double(Double(String(decoding: bytes[start..<integerEnd], as: UTF8.self)) ?? .infinity)
                }
                value = next
            }
            return .int(value)
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            throw JSONParseError("number \(text) is out of range", offset: start)
        }
        return .double(value)
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private mutating func skipDigits() {
        while let byte = peek(), isDigit(byte) { position += 1 }
    }

    // MARK: strings

    private mutating func parseString() throws(JSONParseError) -> String {
        let start = position
        position += 1  // opening quote
        var utf8: [UInt8] = []
        while true {
            guard let byte = peek() else { throw JSONParseError("unterminated string", offset: start) }
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                return String(decoding: utf8, as: UTF8.self)
            case UInt8(ascii: "\\"):
                position += 1
                try parseEscape(into: &utf8)
            case 0..<0x20:
                throw JSONParseError("unescaped control character in a string", offset: position)
            default:
                utf8.append(byte)
                position += 1
            }
        }
    }

    private mutating func parseEscape(into utf8: inout [UInt8]) throws(JSONParseError) {
        let escapeStart = position - 1
        guard let byte = peek() else { throw JSONParseError("unterminated string", offset: escapeStart) }
        position += 1
        switch byte {
        case UInt8(ascii: "\""): utf8.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): utf8.append(UInt8(ascii: "\\"))
        case UInt8(ascii: "/"): utf8.append(UInt8(ascii: "/"))
        case UInt8(ascii: "b"): utf8.append(0x08)
        case UInt8(ascii: "f"): utf8.append(0x0C)
        case UInt8(ascii: "n"): utf8.append(0x0A)
        case UInt8(ascii: "r"): utf8.append(0x0D)
        case UInt8(ascii: "t"): utf8.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = UInt32(try parseHex4())
            if (0xD800...0xDBFF).contains(scalar) {
                guard peek() == UInt8(ascii: "\\"), peek(at: position + 1) == UInt8(ascii: "u") else {
                    throw JSONParseError("unpaired surrogate in \\u escape", offset: escapeStart)
                }
                position += 2
                let low = UInt32(try parseHex4())
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw JSONParseError("unpaired surrogate in \\u escape", offset: escapeStart)
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw JSONParseError("unpaired surrogate in \\u escape", offset: escapeStart)
            }
            guard let unicode = Unicode.Scalar(scalar) else {
                throw JSONParseError("invalid \\u escape", offset: escapeStart)
            }
            utf8.append(contentsOf: String(Character(unicode)).utf8)
        default:
            throw JSONParseError("invalid escape sequence in a string", offset: escapeStart)
        }
    }

    private mutating func parseHex4() throws(JSONParseError) -> UInt16 {
        var value: UInt16 = 0
        for _ in 0..<4 {
            guard let byte = peek() else { throw JSONParseError("truncated \\u escape", offset: position) }
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw JSONParseError("invalid hex digit in \\u escape", offset: position)
            }
            value = value << 4 | UInt16(digit)
            position += 1
        }
        return value
    }

    // MARK: bytes

    private func peek() -> UInt8? {
        position < bytes.count ? bytes[position] : nil
    }

    private func peek(at index: Int) -> UInt8? {
        index >= 0 && index < bytes.count ? bytes[index] : nil
    }

    private mutating func skipWhitespace() {
        while let byte = peek(),
            byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
                || byte == UInt8(ascii: "\r")
        {
            position += 1
        }
    }

    private func describeCurrent() -> String {
        guard let byte = peek() else { return "the end" }
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x" + String(byte, radix: 16, uppercase: true)
    }
}
