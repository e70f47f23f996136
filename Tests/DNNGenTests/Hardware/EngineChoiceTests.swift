import Testing
@testable import DNNGen

@Suite("Engine choice")
struct EngineChoiceTests {
    /// A 2-layer MLP: the first layer 97% zeros (the sparse format is smaller), the second dense.
    static func model() -> Model {
        var generator = SplitMix64(seed: 5)
        func layer(_ name: String, out: Int, inputs: Int, keep: Double, output: ActivationType) -> Layer {
            let values = (0..<(out * inputs)).map { _ in Double.random(in: 0..<1, using: &generator) < keep ? Int.random(in: 1...7, using: &generator) : 0 }
            let dense = DenseLayer(weight: IntTensor(name: "\(name).w", shape: [out, inputs], values: values, dtype: "I8"),
                                   bias: nil, weightBits: 4, weightKind: .int,
                                   requant: Requant(multiplier: .perLayer(1), shift: .perLayer(6)), output: output)
            return Layer(name: name, op: .dense(dense))
        }
        return Model(name: "choice", inputShape: [96], inputType: ActivationType(bits: 4, signed: false), layers: [
            layer("sparse", out: 64, inputs: 96, keep: 0.03, output: ActivationType(bits: 4, signed: false)),
            layer("dense", out: 10, inputs: 64, keep: 1.0, output: ActivationType(bits: 8, signed: true)),
        ])
    }

    @Test func autoPicksTheSmallerStoragePerLayer() throws {
        let plan = try HardwarePlan(model: Self.model(), folding: FoldingRequest(engine: .auto))
        let accounts = try plan.network.storageAccounts(index: plan.index)
        #expect(accounts.count == 2)
        for (engine, account) in zip(plan.engines, accounts) {
            #expect((engine.lane != nil) == (account.sparseBits < account.denseBits), "\(engine.layer.layerName)")
        }
        #expect(plan.engines.map { $0.lane != nil } == [true, false])
    }

    @Test func mixedEnginesSimulateBitExact() throws {
        let harness = try DesignHarness(model: Self.model(), folding: FoldingRequest(engine: .auto), vectors: 6, seed: 3, label: "auto")
        let result = try harness.simulate()
        #expect(result.passed, "\(result.summary)\n\(result.log.prefix(1000))")
        #expect(try harness.lintWarnings().isEmpty)
        harness.remove()
    }
}
