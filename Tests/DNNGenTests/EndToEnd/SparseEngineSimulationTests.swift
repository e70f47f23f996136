import Foundation
import Testing
@testable import DNNGen

/// The sparse lane engine on random MLPs and CNNs: bit-exact in iverilog with input gaps,
/// back-pressure and extreme inputs, in every index format (relative, Golomb-Rice, bitmap, and
/// fixed parameters) at several budgets, within its planned interval, and lint-clean.
@Suite("Sparse engine in RTL")
struct SparseEngineSimulationTests {
    static let formats: [SparseIndexRequest] = [.auto, .relative(bits: nil), .rice(k: nil), .bitmap, .relative(bits: 1), .rice(k: 0)]
    static let budgets = [4, 16, 64]

    /// Seeds of `make test`: every index format and every budget above, on MLPs and CNNs alike,
    /// two of each linted. `make test-long` adds seeds 4 to 7.
    static let seeds = 0..<4
    static let longSeeds = 4..<8

    @Test("sparse MLP RTL matches the reference", arguments: seeds)
    func sparseMLPMatchesReference(seed: Int) throws {
        try check(RandomModels.mlp(seed: UInt64(seed)), seed: seed, label: "smlp")
    }

    @Test("sparse CNN RTL matches the reference", arguments: seeds)
    func sparseCNNMatchesReference(seed: Int) throws {
        try check(RandomModels.cnn(seed: UInt64(seed)), seed: seed, label: "scnn")
    }

    @Test("sparse MLP RTL matches the reference, more seeds", .longRun, arguments: longSeeds)
    func moreSparseMLPsMatchReference(seed: Int) throws {
        try sparseMLPMatchesReference(seed: seed)
    }

    @Test("sparse CNN RTL matches the reference, more seeds", .longRun, arguments: longSeeds)
    func moreSparseCNNsMatchReference(seed: Int) throws {
        try sparseCNNMatchesReference(seed: seed)
    }

    func check(_ model: Model, seed: Int, label: String) throws {
        for k in 0..<2 {
            let index = Self.formats[(2 * seed + k) % Self.formats.count]
            let budget = Self.budgets[(seed + k) % Self.budgets.count]
            let folding = FoldingRequest(multipliers: budget, engine: .sparse, index: index)
            let harness = try DesignHarness(
                model: model, folding: folding, vectors: 4, extraInputs: RandomModels.extremeInputs(for: model),
                seed: UInt64(seed), label: "\(label)\(seed)-\(k)")
            #expect(harness.plan.engines.allSatisfy { $0.lane != nil })
            let result = try harness.simulate()
            let formats = harness.plan.engines.compactMap { $0.lane?.mvu.stream.format.description }
            #expect(result.passed, "\(label) seed \(seed) \(index) \(formats) budget \(budget): \(result.summary)\n\(result.log.prefix(1500))\nfolder \(harness.directory)")
            let planned = harness.plan.initiationInterval
            #expect(result.cyclesPerInference <= planned + planned / 8 + 16,
                    "\(label) seed \(seed) \(formats): measured \(result.cyclesPerInference), plan \(planned)")
            if k == 0 && seed % 3 == 0 {
                let warnings = try harness.lintWarnings()
                #expect(warnings.isEmpty, "\(label) seed \(seed): verilator: \(warnings)")
            }
            if result.passed { harness.remove() }
        }
    }

    /// Narrow relative indices on random layers must produce escape codes, and still be exact
    /// (the suites above simulate them).
    @Test func narrowIndicesMakeEscapes() throws {
        var escapes = 0
        for seed in 0..<12 {
            let plan = try HardwarePlan(model: RandomModels.mlp(seed: UInt64(seed)),
                                        folding: FoldingRequest(engine: .sparse, index: .relative(bits: 1)))
            escapes += plan.engines.reduce(0) { $0 + ($1.lane?.mvu.stream.escapeBits ?? 0) }
        }
        #expect(escapes > 0)
    }
}
