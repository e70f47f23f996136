import Foundation

/// A bar chart as inline SVG: one group of bars per category, one bar per series (or one
/// stacked bar per category when `stacked`). No script, no external resource.
struct SVGBarChart {
    struct Series {
        var name: String
        var color: String
        var values: [Double]
    }

    var title: String
    var unit: String
    var categories: [String]
    var series: [Series]
    var stacked = false

    func svg() -> String {
        let width = 920.0
        let height = 300.0
        let left = 70.0
        let bottom = 70.0
        let top = 40.0
        let plotWidth = width - left - 20
        let plotHeight = height - top - bottom
        let totals = categories.indices.map { c in
            stacked ? series.reduce(0) { $0 + $1.values[c] } : (series.map { $0.values[c] }.max() ?? 0)
        }
        let maxValue = max(totals.max() ?? 1, 1e-9)
        let groupWidth = plotWidth / Double(max(1, categories.count))
        let barWidth = stacked ? groupWidth * 0.6 : groupWidth * 0.8 / Double(max(1, series.count))
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" role=\"img\" aria-label=\"\(escape(title))\">\n"
        out += "<text x=\"\(left)\" y=\"22\" font-size=\"15\" font-weight=\"bold\">\(escape(title))</text>\n"
        for tick in 0...4 {
            let value = maxValue * Double(tick) / 4
            let y = top + plotHeight * (1 - Double(tick) / 4)
            out += "<line x1=\"\(left)\" y1=\"\(f(y))\" x2=\"\(f(width - 20))\" y2=\"\(f(y))\" stroke=\"#ddd\"/>\n"
            out += "<text x=\"\(f(left - 6))\" y=\"\(f(y + 4))\" font-size=\"11\" text-anchor=\"end\">\(compact(value))</text>\n"
        }
        out += "<text x=\"14\" y=\"\(f(top + plotHeight / 2))\" font-size=\"11\" transform=\"rotate(-90 14 \(f(top + plotHeight / 2)))\" text-anchor=\"middle\">\(escape(unit))</text>\n"
        for (c, category) in categories.enumerated() {
            let groupX = left + Double(c) * groupWidth
            var stackTop = top + plotHeight
            for (s, serie) in series.enumerated() {
                let value = serie.values[c]
                let h = plotHeight * value / maxValue
                let x = stacked ? groupX + (groupWidth - barWidth) / 2 : groupX + groupWidth * 0.1 + Double(s) * barWidth
                let y = stacked ? stackTop - h : top + plotHeight - h
                if stacked { stackTop -= h }
                out += "<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(max(1, barWidth - 2)))\" height=\"\(f(h))\" fill=\"\(serie.color)\"><title>\(escape(category)): \(escape(serie.name)) \(compact(value))</title></rect>\n"
            }
            out += "<text x=\"\(f(groupX + groupWidth / 2))\" y=\"\(f(top + plotHeight + 16))\" font-size=\"11\" text-anchor=\"middle\">\(escape(category))</text>\n"
        }
        var legendX = left
        for serie in series {
            out += "<rect x=\"\(f(legendX))\" y=\"\(f(height - 26))\" width=\"12\" height=\"12\" fill=\"\(serie.color)\"/>"
            out += "<text x=\"\(f(legendX + 16))\" y=\"\(f(height - 16))\" font-size=\"12\">\(escape(serie.name))</text>\n"
            legendX += 24 + Double(serie.name.count) * 7
        }
        return out + "</svg>\n"
    }

    private func f(_ value: Double) -> String { String(format: "%.1f", value) }

    private func compact(_ value: Double) -> String {
        if value >= 1e6 { return String(format: "%.1fM", value / 1e6) }
        if value >= 1e4 { return String(format: "%.0fk", value / 1e3) }
        if value >= 1e3 { return String(format: "%.1fk", value / 1e3) }
        return String(format: "%.0f", value)
    }
}

/// Escapes text for HTML and SVG.
func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
}
