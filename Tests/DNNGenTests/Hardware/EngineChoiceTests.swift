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

    /// The storage account counts the entries the encoding would hold, without holding them.
    @Test func tallyCountsWhatTheEncodingHolds() {
        var generator = SplitMix64(seed: 9)
        for _ in 0..<30 {
            let (rows, columns) = (Int.random(in: 1...70, using: &generator), Int.random(in: 1...9, using: &generator))
            let weights = CompactIntegers((0..<(rows * columns)).map { _ in Int.random(in: 0..<10, using: &generator) < 2 ? Int.random(in: -3...3, using: &generator) : 0 })
            let (pes, indexBits) = (Int.random(in: 1...5, using: &generator), Int.random(in: 1...4, using: &generator))
            let encoding = SparseEncoding(weights: weights, rows: rows, columns: columns, pes: pes, indexBits: indexBits)
            let tally = SparseEncoding.tally(weights: weights, rows: rows, columns: columns, pes: pes, indexBits: indexBits)
            #expect(tally.totalEntries == encoding.totalEntries && tally.paddingEntries == encoding.paddingEntries
                    && tally.maxEntries == encoding.maxEntries && tally.pointerWidth == encoding.pointerWidth, "seed 9")
        }
    }

    @Test func autoPicksTheSmallerStoragePerLayer() throws {
        let plan = try HardwarePlan(model: Self.model(), folding: FoldingRequest(engine: .auto))
        let accounts = plan.network.storageAccounts(pes: plan.sparsePEs, indexBits: plan.indexBits)
        #expect(accounts.count == 2)
        for (engine, account) in zip(plan.engines, accounts) {
            #expect((engine.sparse != nil) == (account.sparseBits < account.denseBits), "\(engine.layer.layerName)")
        }
        #expect(plan.engines.map { $0.sparse != nil } == [true, false])
    }

    @Test func mixedEnginesSimulateBitExact() throws {
        let harness = try DesignHarness(model: Self.model(), folding: FoldingRequest(engine: .auto), vectors: 6, seed: 3, label: "auto")
        let result = try harness.simulate()
        #expect(result.passed, "\(result.summary)\n\(result.log.prefix(1000))")
        #expect(try harness.lintWarnings().isEmpty)
        harness.remove()
    }

    @Test func sparseEncodingFollowsTheDeltaRule() {
        // One PE, one column, rows 0, 3 and 12 non-zero, 2-bit deltas (reach 4).
        var weights = [Int](repeating: 0, count: 16)
        weights[0] = 5
        weights[3] = -2
        weights[12] = 1
        let encoding = SparseEncoding(weights: CompactIntegers(weights), rows: 16, columns: 1, pes: 1, indexBits: 2)
        let entries = encoding.entries[0].map { [$0.delta, $0.value] }
        // Row 0: delta 0. Row 3: gap 2 -> delta 2. Row 12: gap 8 -> two paddings (each +4) then delta 0.
        #expect(entries == [[0, 5], [2, -2], [3, 0], [3, 0], [0, 1]])
        #expect(encoding.paddingEntries == 2)
        #expect(encoding.pointers[0] == [0, 5])
    }
}
