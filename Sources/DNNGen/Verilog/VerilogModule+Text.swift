extension VerilogModule {
    /// The module as a Verilog-2005 file: header, preamble, column-aligned ports, the items
    /// separated by blank lines (a comment sits on the item it introduces), `endmodule` and the
    /// closing `resetall`.
    func text() -> String {
        var lines = [String]()
        lines.append("`resetall")
        lines.append("`timescale 1ns / 1ps")
        lines.append("`default_nettype none")
        lines.append("")
        lines.append("module \(name) (")
        lines += portLines()
        lines.append(");")
        var follows: VerilogItem?
        for item in items {
            // A comment introduces the item after it, so no blank line comes between them.
            if case .comment = follows {} else { lines.append("") }
            lines += Self.lines(of: item)
            follows = item
        }
        lines.append("")
        lines.append("endmodule")
        lines.append("")
        lines.append("`resetall")
        return header + "\n" + lines.joined(separator: "\n") + "\n"
    }

    private func portLines() -> [String] {
        let rangeWidth = ports.map { Self.range($0.width).count }.max() ?? 0
        var lines = [String]()
        for (index, port) in ports.enumerated() {
            let separator = index == ports.count - 1 ? "" : ","
            let direction = port.direction.rawValue.padding(toLength: 6, withPad: " ", startingAt: 0)
            if let comment = port.comment { lines.append("    // " + Self.commentText(comment)) }
            let line = "    " + Self.declaration(direction + " wire", port.width, rangeWidth, port.name) + separator
            lines += port.unused ? Self.unusedWaiver(["\(line)"], indent: "    ") : [line]
        }
        return lines
    }

    private static func lines(of item: VerilogItem) -> [String] {
        switch item {
        case .comment(let text):
            return text.map { "// " + commentText($0) }
        case .wires(let wires):
            return wireLines(wires)
        case .instance(let instance):
            return instanceLines(instance)
        case .concatenation(let target, let parts):
            return ["assign \(target) = {"] + parts.enumerated().map { index, part in
                "    " + part + (index == parts.count - 1 ? "" : ",")
            } + ["};"]
        case .assignments(let pairs):
            return pairs.map { "assign \($0.target) = \($0.value);" }
        }
    }

    /// `wire [w-1:0] name;`, names aligned; runs of unused wires inside one waiver.
    private static func wireLines(_ wires: [VerilogWire]) -> [String] {
        let rangeWidth = wires.map { range($0.width).count }.max() ?? 0
        var lines = [String]()
        var waived = [String]()
        for wire in wires {
            let line = declaration("wire", wire.width, rangeWidth, wire.name) + ";"
            if wire.unused {
                waived.append(line)
                continue
            }
            lines += unusedWaiver(waived, indent: "")
            waived = []
            lines.append(line)
        }
        return lines + unusedWaiver(waived, indent: "")
    }

    /// `module #( .P (v), ... ) name ( .port (signal), ... );` with the parentheses of each list
    /// aligned and parameter comments in one column.
    private static func instanceLines(_ instance: VerilogInstance) -> [String] {
        var lines = [String]()
        if instance.parameters.isEmpty {
            lines.append("\(instance.module) \(instance.name) (")
        } else {
            lines.append("\(instance.module) #(")
            let nameWidth = instance.parameters.map(\.name.count).max() ?? 0
            let bodies = instance.parameters.enumerated().map { index, parameter in
                "    .\(parameter.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)) (\(parameter.value))"
                    + (index == instance.parameters.count - 1 ? "" : ",")
            }
            // Comments beside short lines share a column; a long value (a mask) takes its comment above.
            let besideLimit = 48
            let commentColumn = zip(instance.parameters, bodies).filter { $0.0.comment != nil && $0.1.count <= besideLimit }
                .map(\.1.count).max() ?? 0
            for (parameter, body) in zip(instance.parameters, bodies) {
                guard let comment = parameter.comment.map(commentText) else {
                    lines.append(body)
                    continue
                }
                if body.count <= besideLimit {
                    lines.append(body.padding(toLength: commentColumn, withPad: " ", startingAt: 0) + "  // " + comment)
                } else {
                    lines.append("    // " + comment)
                    lines.append(body)
                }
            }
            lines.append(") \(instance.name) (")
        }
        let portWidth = instance.connections.map(\.port.count).max() ?? 0
        for (index, connection) in instance.connections.enumerated() {
            let separator = index == instance.connections.count - 1 ? "" : ","
            lines.append("    .\(connection.port.padding(toLength: portWidth, withPad: " ", startingAt: 0)) (\(connection.signal))\(separator)")
        }
        lines.append(");")
        return lines
    }

    private static func unusedWaiver(_ lines: [String], indent: String) -> [String] {
        guard !lines.isEmpty else { return [] }
        return [indent + "/* verilator lint_off UNUSEDSIGNAL */"] + lines + [indent + "/* verilator lint_on UNUSEDSIGNAL */"]
    }

    /// `[w-1:0]`, or nothing for a scalar.
    private static func range(_ width: Int?) -> String {
        width.map { "[\($0 - 1):0]" } ?? ""
    }

    /// `wire [7:0] name` with the range padded to `rangeWidth`, so names line up.
    private static func declaration(_ keyword: String, _ width: Int?, _ rangeWidth: Int, _ name: String) -> String {
        guard rangeWidth > 0 else { return keyword + " " + name }
        return keyword + " " + range(width).padding(toLength: rangeWidth, withPad: " ", startingAt: 0) + " " + name
    }

    /// Comment text on one line: a model's names may hold line breaks or control characters.
    private static func commentText(_ text: String) -> String {
        String(text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : Character($0) })
    }
}
