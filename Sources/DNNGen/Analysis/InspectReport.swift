/// The text `dnngen inspect` prints: one row per layer and a totals row, columns aligned.
///
/// Columns: layer, op, `input -> output` (shape and type), weights (bits and kind), params
/// (weights), non-zeros (and their share), structure found, MACs dense and effective, weight
/// storage in bits dense and compacted, accumulator bits. Deterministic: the same model gives
/// the same text.
public enum InspectReport {
    public static func text(for model: Model, file: String) -> String {
        let layers = Analysis.analyze(model)
        let input = TensorInfo(shape: model.inputShape, type: model.inputType)
        let output = layers.last?.output ?? input
        var lines: [String] = []
        lines.append("\(file): model '\(PrintableText.escaped(model.name))', input \(describe(input)), output \(describe(output)), \(model.layers.count) layers")
        if layers.count < model.layers.count {
            lines.append("warning: only the first \(layers.count) layers fit together; the rest are not shown")
        }
        lines.append("")

        let header = ["layer", "op", "input -> output", "weights", "params", "non-zeros", "structure",
                      "MACs dense", "MACs effective", "storage dense", "storage compacted", "acc bits"]
        let rightAligned: Set<Int> = [4, 5, 7, 8, 9, 10, 11]
        var rows: [[String]] = layers.map { layer in
            let hasWeights = layer.hasWeights
            return [
                layer.name,
                layer.op,
                "\(describe(layer.input)) -> \(describe(layer.output))",
                weightsDescription(layer),
                hasWeights ? String(layer.parameters) : "-",
                hasWeights ? nonZerosDescription(layer.nonZeros, of: layer.parameters) : "-",
                structureDescription(layer),
                hasWeights ? String(layer.macsDense) : "-",
                hasWeights ? String(layer.macsEffective) : "-",
                hasWeights ? String(layer.storageBitsDense) : "-",
                hasWeights ? String(layer.storageBitsCompacted) : "-",
                hasWeights ? String(layer.accumulatorWidth) : "-",
            ]
        }
        let parameters = layers.reduce(0) { $0 + $1.parameters }
        let nonZeros = layers.reduce(0) { $0 + $1.nonZeros }
        let structured = layers.reduce(0) { $0 + $1.zeros - $1.structure.irregularZeros }
        let irregular = layers.reduce(0) { $0 + $1.structure.irregularZeros }
        rows.append([
            "total", "", "", "",
            String(parameters),
            nonZerosDescription(nonZeros, of: parameters),
            "structured zeros \(structured), irregular \(irregular)",
            String(layers.reduce(0) { $0 + $1.macsDense }),
            String(layers.reduce(0) { $0 + $1.macsEffective }),
            String(layers.reduce(0) { $0 + $1.storageBitsDense }),
            String(layers.reduce(0) { $0 + $1.storageBitsCompacted }),
            "",
        ])

        var widths = header.map(\.count)
        for row in rows {
            for (column, cell) in row.enumerated() { widths[column] = Swift.max(widths[column], cell.count) }
        }
        func render(_ cells: [String]) -> String {
            let padded = cells.enumerated().map { column, cell in
                let fill = String(repeating: " ", count: widths[column] - cell.count)
                return rightAligned.contains(column) ? fill + cell : cell + fill
            }
            var line = padded.joined(separator: "  ")
            while line.last == " " { line.removeLast() }
            return line
        }
        lines.append(render(header))
        lines.append(render(widths.map { String(repeating: "-", count: $0) }))
        for row in rows.dropLast() { lines.append(render(row)) }
        lines.append(render(widths.map { String(repeating: "-", count: $0) }))
        if let totals = rows.last { lines.append(render(totals)) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `[1, 28, 28] u8`.
    static func describe(_ tensor: TensorInfo) -> String {
        "[\(tensor.shape.map(String.init).joined(separator: ", "))] \(tensor.type.shortName)"
    }

    /// `4b int`, `1b binary`; `-` without weights.
    static func weightsDescription(_ layer: LayerAnalysis) -> String {
        guard let bits = layer.weightBits, let kind = layer.weightKind else { return "-" }
        return "\(bits)b \(kind.rawValue)"
    }

    /// `1234 (25.0%)`.
    static func nonZerosDescription(_ nonZeros: Int, of total: Int) -> String {
        guard total > 0 else { return String(nonZeros) }
        return "\(nonZeros) (\(percent(nonZeros, of: total)))"
    }

    /// `part / total` as a percentage with one decimal, rounded half up: `25.0%`.
    static func percent(_ part: Int, of total: Int) -> String {
        let tenths = (part * 2000 + total) / (2 * total)
        return "\(tenths / 10).\(tenths % 10)%"
    }

    /// `rows 3/32, cols 10/64, irregular 412` for dense;
    /// `filters 1/16, channels 2/6, positions 4/150, irregular 30` for conv2d; parts that are
    /// zero are left out, and a layer without zeros reads `none`.
    static func structureDescription(_ layer: LayerAnalysis) -> String {
        guard layer.hasWeights else { return "-" }
        let structure = layer.structure
        var parts: [String] = []
        if layer.op == "conv2d" {
            let channels = layer.input.shape.first ?? 0
            if !structure.prunedFilters.isEmpty { parts.append("filters \(structure.prunedFilters.count)/\(layer.rows)") }
            if !structure.prunedChannels.isEmpty { parts.append("channels \(structure.prunedChannels.count)/\(channels)") }
            if !structure.prunedPositions.isEmpty { parts.append("positions \(structure.prunedPositions.count)/\(layer.columns)") }
        } else {
            if !structure.prunedRows.isEmpty { parts.append("rows \(structure.prunedRows.count)/\(layer.rows)") }
            if !structure.prunedColumns.isEmpty { parts.append("cols \(structure.prunedColumns.count)/\(layer.columns)") }
        }
        if structure.irregularZeros > 0 { parts.append("irregular \(structure.irregularZeros)") }
        return parts.isEmpty ? "none" : parts.joined(separator: ", ")
    }
}
