import Foundation
import Testing
@testable import DNNGen

/// The RTL of random MLPs and CNNs, simulated in iverilog, equals the reference on every vector, with
/// random input gaps and output back-pressure, extreme inputs included; and lints clean.
@Suite("Random networks in RTL")
struct RandomNetworkSimulationTests {
    /// Cycles of pipeline fill and handshakes the plan does not count, per inference.
    static let fillCycles = 4

    /// Seeds of `make test`: each budget below twice. `make test-long` adds seeds 10 to 31.
    static let seeds = 0..<10
    static let longSeeds = 10..<32

    @Test("MLP RTL matches the reference under back-pressure", arguments: seeds)
    func mlpMatchesReferenceUnderBackPressure(seed: Int) throws {
        try check(RandomModels.mlp(seed: UInt64(seed)), seed: seed, label: "mlp")
    }

    @Test("CNN RTL matches the reference under back-pressure", arguments: seeds)
    func cnnMatchesReferenceUnderBackPressure(seed: Int) throws {
        try check(RandomModels.cnn(seed: UInt64(seed)), seed: seed, label: "cnn")
    }

    @Test("MLP RTL matches the reference under back-pressure, more seeds", .longRun, arguments: longSeeds)
    func moreMLPsMatchReferenceUnderBackPressure(seed: Int) throws {
        try mlpMatchesReferenceUnderBackPressure(seed: seed)
    }

    @Test("CNN RTL matches the reference under back-pressure, more seeds", .longRun, arguments: longSeeds)
    func moreCNNsMatchReferenceUnderBackPressure(seed: Int) throws {
        try cnnMatchesReferenceUnderBackPressure(seed: seed)
    }

    /// Several copies of a convolution's unit (windows dealt in turn, outputs merged back in
    /// order), 2 to 5 of them, the first convolution's fold fixed (PE 1, so that a pixel's row
    /// groups are many and the merge's order matters) and the rest planned.
    @Test("CNN with copies of a convolution's unit matches the reference", arguments: 0..<2)
    func cnnWithCopiesMatchesReference(index: Int) throws {
        // The index-th random CNN whose first convolution has more rows than the unit's
        // default output queue (8), and at least 5 output pixels.
        let found = (100..<400).lazy.compactMap { seed -> (Model, CompactedMatrix, Int)? in
            let model = RandomModels.cnn(seed: UInt64(seed))
            guard let network = try? CompactedNetwork(model: model),
                  let conv = network.matrices.first(where: { $0.window != nil }),
                  conv.rows.count > 8, conv.vectorsPerInference >= 5 else { return nil }
            return (model, conv, seed)
        }.dropFirst(index).first
        guard let (model, conv, seed) = found else {
            Issue.record("no random CNN with a convolution of more than 8 rows")
            return
        }
        let copies = 2 + index
        var folding = FoldingRequest(multipliers: 16, perLayer: [conv.layerName: Fold(pe: 1, simd: min(2, max(1, conv.columnCount)), copies: copies)])
        folding.engine = .dense
        let planned = try HardwarePlan(model: model, folding: folding)
        #expect(planned.engines.contains { $0.copies == copies }, "seed \(seed): no unit with \(copies) copies")
        try check(model, seed: seed, label: "cnn-copies", folding: folding)
    }

    func check(_ model: Model, seed: Int, label: String, folding given: FoldingRequest? = nil) throws {
        // Budgets from starved to generous, so folds from 1x1 to wide are all exercised.
        let budget = [1, 4, 16, 64, 256][seed % 5]
        let folding = given ?? FoldingRequest(multipliers: budget)
        let harness = try DesignHarness(
            model: model, folding: folding, vectors: 6,
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
