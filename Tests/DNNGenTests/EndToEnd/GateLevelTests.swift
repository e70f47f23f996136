import Foundation
import Testing
@testable import DNNGen

/// What Yosys makes of a design still passes the bench: the synth_xilinx netlist (as the area
/// figures count it, DSPs off) and the synth_ecp5 netlist (DSPs on), simulated with primitive models.
@Suite("Gate level")
struct GateLevelTests {
    /// A 16-12-6 MLP with 4-bit weights, irregularly pruned, with biases and requantization: the
    /// templates of both engines' MLPs, small enough for a quick synthesis and netlist simulation
    /// (a 64-input random MLP took minutes of vvp per engine).
    static let model = RandomModels.mlp(widths: [16, 12, 6], bits: 4, pattern: .irregular, seed: 4)

    @Test(arguments: [EngineChoice.dense, .sparse])
    func synthesizedNetlistPassesTheBench(engine: EngineChoice) throws {
        let model = Self.model
        let harness = try DesignHarness(model: model, folding: FoldingRequest(multipliers: 8, engine: engine),
                                        vectors: 3, extraInputs: RandomModels.extremeInputs(for: model), seed: 9,
                                        label: "gate-\(engine.rawValue)")
        let runner = ToolRunner()
        let sources = harness.design.files.map(\.path).filter { $0.hasPrefix("rtl/") }
        let script = "read_verilog -defer \(sources.joined(separator: " ")); synth_xilinx -flatten -nodsp -top \(harness.design.topModule); write_verilog -noattr build/netlist.v"
        try FileManager.default.createDirectory(atPath: harness.directory + "/build", withIntermediateDirectories: true)
        let synth = try runner.run("yosys", ["-q", "-p", script], in: harness.directory)
        #expect(synth.status == 0, "\(synth.standardError.suffix(1000))")
        let primitives = "/usr/share/yosys/xilinx/cells_sim.v"
        let compile = try runner.run("iverilog", ["-g2012", "-o", "build/netlist.vvp", "-s", "tb", "build/netlist.v", primitives,
                                                  "tb/dnngen_tb.v", "tb/tb.v"], in: harness.directory)
        #expect(compile.status == 0, "\(compile.standardError.suffix(1000))")
        let run = try runner.run("vvp", ["-n", "build/netlist.vvp"], in: harness.directory)
        let result = SimulationResult.parse(log: run.standardOutput)
        #expect(result?.passed == true, "\(run.standardOutput.suffix(1500))")
        if result?.passed == true { harness.remove() }
    }

    /// The ECP5 netlist with DSPs (MULT18X18D) and block RAM, as `make pnr-ecp5` maps it, simulated
    /// with Yosys's ECP5 cell models and dnngen's MULT18X18D model (Yosys ships a black box).
    @Test func ecp5NetlistWithDSPsPassesTheBench() throws {
        let model = Self.model
        let harness = try DesignHarness(model: model, folding: FoldingRequest(multipliers: 8, engine: .dense),
                                        vectors: 3, extraInputs: RandomModels.extremeInputs(for: model), seed: 9,
                                        label: "gate-ecp5")
        let runner = ToolRunner()
        let sources = harness.design.files.map(\.path).filter { $0.hasPrefix("rtl/") }
        let script = "read_verilog -defer \(sources.joined(separator: " ")); synth_ecp5 -top \(harness.design.topModule); "
            + "select -assert-min 1 t:MULT18X18D; write_verilog -noattr build/netlist.v"
        try FileManager.default.createDirectory(atPath: harness.directory + "/build", withIntermediateDirectories: true)
        let synth = try runner.run("yosys", ["-q", "-p", script], in: harness.directory)
        #expect(synth.status == 0, "\(synth.standardError.suffix(1000))")
        let compile = try runner.run("iverilog", ["-g2012", "-I/usr/share/yosys/ecp5", "-o", "build/netlist.vvp", "-s", "tb",
                                                  "build/netlist.v", "/usr/share/yosys/ecp5/cells_sim.v",
                                                  CLI.root + "/testbenches/ecp5/MULT18X18D.v", "tb/dnngen_tb.v", "tb/tb.v"],
                                     in: harness.directory)
        #expect(compile.status == 0, "\(compile.standardError.suffix(1000))")
        let run = try runner.run("vvp", ["-n", "build/netlist.vvp"], in: harness.directory)
        let result = SimulationResult.parse(log: run.standardOutput)
        #expect(result?.passed == true, "\(run.standardOutput.suffix(1500))")
        if result?.passed == true { harness.remove() }
    }
}
