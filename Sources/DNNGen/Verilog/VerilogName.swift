/// Turns names from a model (which may hold any characters) into Verilog identifiers, file
/// names and comment text: names are data, never Verilog.
enum VerilogName {
    /// The longest identifier body kept as is; longer names keep a prefix and a hash of the whole
    /// name, so they stay unique, deterministic, and short enough for file names and every tool.
    static let maximumBodyLength = 40

    /// `l<index>_<name>` with every character outside `[A-Za-z0-9_]` replaced by `_`: unique per
    /// layer, never a keyword, never starting with a digit, at most `maximumBodyLength` + 12 characters.
    static func layer(_ name: String, index: Int) -> String {
        "l\(index)_" + identifierBody(name)
    }

    /// A module name from the model's name: `<name>_top`, `m_<name>_top` if it does not start with a letter.
    static func topModule(_ modelName: String) -> String {
        let body = identifierBody(modelName)
        let start = body.first.map { $0.isLetter } ?? false
        return (start ? body : "m_" + body) + "_top"
    }

    /// `text` safe inside a `//` or `#` comment, readable as the original: printable ASCII stays,
    /// every other character (line breaks, control bytes, non-ASCII) and the backslash become
    /// `\u{…}`, so no comment is ended early or continued onto the next line.
    static func comment(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if (0x20...0x7E).contains(scalar.value) && scalar != "\\" {
                result.unicodeScalars.append(scalar)
            } else {
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
        }
        return result
    }

    private static func identifierBody(_ name: String) -> String {
        let mapped = String(name.unicodeScalars.map { scalar -> Character in
            let c = Character(scalar)
            return (scalar.isASCII && (c.isLetter || c.isNumber)) || c == "_" ? c : "_"
        })
        guard !mapped.isEmpty else { return "unnamed" }
        guard mapped.count > maximumBodyLength else { return mapped }
        let digest = SHA256.hex(Array(name.utf8)).prefix(8)
        return mapped.prefix(maximumBodyLength - 9) + "_" + digest
    }
}
