/// The header dict of a `.npy` file: a Python literal such as
/// `{'descr': '<i4', 'fortran_order': False, 'shape': (3, 4), }`.
struct NPYHeader: Equatable {
    var descr: String
    var fortranOrder: Bool
    var shape: [Int]

    /// `()`, `(3,)`, `(3, 4)`: a shape as Python writes a tuple.
    static func tuple(_ shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }

    /// Parses the header: exactly the keys `descr`, `fortran_order` and `shape`, in any order,
    /// followed only by whitespace. Strings are Latin-1 (versions 1 and 2) or UTF-8 (version 3).
    ///
    /// - Throws: `ModelFormatError` naming `file` and what is wrong.
    static func parse(_ bytes: [UInt8], utf8: Bool, file: String) throws(ModelFormatError) -> NPYHeader {
        var parser = PythonLiteralParser(bytes: bytes, utf8: utf8, file: file)
        let entries = try parser.parseHeader()
        var descr: String?
        var fortranOrder: Bool?
        var shape: [Int]?
        for (key, value) in entries {
            switch (key, value) {
            case ("descr", .string(let text)): descr = text
            case ("fortran_order", .bool(let flag)): fortranOrder = flag
            case ("shape", .tuple(let dimensions)): shape = dimensions
            case ("descr", _), ("fortran_order", _), ("shape", _):
                throw parser.error("'\(key)' has the wrong type")
            default:
                throw parser.error("unexpected key '\(key)' (expected descr, fortran_order and shape)")
            }
        }
        guard let descr else { throw parser.error("missing key 'descr'") }
        guard let fortranOrder else { throw parser.error("missing key 'fortran_order'") }
        guard let shape else { throw parser.error("missing key 'shape'") }
        return NPYHeader(descr: descr, fortranOrder: fortranOrder, shape: shape)
    }
}

/// The few Python literals a `.npy` header holds: strings, True/False, tuples of integers.
private enum PythonLiteral: Equatable {
    case string(String)
    case bool(Bool)
    case tuple([Int])
}

private struct PythonLiteralParser {
    let bytes: [UInt8]
    let utf8: Bool
    let file: String
    var position = 0

    init(bytes: [UInt8], utf8: Bool, file: String) {
        self.bytes = bytes
        self.utf8 = utf8
        self.file = file
    }

    func error(_ message: String) -> ModelFormatError {
        ModelFormatError(file: file, ".npy header: \(message)")
    }

    private func errorHere(_ message: String) -> ModelFormatError {
        error("\(message) at byte \(position)")
    }

    mutating func parseHeader() throws(ModelFormatError) -> [(String, PythonLiteral)] {
        skipWhitespace()
        try expect("{")
        var entries: [(String, PythonLiteral)] = []
        while true {
            skipWhitespace()
            if peek() == UInt8(ascii: "}") {
                position += 1
                break
            }
            guard case .string(let key) = try parseValue() else { throw errorHere("keys must be strings") }
            guard !entries.contains(where: { $0.0 == key }) else { throw error("duplicate key '\(key)'") }
            skipWhitespace()
            try expect(":")
            skipWhitespace()
            entries.append((key, try parseValue()))
            skipWhitespace()
            if peek() == UInt8(ascii: ",") {
                position += 1
            } else if peek() == UInt8(ascii: "}") {
                position += 1
                break
            } else {
                throw errorHere("expected ',' or '}'")
            }
        }
        skipWhitespace()
        guard position == bytes.count else { throw errorHere("unexpected text after the dict") }
        return entries
    }

    private mutating func parseValue() throws(ModelFormatError) -> PythonLiteral {
        switch peek() {
        case UInt8(ascii: "'"), UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "("):
            return .tuple(try parseTuple())
        case UInt8(ascii: "T"):
            try expectWord("True")
            return .bool(true)
        case UInt8(ascii: "F"):
            try expectWord("False")
            return .bool(false)
        default:
            throw errorHere("expected a string, True, False or a tuple")
        }
    }

    private mutating func parseString() throws(ModelFormatError) -> String {
        let quote = bytes[position]
        position += 1
        var content: [UInt8] = []
        while true {
            guard let byte = peek(), byte != UInt8(ascii: "\n") else { throw errorHere("unterminated string") }
            position += 1
            if byte == quote { break }
            if byte == UInt8(ascii: "\\") {
                guard let escaped = peek(), [UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\"")].contains(escaped) else {
                    throw errorHere("unsupported escape in a string")
                }
                position += 1
                content.append(escaped)
            } else {
                content.append(byte)
            }
        }
        if utf8 {
            guard let text = String(validating: content, as: UTF8.self) else { throw errorHere("string is not valid UTF-8") }
            return text
        }
        var text = ""
        for byte in content { text.unicodeScalars.append(Unicode.Scalar(byte)) }
        return text
    }

    /// `()`, `(3,)`, `(3, 4)`, `(3, 4,)`; Python 2's `3L` is accepted.
    private mutating func parseTuple() throws(ModelFormatError) -> [Int] {
        position += 1  // (
        var elements: [Int] = []
        var trailingComma = false
        while true {
            skipWhitespace()
            if peek() == UInt8(ascii: ")") {
                position += 1
                break
            }
            elements.append(try parseInteger())
            trailingComma = false
            skipWhitespace()
            if peek() == UInt8(ascii: ",") {
                position += 1
                trailingComma = true
            } else if peek() == UInt8(ascii: ")") {
                position += 1
                break
            } else {
                throw errorHere("expected ',' or ')' in the shape")
            }
        }
        guard elements.count != 1 || trailingComma else {
            throw error("shape (\(elements[0])) is not a tuple (a 1-d shape is written (\(elements[0]),))")
        }
        return elements
    }

    private mutating func parseInteger() throws(ModelFormatError) -> Int {
        guard let first = peek(), isDigit(first) else { throw errorHere("shape must hold non-negative integers") }
        var value = 0
        while let byte = peek(), isDigit(byte) {
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = shifted.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { throw errorHere("shape dimension is too large") }
            value = next
            position += 1
        }
        if peek() == UInt8(ascii: "L") || peek() == UInt8(ascii: "l") { position += 1 }
        return value
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private mutating func expect(_ character: Unicode.Scalar) throws(ModelFormatError) {
        guard peek() == UInt8(ascii: character) else { throw errorHere("expected '\(character)'") }
        position += 1
    }

    private mutating func expectWord(_ word: String) throws(ModelFormatError) {
        let wordBytes = Array(word.utf8)
        guard position + wordBytes.count <= bytes.count,
            Array(bytes[position..<position + wordBytes.count]) == wordBytes
        else { throw errorHere("expected a string, True, False or a tuple") }
        position += wordBytes.count
        if let next = peek(), isDigit(next) || (next | 0x20 >= UInt8(ascii: "a") && next | 0x20 <= UInt8(ascii: "z")) {
            throw errorHere("expected a string, True, False or a tuple")
        }
    }

    private func peek() -> UInt8? {
        position < bytes.count ? bytes[position] : nil
    }

    private mutating func skipWhitespace() {
        while let byte = peek(),
            byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
        {
            position += 1
        }
    }
}
