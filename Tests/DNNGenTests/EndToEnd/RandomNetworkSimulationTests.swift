import Foundation
import Testing
@testable import DNNGen

/// The RTL of random MLPs and CNNs, simulated in iverilog, equals the reference on every vector, with
/// random input gaps and output back-pressure, extreme inputs included; and lints clean.
@Suite("Random networks in RTL")
struct RandomNetworkSimulationTests {
    /// Cycles of pipeline fill and handshakes the plan does not count, per inference.
    static let fillCycles = 4

    @Test("MLP RTL matches the reference under back-pressure", arguments: 0..<32)
    func mlpMatchesReferenceUnderBackPressure(seed: Int) throws {
        try check(RandomModels.mlp(seed: UInt64(seed)), seed: seed, label: "mlp")
    }

    @Test("CNN RTL matches the reference under back-pressure", arguments: 0..<32)
    func cnnMatchesReferenceUnderBackPressure(seed: Int) throws {
        try check(RandomModels.cnn(seed: UInt64(seed)), seed: seed, label: "cnn")
    }

    func check(_ model: Model, seed: Int, label: String) throws {
        // Budgets from starved to generous, so folds from 1x1 to wide are all exercised.
        let budget = [1, 4, 16, 64, 256][seed % 5]
        let harness = try DesignHarness(
            model: model, folding: FoldingRequest(multipliers: budget), vectors: 6,
            extraInputs: RandomModels.extremeInputs(for: model), seed: UInt64(seed), label: "\(label)\(seed)")
        let result = try harness.simulate()
        #expect(result.passed, "\(label) seed \(seed): \(result.summary)\n\(result.log.prefix(2000))\nfolder \(harness.directory)")
        #expect(result.mismatches == 0)
        #expect(result.vectors == harness.vectors.inputs.count)
        // Steady state: the plan's interval (the engines' cost model, sliding windows' schedules
        // included) is met within 2 % plus a few handshake cycles of pipeline fill.
        let planned = harness.plan.initiationInterval
        let margin = planned / 50 + Self.fillCycles
        #expect(result.cyclesPerInference >= planned - Self.fillCycles && result.cyclesPerInference <= planned + margin,
                "\(label) seed \(seed): measured \(result.cyclesPerInference) cycles, plan \(planned)")
        let warnings = try harness.lintWarnings()
        #expect(warnings.isEmpty, "\(label) seed \(seed): verilator: \(warnings)")
        if result.passed && warnings.isEmpty { harness.remove() }
    }
}
