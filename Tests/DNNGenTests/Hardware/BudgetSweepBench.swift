import Foundation
import Testing
@testable import DNNGen

/// `make bench` only (DNNGEN_BENCH=1): every budget from 1 to 512 on 32 random MLPs and CNNs;
/// the planned interval never rises as the budget grows. `make test` checks a grid of budgets
/// (FoldingSolverTests).
@Suite("Budget sweep (bench)", .enabled(if: ProcessInfo.processInfo.environment["DNNGEN_BENCH"] == "1"))
struct BudgetSweepBench {
    @Test("every budget 1...512: a larger budget never plans a slower network", arguments: 0..<32)
    func everyBudget(seed: Int) throws {
        for (label, model) in [("mlp", RandomModels.mlp(seed: UInt64(seed))), ("cnn", RandomModels.cnn(seed: UInt64(seed)))] {
            var previous = Int.max
            for budget in 1...512 {
                let interval = try HardwarePlan(model: model, folding: FoldingRequest(multipliers: budget)).initiationInterval
                #expect(interval <= previous, "\(label) seed \(seed): budget \(budget) plans \(interval), a smaller one \(previous)")
                previous = min(previous, interval)
            }
        }
    }
}
