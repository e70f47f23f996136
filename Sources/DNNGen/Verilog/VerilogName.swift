/// Turns names from a model (which may hold any characters) into Verilog identifiers.
enum VerilogName {
    /// `l<index>_<name>` with every character outside `[A-Za-z0-9_]` replaced by `_`: unique per
    /// layer, never a keyword, never starting with a digit.
    static func layer(_ name: String, index: Int) -> String {
        "l\(index)_" + identifierBody(name)
    }

    /// A module name from the model's name: `<name>_top`, `dnngen_model_top` if nothing is left.
    static func topModule(_ modelName: String) -> String {
        let body = identifierBody(modelName)
        let start = body.first.map { $0.isLetter } ?? false
        return (start ? body : "m_" + body) + "_top"
    }

    private static func identifierBody(_ name: String) -> String {
        let mapped = String(name.unicodeScalars.map { scalar -> Character in
            let c = Character(scalar)
            return (scalar.isASCII && (c.isLetter || c.isNumber)) || c == "_" ? c : "_"
        })
        return mapped.isEmpty ? "unnamed" : mapped
    }
}
