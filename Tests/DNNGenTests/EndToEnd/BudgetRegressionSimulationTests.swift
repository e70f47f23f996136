import Testing
@testable import DNNGen

/// The 8-13-61-10 MLP where 64 multipliers simulated at 26 cycles and 80 at 30: with one cost
/// model the larger budget is the faster design in iverilog too, and each runs at its plan.
@Suite("Budget regression in RTL")
struct BudgetRegressionSimulationTests {
    @Test("a larger budget simulates no slower", arguments: [64, 80])
    func largerBudgetIsNotSlower(budget: Int) throws {
        let model = RandomModels.mlp(widths: [8, 13, 61, 10], bits: 8, seed: 1)
        let harness = try DesignHarness(model: model, folding: FoldingRequest(multipliers: budget), vectors: 6,
                                        seed: 1, label: "mlp8-13-61-10-m\(budget)")
        let result = try harness.simulate()
        #expect(result.passed, "\(result.summary)\nfolder \(harness.directory)")
        let planned = harness.plan.initiationInterval
        #expect(planned <= (budget == 64 ? 26 : 21), "plan \(planned) cycles at \(budget) multipliers")
        // A chain of matrix units meets its plan within a few handshake cycles.
        #expect(result.cyclesPerInference >= planned && result.cyclesPerInference <= planned + 4,
                "measured \(result.cyclesPerInference) cycles, plan \(planned)")
        if result.passed { harness.remove() }
    }
}
