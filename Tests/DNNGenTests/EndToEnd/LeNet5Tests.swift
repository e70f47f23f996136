import Foundation
import Testing
@testable import DNNGen

/// The shipped LeNet-5: bit-exact in iverilog on its 20 test images, lint-clean, and at 64
/// multipliers within 10% of the dense engine's ideal (MACs after compaction / 64).
@Suite("LeNet-5 example")
struct LeNet5Tests {
    @Test func lenet5IsBitExactAndNearIdeal() throws {
        let folder = try TemporaryFolder.make("lenet5")
        let rtl = try CLI.run(["rtl", "examples/lenet5.bin", "-o", folder, "--inputs", "examples/lenet5-inputs.npy", "--multipliers", "64"])
        #expect(rtl.status == 0, "\(rtl.error)")
        let sim = try CLI.run(["sim", folder, "--output", folder + "/actual.npy"])
        #expect(sim.status == 0, "\(sim.output)\(sim.error)")
        guard let result = SimulationResult.parse(log: sim.output) else {
            Issue.record("no summary line: \(sim.output)")
            return
        }
        #expect(result.passed && result.vectors == 20)
        let actual = try NPY.read(path: folder + "/actual.npy")
        let expected = try NPY.read(path: CLI.root + "/examples/lenet5-expected.npy")
        #expect(actual.values == expected.values, "RTL outputs differ from the example script's own reference")

        let report = try JSONValue.parse(String(contentsOfFile: folder + "/report.json", encoding: .utf8))
        let ideal = report["total"]?["ideal_cycles"]?.doubleValue ?? 0
        #expect(ideal > 0)
        #expect(Double(result.cyclesPerInference) <= ideal * 1.10,
                "measured \(result.cyclesPerInference) cycles, ideal \(ideal)")

        let verilator = try Simulator().lint(directory: folder, top: "lenet5_top")
        let warnings = (verilator.standardOutput + verilator.standardError).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(verilator.status == 0 && warnings.isEmpty, "verilator: \(warnings)")
        try? FileManager.default.removeItem(atPath: folder)
    }
}
