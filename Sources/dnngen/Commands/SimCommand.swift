import DNNGen
import Foundation

/// `dnngen sim DIR [--output Y.npy]`: compiles and runs a design's testbench with iverilog/vvp.
struct SimCommand: Command {
    static let name = "sim"
    static let abstract = "Simulate a generated design's self-checking testbench (iverilog)."
    static let help = """
    USAGE: dnngen sim DIR [--output Y.npy]

    Compiles DIR's sources and testbench with iverilog -g2005 and runs them with vvp. The bench
    sends every test vector three times: without gaps (to measure cycles per inference and
    latency), then with 25% and 50% random input gaps and output back-pressure; it checks every
    output against the reference's. Prints at most 10 MISMATCH lines and one summary line:
      PASS|FAIL mismatches=M vectors=N cycles_per_inference=C latency=L
    Exit status 0 on PASS, 1 on FAIL or a tool failure, 2 for a folder that is not a design.

    OPTIONS:
      --output Y.npy   write the outputs the RTL produced (first pass) as int32 [N, *output shape]

    """

    var directory: String
    var outputPath: String?

    init(arguments: inout ArgumentList) throws {
        outputPath = try arguments.path("--output", "-o")
        guard let directory = try arguments.positionals(max: 1).first, !directory.isEmpty else {
            throw UsageError("sim: give the design folder, e.g. dnngen sim digits-mlp-rtl")
        }
        self.directory = directory
    }

    func run() throws -> Int32 {
        if let outputPath { try FormatIO.checkOutputFile(outputPath) }
        let simulator = Simulator()
        let started = Date()
        let result = try simulator.simulate(directory: directory)
        for line in result.log.split(separator: "\n") where line.hasPrefix("MISMATCH") || line.hasPrefix("TIMEOUT") {
            Console.line(String(line))
        }
        Console.line(result.summary)
        Console.line(String(format: "simulated in %.2f s", Date().timeIntervalSince(started)))
        if let outputPath {
            let shape = try outputShape()
            guard let outputs = simulator.actualOutputs(directory: directory, outputCount: shape.reduce(1, *)) else {
                throw FileError(path: directory + "/tb/actual.txt", "missing or unreadable: the bench wrote no outputs")
            }
            try writeOutputs(outputs, shape: shape, to: outputPath)
        }
        return result.passed ? 0 : 1
    }

    /// The output shape recorded in the design's report.json.
    private func outputShape() throws -> [Int] {
        let path = directory + "/report.json"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
              let report = try? JSONValue.parse(text),
              let shape = report["output"]?["shape"]?.arrayValue?.compactMap(\.intValue), !shape.isEmpty else {
            throw FileError(path: path, "missing or has no output.shape")
        }
        return shape
    }
}
