import Testing
@testable import DNNGen

@Suite struct ReferenceModelTests {
    /// Runs `model` on random and extreme inputs through both implementations.
    func expectAgreement(_ model: Model, seed: UInt64) {
        #expect(specViolation(in: model) == nil, "seed \(seed): \(specViolation(in: model) ?? "")")
        let reference = ReferenceModel(model)
        var inputs = RandomModels.extremeInputs(for: model)
        for index in 0..<4 { inputs.append(RandomModels.input(for: model, seed: seed &* 31 &+ UInt64(index))) }
        let batch = reference.inferBatch(inputs)
        for (index, input) in inputs.enumerated() {
            let expected = IndependentReference.infer(model, input)
            let actual = reference.infer(input)
            #expect(actual == expected, "seed \(seed), input \(index)")
            #expect(batch[index] == actual, "seed \(seed), input \(index): inferBatch differs from infer")
            #expect(actual.count == reference.output.count)
        }
    }

    @Test(arguments: 0..<120 as Range<UInt64>)
    func mlpMatchesIndependentImplementation(seed: UInt64) {
        expectAgreement(RandomModels.mlp(seed: seed), seed: seed)
    }

    @Test(arguments: 0..<120 as Range<UInt64>)
    func cnnMatchesIndependentImplementation(seed: UInt64) {
        expectAgreement(RandomModels.cnn(seed: seed), seed: seed)
    }

    /// pow2 weights up to 2^62 and 16-bit inputs: the 64-bit bound fails and the 128-bit
    /// accumulator runs.
    @Test(arguments: 0..<20 as Range<UInt64>)
    func hugeWeightsUse128BitAccumulation(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let inputs = Int.random(in: 8...40, using: &rng)
        let outputs = Int.random(in: 1...8, using: &rng)
        let values = (0..<(inputs * outputs)).map { _ -> Int in
            if Int.random(in: 0..<4, using: &rng) == 0 { return 0 }
            let magnitude = 1 << Int.random(in: 30...62, using: &rng)
            return Bool.random(using: &rng) ? magnitude : -magnitude
        }
        let rounding = Rounding.allCases[Int.random(in: 0...2, using: &rng)]
        let dense = DenseLayer(
            weight: IntTensor(name: "fc.weight", shape: [outputs, inputs], values: values, dtype: "I64"),
            bias: IntTensor(name: "fc.bias", shape: [outputs], values: (0..<outputs).map { _ in Int.random(in: -(1 << 46)...(1 << 46), using: &rng) }, dtype: "I64"),
            weightBits: 8, weightKind: .pow2,
            requant: Requant(multiplier: .perLayer(Int.random(in: 1...1000, using: &rng)), shift: .perLayer(62), rounding: rounding),
            output: ActivationType(bits: 16, signed: true))
        let model = Model(name: "huge", inputShape: [inputs], inputType: ActivationType(bits: 16, signed: Bool.random(using: &rng)),
                          layers: [Layer(name: "fc", op: .dense(dense))])
        let reference = ReferenceModel(model)
        guard case .linear(let kernel) = reference.steps.first else {
            Issue.record("expected a linear step")
            return
        }
        #expect(!kernel.accumulatesIn64Bits)
        expectAgreement(model, seed: seed)
    }

