/// A plain-text table with aligned columns, for terminal reports.
public struct TextTable: Sendable {
    public var rows: [[String]]
    /// Column indices aligned to the right (numbers).
    public var rightAligned: Set<Int>

    /// Cells may hold names from a model file: their control characters are escaped.
    public init(rows: [[String]], rightAligned: Set<Int> = []) {
        self.rows = rows.map { $0.map { PrintableText.escaped($0) } }
        self.rightAligned = rightAligned
    }

    /// The header row, a rule, then the rows; two spaces between columns.
    public func render() -> String {
        let columns = rows.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for row in rows { for (c, cell) in row.enumerated() { widths[c] = max(widths[c], cell.count) } }
        var text = ""
        for (index, row) in rows.enumerated() {
            let cells = (0..<columns).map { c -> String in
                let cell = c < row.count ? row[c] : ""
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return rightAligned.contains(c) ? pad + cell : cell + pad
            }
            text += cells.joined(separator: "  ").replacingTrailingSpaces() + "\n"
            if index == 0 { text += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n" }
        }
        return text
    }
}

extension String {
    fileprivate func replacingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
