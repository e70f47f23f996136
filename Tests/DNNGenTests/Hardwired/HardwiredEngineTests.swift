import Testing
@testable import DNNGen

/// The hardwired engine's arithmetic, without a simulator: CSD recoding, and every layer's
/// shift-and-add network against the bit-exact reference on random and extreme inputs.
@Suite("Hardwired engine")
struct HardwiredEngineTests {
    @Test func canonicalSignedDigitsAreExactAndNonAdjacent() {
        for value in -2000...2000 {
            let digits = CanonicalSignedDigits.digits(of: value)
            let sum = digits.reduce(0) { $0 + ($1.negative ? -1 : 1) << $1.shift }
            #expect(sum == value, "value \(value): digits \(digits)")
            for (a, b) in zip(digits, digits.dropFirst()) { #expect(b.shift - a.shift >= 2, "value \(value): adjacent digits") }
        }
        #expect(CanonicalSignedDigits.digits(of: 127).count == 2)  // 128 - 1
        #expect(CanonicalSignedDigits.digits(of: Int(Int32.max)).count == 2)
    }

    @Test("every hardwired layer equals the reference layer", arguments: 0..<40)
    func layersMatchReference(seed: Int) throws {
        let model = seed % 4 == 3 ? RandomModels.cnn(seed: UInt64(seed)) : RandomModels.mlp(seed: UInt64(seed))
        let plan = try HardwarePlan(model: model, folding: FoldingRequest(engine: .hardwired))
        var generator = SplitMix64(seed: UInt64(seed) &* 7919)
        for engine in plan.engines {
            guard let hardwired = engine.hardwired else { Issue.record("seed \(seed): layer not hardwired"); continue }
            let type = engine.layer.inputType
            var inputs = [[Int](repeating: type.min, count: engine.columns), [Int](repeating: type.max, count: engine.columns)]
            for _ in 0..<8 { inputs.append((0..<engine.columns).map { _ in Int.random(in: type.min...type.max, using: &generator) }) }
            for x in inputs {
                let expected = (0..<engine.layer.rows.count).map { r -> Int in
                    var acc = engine.layer.bias.isEmpty ? 0 : engine.layer.bias[r]
                    for c in 0..<engine.columns { acc += Int128(engine.weight(row: r, column: c)) * Int128(x[c]) }
                    return Requantization.apply(accumulator: acc, multiplier: engine.layer.multipliers[r], shift: engine.layer.shifts[r],
                                                rounding: engine.layer.rounding, output: engine.layer.outputType)
                }
                #expect(hardwired.evaluate(x) == expected, "seed \(seed) layer \(engine.layer.layerName)")
            }
        }
    }

    @Test func sharingSavesAddersOnADenseLayer() throws {
        // 32 x 64 uniform 8-bit weights: about 2.6 CSD digits a weight; sharing must remove a
        // good part of the ~5,300 adders a plain sum of digits would need.
        var generator = SplitMix64(seed: 11)
        let weights = (0..<(32 * 64)).map { _ in Int.random(in: -127...127, using: &generator) }
        let digits = weights.reduce(0) { $0 + CanonicalSignedDigits.digits(of: $1).count }
        let engine = HardwiredEngine(weights: CompactIntegers(weights), rows: 32, columns: 64, bias: [], multipliers: Array(repeating: 1, count: 32),
                                     shifts: Array(repeating: 8, count: 32), rounding: .halfUp,
                                     inputType: ActivationType(bits: 8, signed: false), outputType: ActivationType(bits: 8, signed: false),
                                     levelsPerStage: 4)
        let estimate = engine.estimate
        #expect(estimate.adders < (digits - 32) * 7 / 10, "adders \(estimate.adders) vs \(digits - 32) without sharing")
        #expect(engine.stages == (estimate.maxLevel + 3) / 4)
    }
}
