import Foundation
import Testing
@testable import DNNGen

/// The hardwired engine in RTL: random MLPs and CNNs bit-exact in iverilog under the bench's
/// gaps and back-pressure, at one inference a clock where the streams are wide; mixed with the
/// dense and sparse engines per layer; lint-clean.
@Suite("Hardwired engine in RTL")
struct HardwiredEngineSimulationTests {
    /// Seeds of `make test` (every adder depth twice; dense and sparse neighbours on MLPs and
    /// CNNs); `make test-long` adds the rest of the original sweeps.
    static let mlpSeeds = 0..<6, longMLPSeeds = 6..<16
    static let cnnSeeds = 0..<3, longCNNSeeds = 3..<6
    static let mixedSeeds = 0..<4, longMixedSeeds = 4..<8

    @Test("hardwired MLP RTL matches the reference at one inference a clock", arguments: mlpSeeds)
    func hardwiredMLPMatchesReference(seed: Int) throws {
        let model = RandomModels.mlp(seed: UInt64(seed))
        var folding = FoldingRequest(engine: .hardwired)
        folding.adderLevelsPerStage = [1, 3, 8][seed % 3]
        let harness = try DesignHarness(model: model, folding: folding, vectors: 6, extraInputs: RandomModels.extremeInputs(for: model),
                                        seed: UInt64(seed), label: "hmlp\(seed)")
        #expect(harness.plan.engines.allSatisfy { $0.hardwired != nil })
        let result = try harness.simulate()
        #expect(result.passed, "hmlp seed \(seed): \(result.summary)\n\(result.log.prefix(1500))\nfolder \(harness.directory)")
        // Wide streams at both ends (a vector input): one inference a clock, latency = the stages.
        if harness.plan.inputLanes > 1 {
            #expect(result.cyclesPerInference == 1, "hmlp seed \(seed): \(result.summary)")
            let stages = harness.plan.engines.reduce(0) { $0 + ($1.hardwired?.stages ?? 0) }
            #expect(result.latency == stages, "hmlp seed \(seed): latency \(result.latency), stages \(stages)")
        }
        if seed % 4 == 0 {
            let warnings = try harness.lintWarnings()
            #expect(warnings.isEmpty, "hmlp seed \(seed): verilator: \(warnings)")
        }
        if result.passed { harness.remove() }
    }

    @Test("hardwired CNN RTL matches the reference", arguments: cnnSeeds)
    func hardwiredCNNMatchesReference(seed: Int) throws {
        let model = RandomModels.cnn(seed: UInt64(seed))
        let harness = try DesignHarness(model: model, folding: FoldingRequest(engine: .hardwired), vectors: 3,
                                        extraInputs: RandomModels.extremeInputs(for: model), seed: UInt64(seed), label: "hcnn\(seed)")
        let result = try harness.simulate()
        #expect(result.passed, "hcnn seed \(seed): \(result.summary)\n\(result.log.prefix(1500))\nfolder \(harness.directory)")
        if seed == 0 {
            let warnings = try harness.lintWarnings()
            #expect(warnings.isEmpty, "hcnn seed \(seed): verilator: \(warnings)")
        }
        if result.passed { harness.remove() }
    }

    /// Engines mix per layer: every other layer hardwired (a stream gather in front of it), the
    /// rest dense or sparse; the network's streams stay one element a beat.
    @Test("mixed engines per layer match the reference", arguments: mixedSeeds)
    func mixedEnginesMatchReference(seed: Int) throws {
        let model = seed % 2 == 0 ? RandomModels.mlp(seed: UInt64(100 + seed)) : RandomModels.cnn(seed: UInt64(100 + seed))
        let names = try HardwarePlan(model: model).engines.map(\.layer.layerName)
        var folding = FoldingRequest(engine: seed % 4 < 2 ? .dense : .sparse)
        folding.hardwiredLayers = Set(names.enumerated().filter { $0.offset % 2 == seed % 2 }.map(\.element))
        folding.inputLanes = 1
        folding.outputLanes = 1
        let harness = try DesignHarness(model: model, folding: folding, vectors: 4, extraInputs: RandomModels.extremeInputs(for: model),
                                        seed: UInt64(seed), label: "hmix\(seed)")
        #expect(harness.plan.engines.contains { $0.hardwired != nil })
        let result = try harness.simulate()
        #expect(result.passed, "hmix seed \(seed): \(result.summary)\n\(result.log.prefix(1500))\nfolder \(harness.directory)")
        if seed < 2 {
            let warnings = try harness.lintWarnings()
            #expect(warnings.isEmpty, "hmix seed \(seed): verilator: \(warnings)")
        }
        if result.passed { harness.remove() }
    }

