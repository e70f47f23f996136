extension InspectReport {
    /// The same facts as `text(for:file:)`, as JSON with a fixed key order (deterministic).
    ///
    /// Keys: `model`, `input`, `output`, `layers` (each: `name`, `op`, `input`, `output`, and for
    /// layers with weights `weight_bits`, `weight_kind`, `rows`, `columns`, `output_pixels`,
    /// `parameters`, `biases`, `non_zeros`, `pruned_rows`, `pruned_columns`, `pruned_positions`
    /// (`[c, i, j]` triples), `irregular_zeros`, `macs_dense`, `macs_effective`,
    /// `storage_bits_dense`, `storage_bits_compacted`, `accumulator_width`, `accumulator_ranges`
    /// (`[lo, hi]` per channel)), and `totals`.
    public static func json(for model: Model) -> String {
        let layers = Analysis.analyze(model)
        let input = TensorInfo(shape: model.inputShape, type: model.inputType)
        let output = layers.last?.output ?? input
        var layerObjects: [String] = []
        for layer in layers {
            var fields: [(String, String)] = [
                ("name", quoted(layer.name)), ("op", quoted(layer.op)),
                ("input", tensorJSON(layer.input)), ("output", tensorJSON(layer.output)),
            ]
            if let bits = layer.weightBits, let kind = layer.weightKind {
                let structure = layer.structure
                let positions = structure.prunedPositions.map { "[\($0.channel), \($0.row), \($0.column)]" }
                let ranges = layer.accumulatorRanges.map { "[\($0.lowerBound), \($0.upperBound)]" }
                fields += [
                    ("weight_bits", String(bits)), ("weight_kind", quoted(kind.rawValue)),
                    ("rows", String(layer.rows)), ("columns", String(layer.columns)),
                    ("output_pixels", String(layer.outputPixels)),
                    ("parameters", String(layer.parameters)), ("biases", String(layer.biases)),
                    ("non_zeros", String(layer.nonZeros)),
                    ("pruned_rows", list(structure.prunedRows.map(String.init))),
                    ("pruned_columns", list(structure.prunedColumns.map(String.init))),
                    ("pruned_positions", list(positions)),
                    ("irregular_zeros", String(structure.irregularZeros)),
                    ("macs_dense", String(layer.macsDense)), ("macs_effective", String(layer.macsEffective)),
                    ("storage_bits_dense", String(layer.storageBitsDense)),
                    ("storage_bits_compacted", String(layer.storageBitsCompacted)),
                    ("accumulator_width", String(layer.accumulatorWidth)),
                    ("accumulator_ranges", list(ranges)),
                ]
            }
            layerObjects.append(object(fields, indent: "    "))
        }
        let totals: [(String, String)] = [
            ("parameters", String(layers.reduce(0) { $0 + $1.parameters })),
            ("non_zeros", String(layers.reduce(0) { $0 + $1.nonZeros })),
            ("irregular_zeros", String(layers.reduce(0) { $0 + $1.structure.irregularZeros })),
            ("macs_dense", String(layers.reduce(0) { $0 + $1.macsDense })),
            ("macs_effective", String(layers.reduce(0) { $0 + $1.macsEffective })),
            ("storage_bits_dense", String(layers.reduce(0) { $0 + $1.storageBitsDense })),
            ("storage_bits_compacted", String(layers.reduce(0) { $0 + $1.storageBitsCompacted })),
        ]
        let top: [(String, String)] = [
            ("model", quoted(model.name)), ("input", tensorJSON(input)), ("output", tensorJSON(output)),
            ("layers", layerObjects.isEmpty ? "[]" : "[\n    " + layerObjects.joined(separator: ",\n    ") + "\n  ]"),
            ("totals", object(totals, indent: "  ")),
        ]
        return object(top, indent: "") + "\n"
    }

    private static func object(_ fields: [(String, String)], indent: String) -> String {
        let inner = indent + "  "
        return "{\n" + fields.map { "\(inner)\(quoted($0.0)): \($0.1)" }.joined(separator: ",\n") + "\n\(indent)}"
    }

    private static func list(_ items: [String]) -> String { "[" + items.joined(separator: ", ") + "]" }

    private static func tensorJSON(_ tensor: TensorInfo) -> String {
        "{\"shape\": \(list(tensor.shape.map(String.init))), \"bits\": \(tensor.type.bits), \"signed\": \(tensor.type.signed)}"
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
