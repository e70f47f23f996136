import Foundation

/// Compiles a generated design folder with iverilog and runs its testbench with vvp.
public struct Simulator: Sendable {
    public var runner = ToolRunner()

    public init() {}

    /// Compiles and runs `directory`'s bench; the verdict comes from the bench's summary line.
    ///
    /// - Throws: `SimulationError` when the folder is not a design, a tool is missing, the
    ///   design does not compile, or the bench printed no summary.
    public func simulate(directory: String) throws(SimulationError) -> SimulationResult {
        let fileList = directory + "/files.f"
        guard let list = try? String(contentsOfFile: fileList, encoding: .utf8),
              FileManager.default.fileExists(atPath: directory + "/tb/tb.v") else {
            throw .notADesign(directory)
        }
        let sources = list.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        try? FileManager.default.createDirectory(atPath: directory + "/build", withIntermediateDirectories: true)
        let compile = try runner.run(
            "iverilog", ["-g2005", "-o", "build/sim.vvp", "-s", "tb"] + sources + ["tb/dnngen_tb.v", "tb/tb.v"],
            in: directory)
        guard compile.status == 0 else { throw .compileFailed(compile.standardOutput + compile.standardError) }
        let run = try runner.run("vvp", ["-n", "build/sim.vvp"], in: directory)
        let log = run.standardOutput + run.standardError
        guard let result = SimulationResult.parse(log: log) else { throw .noSummary(log) }
        return result
    }

    /// The outputs the RTL produced in the run without gaps, as the bench wrote them (one
    /// decimal a line), split into vectors of `outputCount`.
    public func actualOutputs(directory: String, outputCount: Int) -> [[Int]]? {
        guard let text = try? String(contentsOfFile: directory + "/tb/actual.txt", encoding: .utf8) else { return nil }
        var values: [Int] = []
        for line in text.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { continue }
            guard let value = Int(trimmed) else { return nil }
            values.append(value)
        }
        guard outputCount > 0, values.count % outputCount == 0 else { return nil }
        return stride(from: 0, to: values.count, by: outputCount).map { Array(values[$0..<($0 + outputCount)]) }
    }

    /// Runs `verilator --lint-only -Wall` on the design's synthesizable sources.
    public func lint(directory: String, top: String) throws(SimulationError) -> ToolRunner.Output {
        guard let list = try? String(contentsOfFile: directory + "/files.f", encoding: .utf8) else {
            throw .notADesign(directory)
        }
        let sources = list.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        return try runner.run("verilator", ["--lint-only", "-Wall", "--top-module", top] + sources, in: directory)
    }
}
