/// Text from files and command lines made safe to print: control characters become escapes.
public enum PrintableText {
    /// `text` with every control character (C0, DEL, C1) written as `\n`, `\t`, `\r` or `\u{…}`,
    /// so a name from a file cannot end a line, move the cursor or change the terminal's colours.
    ///
    /// - Parameter keepingNewlines: keep line feeds as they are (for multi-line tool logs).
    public static func escaped(_ text: String, keepingNewlines: Bool = false) -> String {
        escaped(text, keeping: keepingNewlines ? ["\n"] : [])
    }

    /// `text` with every control character outside `kept` escaped.
    public static func escaped(_ text: String, keeping kept: Set<Unicode.Scalar>) -> String {
        guard text.unicodeScalars.contains(where: { isControl($0) && !kept.contains($0) }) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            guard isControl(scalar), !kept.contains(scalar) else {
                result.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default: result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
        }
        return result
    }

    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar == "\u{2028}" || scalar == "\u{2029}"
    }
}