    @Test func smallModelsUse64BitAccumulation() {
        for seed in 0..<20 as Range<UInt64> {
            for step in ReferenceModel(RandomModels.cnn(seed: seed)).steps {
                if case .linear(let kernel) = step { #expect(kernel.accumulatesIn64Bits, "seed \(seed)") }
            }
        }
    }

    /// Hand-checked: a 1x3x3 input, a 2x2 kernel with padding 1 and stride 2.
    @Test func convolutionWithPaddingAndStride() {
        let conv = Conv2DLayer(
            weight: IntTensor(name: "c.weight", shape: [1, 1, 2, 2], values: [1, 2, 3, 4], dtype: "I8"),
            bias: IntTensor(name: "c.bias", shape: [1], values: [10], dtype: "I32"),
            stride: [2, 2], padding: [1, 1], weightBits: 4, weightKind: .int,
            requant: Requant(multiplier: .perLayer(1), shift: .perLayer(0)),
            output: ActivationType(bits: 16, signed: true))
        let model = Model(name: "tiny", inputShape: [1, 3, 3], inputType: ActivationType(bits: 8, signed: false),
                          layers: [Layer(name: "c", op: .conv2d(conv))])
        // Padded input rows: 0 0 0 0 0 / 0 1 2 3 0 / 0 4 5 6 0 / 0 7 8 9 0 / 0 0 0 0 0.
        // Windows at (0,0), (0,2), (2,0), (2,2) of the padded map.
        let expected = [10 + 4 * 1, 10 + 3 * 2 + 4 * 3, 10 + 2 * 4 + 4 * 7, 10 + 1 * 5 + 2 * 6 + 3 * 8 + 4 * 9]
        #expect(ReferenceModel(model).infer([1, 2, 3, 4, 5, 6, 7, 8, 9]) == expected)
    }

    /// A pruned neuron still outputs `clamp(R(bias · m, s))`.
    @Test func prunedRowOutputsItsRequantizedBias() {
        let dense = DenseLayer(
            weight: IntTensor(name: "fc.weight", shape: [2, 2], values: [0, 0, 1, 1], dtype: "I8"),
            bias: IntTensor(name: "fc.bias", shape: [2], values: [-7, 0], dtype: "I32"),
            weightBits: 2, weightKind: .ternary,
            requant: Requant(multiplier: .perLayer(3), shift: .perLayer(2), rounding: .halfEven),
            output: ActivationType(bits: 8, signed: true))
        let model = Model(name: "m", inputShape: [2], inputType: ActivationType(bits: 4, signed: false),
                          layers: [Layer(name: "fc", op: .dense(dense))])
        // Row 0: -21 / 4 = -5.25 -> -5. Row 1: (5 + 6) · 3 / 4 = 8.25 -> 8.
        #expect(ReferenceModel(model).infer([5, 6]) == [-5, 8])
    }

    @Test func maxPoolWithOverlappingWindows() {
        let pool = MaxPool2DLayer(kernel: [2, 2], stride: [1, 1])
        let model = Model(name: "p", inputShape: [1, 3, 3], inputType: ActivationType(bits: 8, signed: true),
                          layers: [Layer(name: "pool", op: .maxpool2d(pool)), Layer(name: "flat", op: .flatten)])
        #expect(ReferenceModel(model).infer([1, -2, 3, -4, 5, -6, 7, -8, 9]) == [5, 5, 7, 9])
    }

    @Test func checkingInitRejectsInconsistentModels() {
        let dense = DenseLayer(
            weight: IntTensor(name: "fc.weight", shape: [2, 3], values: [1, 2, 3, 4, 5], dtype: "I8"),
            bias: nil, weightBits: 4, weightKind: .int,
            requant: Requant(multiplier: .perLayer(1), shift: .perLayer(0)),
            output: ActivationType(bits: 8, signed: true))
        let model = Model(name: "bad", inputShape: [3], inputType: ActivationType(bits: 8, signed: true),
                          layers: [Layer(name: "fc", op: .dense(dense))])
        #expect(throws: GraphError.self) { try ReferenceModel(checking: model) }
    }

    /// Random models exercise the whole output range, not only the clamp limits.
    @Test func randomModelOutputsAreMostlyNotClamped() {
        var interior = 0
        var total = 0
        for seed in 0..<60 as Range<UInt64> {
            for model in [RandomModels.mlp(seed: seed), RandomModels.cnn(seed: seed)] {
                let reference = ReferenceModel(model)
                let type = reference.output.type
                for index in 0..<3 as Range<UInt64> {
                    let output = reference.infer(RandomModels.input(for: model, seed: seed * 7 + index))
                    interior += output.filter { $0 != type.min && $0 != type.max }.count
                    total += output.count
                }
            }
        }
        print("random models: \(interior) of \(total) outputs strictly inside the output range")
        #expect(interior * 3 >= total)
    }
}
