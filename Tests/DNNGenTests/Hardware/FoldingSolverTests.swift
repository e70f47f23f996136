import Testing
@testable import DNNGen

@Suite("Folding")
struct FoldingSolverTests {
    /// Budgets from starved to generous: every one up to 24, then a grid to 512 (`make bench`
    /// sweeps every budget from 1 to 512).
    static let budgets = Array(1...24) + [28, 32, 40, 48, 56, 63, 64, 65, 72, 79, 80, 96, 104, 128, 160, 200, 256, 320, 384, 448, 512]

    /// The planned interval is the engines' own answer, and a larger budget never gives a
    /// slower plan; nor does the plan use more multipliers than it was given (once every layer
    /// has its one).
    func checkBudgetProperty(_ model: Model, label: String) throws {
        var previous = Int.max
        for budget in Self.budgets {
            let plan = try HardwarePlan(model: model, folding: FoldingRequest(multipliers: budget))
            let interval = plan.initiationInterval
            #expect(interval <= previous, "\(label): budget \(budget) plans \(interval) cycles, a smaller budget \(previous)")
            #expect(plan.totalMultipliers <= max(budget, plan.engines.count), "\(label): budget \(budget) uses \(plan.totalMultipliers)")
            previous = min(previous, interval)
        }
    }

    @Test("a larger budget never plans a slower MLP", arguments: 0..<16)
    func budgetNeverSlowsMLP(seed: Int) throws {
        try checkBudgetProperty(RandomModels.mlp(seed: UInt64(seed)), label: "mlp seed \(seed)")
    }

    @Test("a larger budget never plans a slower CNN", arguments: 0..<16)
    func budgetNeverSlowsCNN(seed: Int) throws {
        try checkBudgetProperty(RandomModels.cnn(seed: UInt64(seed)), label: "cnn seed \(seed)")
    }

    /// The 8-13-61-10 MLP where 64 multipliers gave 26 cycles and 80 gave 30: the solver
    /// counted 61 input columns for fc3 while the unit, fed by fc2's PE 3, receives 63.
    @Test func paddingRowsAreCountedByTheSolver() throws {
        let model = RandomModels.mlp(widths: [8, 13, 61, 10], bits: 8, seed: 1)
        let at64 = try HardwarePlan(model: model, folding: FoldingRequest(multipliers: 64))
        let at80 = try HardwarePlan(model: model, folding: FoldingRequest(multipliers: 80))
        #expect(at80.initiationInterval <= at64.initiationInterval)
        // By hand, fc3 = 1x32 at 79 multipliers runs 21 cycles; the solver finds at least as good.
        let byHand = try HardwarePlan(model: model, folding: FoldingRequest(
            multipliers: 79, perLayer: ["fc1": Fold(pe: 1, simd: 8), "fc2": Fold(pe: 3, simd: 13), "fc3": Fold(pe: 1, simd: 32)]))
        #expect(byHand.initiationInterval == 21)
        #expect(at80.initiationInterval <= 21)
        try checkBudgetProperty(model, label: "mlp 8-13-61-10")
    }

    @Test func rowsMustDivideAvoidsPadding() throws {
        // fc2 has binary weights: it cannot give a padding column a zero weight.
        var model = RandomModels.mlp(widths: [5, 7, 3], bits: 4, seed: 2)
        guard case .dense(var dense) = model.layers[1].op else { Issue.record("no dense layer"); return }
        dense.weightKind = .binary
        dense.weightBits = 1
        dense.weight.values = CompactIntegers(dense.weight.values.map { $0 >= 0 ? 1 : -1 })
        model.layers[1].op = .dense(dense)
        for budget in [1, 8, 16, 64] {
            let plan = try HardwarePlan(model: model, folding: FoldingRequest(multipliers: budget))
            #expect(7 % plan.engines[0].pe == 0, "budget \(budget): PE \(plan.engines[0].pe)")
        }
    }

    @Test func fixedFoldsAreKept() throws {
        let model = RandomModels.mlp(widths: [64, 32, 10], bits: 4, seed: 3)
        let plan = try HardwarePlan(model: model, folding: FoldingRequest(multipliers: 64, perLayer: ["fc1": Fold(pe: 2, simd: 4)]))
        #expect(plan.engines[0].pe == 2 && plan.engines[0].simd == 4)
    }

    @Test("the first layer, with 8x the work, gets the most multipliers", arguments: [32, 64, 200])
    func bottleneckGetsTheBudget(budget: Int) throws {
        let model = RandomModels.mlp(widths: [784, 300, 100, 10], bits: 4, seed: 4)
        let plan = try HardwarePlan(model: model, folding: FoldingRequest(multipliers: budget))
        #expect(plan.totalMultipliers <= budget)
        #expect(plan.engines[0].multipliers > plan.engines[1].multipliers)
    }
}
