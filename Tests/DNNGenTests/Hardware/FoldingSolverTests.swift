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

    /// LeNet-5's conv1 window (28x28, 5x5): with the unit the bottleneck, C copies share the
    /// 576 windows, so the interval is the windows' work over C; one copy stays as before.
    @Test func copiesShareTheWindows() {
        let geometry = WindowGeometry(height: 28, width: 28, kernel: [5, 5], stride: [1, 1], padding: [0, 0])
        let window = WindowStream(geometry: geometry, slots: 1, lanes: 1, selection: Array(0..<25), elementBits: 8)
        let schedule = WindowSchedule(window)
        #expect(schedule.completions.count == 576)
        #expect(schedule.interval(perWindow: 75) == 576 * 75)
        for (perWindow, copies) in [(25, 16), (150, 31), (3, 2)] {
            let interval = schedule.queued(perWindow: perWindow, windowBits: 200, copies: copies).interval
            let bound = max(ceilDiv(576 * perWindow, copies), schedule.scan)
            #expect(interval >= bound && interval <= bound + bound / 50, "\(perWindow) a window, \(copies) copies: \(interval) vs \(bound)")
        }
    }

    /// A budget between two single folds is spent on copies: the plan gets faster than the
    /// best single fold where that would leave multipliers idle.
    @Test func copiesSpendWhatFoldsCannot() throws {
        var sawCopies = false
        for seed in 0..<8 {
            let model = RandomModels.cnn(seed: UInt64(seed))
            for budget in [24, 48, 96] {
                let plan = try HardwarePlan(model: model, folding: FoldingRequest(multipliers: budget))
                for engine in plan.engines where engine.copies > 1 {
                    sawCopies = true
                    #expect(engine.window != nil, "seed \(seed): copies of a layer without windows")
                    let single = DenseMVU(rows: engine.layer.rows.count, inputElements: engine.inputElements, inBeats: engine.inBeats,
                                          vectorsPerInference: engine.layer.vectorsPerInference,
                                          fold: Fold(pe: engine.pe, simd: engine.simd), window: engine.window, schedule: nil,
                                          weightBits: engine.layer.weightBits, paramWordBits: engine.paramWordBits)
                    #expect(engine.cycles < single.cycles, "seed \(seed): \(engine.copies) copies no faster than one")
                    #expect(engine.romBits == engine.copies * single.romBits)
                }
            }
        }
        #expect(sawCopies, "no random CNN plan chose copies")
    }
}
