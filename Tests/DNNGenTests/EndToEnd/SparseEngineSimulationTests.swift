import Foundation
import Testing
@testable import DNNGen

/// The sparse engine on the same random MLPs and CNNs: bit-exact in iverilog with back-pressure
/// and extreme inputs at relative-index widths 2, 4 and 8 (so padding entries occur), and
/// lint-clean.
@Suite("Sparse engine in RTL")
struct SparseEngineSimulationTests {
    @Test("sparse MLP RTL matches the reference", arguments: 0..<32)
    func sparseMLPMatchesReference(seed: Int) throws {
        try check(RandomModels.mlp(seed: UInt64(seed)), seed: seed, label: "smlp")
    }

    @Test("sparse CNN RTL matches the reference", arguments: 0..<32)
    func sparseCNNMatchesReference(seed: Int) throws {
        try check(RandomModels.cnn(seed: UInt64(seed)), seed: seed, label: "scnn")
    }

    func check(_ model: Model, seed: Int, label: String) throws {
        for (k, indexBits) in [2, 4, 8].enumerated() {
            let pes = [1, 2, 3, 8][(seed + k) % 4]
            let folding = FoldingRequest(multipliers: 64, engine: .sparse, sparsePEs: pes, indexBits: indexBits)
            let harness = try DesignHarness(
                model: model, folding: folding, vectors: 4, extraInputs: RandomModels.extremeInputs(for: model),
                seed: UInt64(seed), label: "\(label)\(seed)-b\(indexBits)")
            #expect(harness.plan.engines.allSatisfy { $0.sparse != nil })
            let result = try harness.simulate()
            #expect(result.passed, "\(label) seed \(seed) B=\(indexBits) P=\(pes): \(result.summary)\n\(result.log.prefix(1500))\nfolder \(harness.directory)")
            // The plan's interval assumes no zero activation is skipped: an upper bound for a
            // chain of sparse units, up to the handshakes between stages.
            let planned = harness.plan.initiationInterval
            #expect(result.cyclesPerInference <= planned + planned / 4 + 16,
                    "\(label) seed \(seed) B=\(indexBits): measured \(result.cyclesPerInference), plan \(planned)")
            if indexBits == 4 {
                let warnings = try harness.lintWarnings()
                #expect(warnings.isEmpty, "\(label) seed \(seed): verilator: \(warnings)")
            }
            if result.passed { harness.remove() }
        }
    }

    /// Narrow indices on a tall sparse layer must produce padding entries, and still be exact.
    @Test func narrowIndicesMakePaddingEntries() throws {
        var paddings = 0
        for seed in 0..<32 {
            let plan = try HardwarePlan(model: RandomModels.mlp(seed: UInt64(seed)),
                                        folding: FoldingRequest(engine: .sparse, sparsePEs: 1, indexBits: 2))
            paddings += plan.engines.reduce(0) { $0 + ($1.sparse?.paddingEntries ?? 0) }
        }
        #expect(paddings > 0)
    }
}
