import Foundation

/// FPGA resources of a synthesized design, from Yosys's `stat` after `synth_xilinx`.
public struct AreaReport: Equatable, Sendable {
    public var luts: Int
    public var flipFlops: Int
    /// Block RAM in 18 Kb units (a RAMB36 counts two).
    public var bram18: Int
    public var dsps: Int
    /// LUT RAM primitives (RAM32M, RAM64X1D, …).
    public var lutRAMs: Int
    public var cells: Int

    /// Reads the last `stat` block of a Yosys log (the flattened top's totals).
    public static func parse(stat text: String) -> AreaReport {
        var report = AreaReport(luts: 0, flipFlops: 0, bram18: 0, dsps: 0, lutRAMs: 0, cells: 0)
        let blocks = text.components(separatedBy: "Number of cells:")
        guard let last = blocks.last, blocks.count > 1 else { return report }
        let lines = last.split(separator: "\n")
        report.cells = Int(lines.first?.trimmingCharacters(in: .whitespaces) ?? "") ?? 0
        for line in lines.dropFirst() {
            let words = line.split(separator: " ")
            guard words.count == 2, let count = Int(words[1]) else { continue }
            let cell = String(words[0])
            if cell.hasPrefix("LUT") && cell.count == 4 { report.luts += count }
            else if cell.hasPrefix("FD") { report.flipFlops += count }
            else if cell.hasPrefix("RAMB18") { report.bram18 += count }
            else if cell.hasPrefix("RAMB36") { report.bram18 += 2 * count }
            else if cell.hasPrefix("DSP48") { report.dsps += count }
            else if cell.hasPrefix("RAM32") || cell.hasPrefix("RAM64") || cell.hasPrefix("RAM128") || cell.hasPrefix("RAM256") { report.lutRAMs += count }
        }
        return report
    }
}

/// Runs Yosys `synth_xilinx` on a generated design folder.
public struct Synthesizer: Sendable {
    public var runner = ToolRunner()

    public init() {}

    /// Synthesizes `directory`'s sources for a Xilinx 7-series target and reads the totals.
    ///
    /// - Throws: `SimulationError` when Yosys is missing or fails (a latch or a combinational
    ///   loop fails `check -assert`).
    public func synthesize(directory: String, top: String) throws(SimulationError) -> AreaReport {
        guard let list = try? String(contentsOfFile: directory + "/files.f", encoding: .utf8) else {
            throw .notADesign(directory)
        }
        let sources = list.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        try? FileManager.default.createDirectory(atPath: directory + "/build", withIntermediateDirectories: true)
        // -nodsp: Yosys 0.23's DSP48 mapping of these designs fails gate-level simulation (its
        // netlist drops logic), so multipliers are counted as LUTs and carry chains instead.
        let script = "read_verilog -defer \(sources.joined(separator: " ")); synth_xilinx -flatten -nodsp -top \(top); check -assert; tee -q -o build/synth_xilinx.txt stat"
        let run = try runner.run("yosys", ["-q", "-l", "build/synth_xilinx.log", "-p", script], in: directory)
        guard run.status == 0, let stat = try? String(contentsOfFile: directory + "/build/synth_xilinx.txt", encoding: .utf8) else {
            throw .compileFailed("yosys synth_xilinx failed:\n" + (run.standardOutput + run.standardError).suffix(2000))
        }
        return AreaReport.parse(stat: stat)
    }
}