    @Test("hardwired MLP RTL matches the reference, more seeds", .longRun, arguments: longMLPSeeds)
    func moreHardwiredMLPsMatchReference(seed: Int) throws { try hardwiredMLPMatchesReference(seed: seed) }

    @Test("hardwired CNN RTL matches the reference, more seeds", .longRun, arguments: longCNNSeeds)
    func moreHardwiredCNNsMatchReference(seed: Int) throws { try hardwiredCNNMatchesReference(seed: seed) }

    @Test("mixed engines per layer match the reference, more seeds", .longRun, arguments: longMixedSeeds)
    func moreMixedEnginesMatchReference(seed: Int) throws { try mixedEnginesMatchReference(seed: seed) }

    @Test func generationIsByteIdentical() throws {
        let model = RandomModels.mlp(seed: 5)
        let plan = try HardwarePlan(model: model, folding: FoldingRequest(engine: .hardwired))
        let vectors = TestVectors.random(for: model, count: 2, seed: 1)
        let context = GenerationContext(command: "dnngen rtl m.bin", modelBytes: ModelFile.encode(model))
        let first = DesignWriter(plan: plan, vectors: vectors, context: context, seed: 1).design()
        let again = DesignWriter(plan: try HardwarePlan(model: model, folding: FoldingRequest(engine: .hardwired)),
                                 vectors: vectors, context: context, seed: 1).design()
        #expect(first == again)
    }
}

/// The plan's area estimate (from adder bits) against Yosys synth_xilinx on a small design.
@Suite("Hardwired area estimate")
struct HardwiredAreaEstimateTests {
    @Test func estimateIsWithinAThirdOfYosys() throws {
        // 12 inputs, 10 and 4 outputs, uniform 8-bit weights, half of them zero.
        var generator = SplitMix64(seed: 17)
        var layers: [Layer] = []
        for (l, (inputs, outputs)) in [(12, 10), (10, 4)].enumerated() {
            let values = (0..<(inputs * outputs)).map { _ in
                Int.random(in: 0..<2, using: &generator) == 0 ? 0 : Int.random(in: -127...127, using: &generator)
            }
            let dense = DenseLayer(weight: IntTensor(name: "fc\(l).weight", shape: [outputs, inputs], values: values, dtype: "I8"),
                                   bias: nil, weightBits: 8, weightKind: .int,
                                   requant: Requant(multiplier: .perLayer(1), shift: .perLayer(9), rounding: .floor),
                                   output: ActivationType(bits: 8, signed: l == 1))
            layers.append(Layer(name: "fc\(l)", op: .dense(dense)))
        }
        let model = Model(name: "harea", inputShape: [12], inputType: ActivationType(bits: 8, signed: false), layers: layers)
        let harness = try DesignHarness(model: model, folding: FoldingRequest(engine: .hardwired), vectors: 2, seed: 17, label: "harea")
        let estimate = harness.plan.engines.reduce(0) { $0 + ($1.hardwired?.estimate.luts ?? 0) }
        let area = try Synthesizer().synthesize(directory: harness.directory, top: harness.design.topModule)
        let ratio = Double(area.luts) / Double(max(1, estimate))
        #expect(ratio > 0.67 && ratio < 1.5, "yosys \(area.luts) LUT, estimate \(estimate) (ratio \(ratio)); folder \(harness.directory)")
        if ratio > 0.67 && ratio < 1.5 { harness.remove() }
    }
}
