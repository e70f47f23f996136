import Testing
@testable import DNNGen

/// The random models the sweeps rely on are valid, varied and reproducible.
@Suite struct RandomModelsTests {
    @Test(arguments: 0..<100 as Range<UInt64>)
    func randomModelsPassTheModelFileReader(seed: UInt64) throws {
        for model in [RandomModels.mlp(seed: seed), RandomModels.cnn(seed: seed)] {
            #expect(specViolation(in: model) == nil, "seed \(seed)")
            let decoded = try ModelFile.decode(ModelFile.encode(model), file: "random.bin")
            #expect(decoded == model, "seed \(seed)")
            try Analysis.checkArithmeticLimits(model)
        }
    }

    @Test func sameSeedSameModel() {
        #expect(RandomModels.mlp(seed: 9) == RandomModels.mlp(seed: 9))
        #expect(RandomModels.cnn(seed: 9) == RandomModels.cnn(seed: 9))
        #expect(RandomModels.mlp(seed: 9) != RandomModels.mlp(seed: 10))
        let model = RandomModels.cnn(seed: 4)
        #expect(RandomModels.input(for: model, seed: 1) == RandomModels.input(for: model, seed: 1))
    }

    /// Over 200 seeds every weight kind, rounding, requant style and pruning structure appears.
    @Test func randomModelsCoverTheFeatureSpace() {
        var kinds = Set<WeightKind>()
        var roundings = Set<Rounding>()
        var perChannel = false
        var perLayer = false
        var found: Set<String> = []
        for seed in 0..<200 as Range<UInt64> {
            for model in [RandomModels.mlp(seed: seed), RandomModels.cnn(seed: seed)] {
                for layer in model.layers {
                    switch layer.op {
                    case .dense(let d):
                        kinds.insert(d.weightKind)
                        roundings.insert(d.requant.rounding)
                        if d.requant.multiplier.isPerChannel { perChannel = true } else { perLayer = true }
                    case .conv2d(let c):
                        kinds.insert(c.weightKind)
                        roundings.insert(c.requant.rounding)
                    default: break
                    }
                }
                for layer in Analysis.analyze(model) where layer.hasWeights {
                    let s = layer.structure
                    let prefix = layer.op + " "
                    if !s.prunedRows.isEmpty { found.insert(prefix + "rows") }
                    if !s.prunedColumns.isEmpty { found.insert(prefix + "columns") }
                    if !s.prunedPositions.isEmpty { found.insert(prefix + "positions") }
                    if s.irregularZeros > 0 { found.insert(prefix + "irregular") }
                    if s.prunedRows.count == layer.rows { found.insert(prefix + "all") }
                }
            }
        }
        #expect(kinds == Set(WeightKind.allCases))
        #expect(roundings == Set(Rounding.allCases))
        #expect(perChannel && perLayer)
        #expect(found == ["dense rows", "dense columns", "dense irregular", "dense all",
                          "conv2d rows", "conv2d columns", "conv2d positions", "conv2d irregular", "conv2d all"])
    }
}
