import Testing
@testable import DNNGen

@Suite struct AnalysisTests {
    static let s8 = ActivationType(bits: 8, signed: true)
    static let u8 = ActivationType(bits: 8, signed: false)

    static func dense(_ name: String, rows: Int, cols: Int, _ values: [Int], bias: [Int]? = nil,
                      bits: Int = 4, kind: WeightKind = .int, multiplier: RequantValue = .perLayer(1)) -> Layer {
        Layer(name: name, op: .dense(DenseLayer(
            weight: IntTensor(name: "\(name).weight", shape: [rows, cols], values: values, dtype: "I8"),
            bias: bias.map { IntTensor(name: "\(name).bias", shape: [rows], values: $0, dtype: "I32") },
            weightBits: bits, weightKind: kind,
            requant: Requant(multiplier: multiplier, shift: .perLayer(0)), output: s8)))
    }

    static func conv(_ name: String, _ shape: [Int], _ values: [Int], padding: [Int] = [0, 0]) -> Layer {
        Layer(name: name, op: .conv2d(Conv2DLayer(
            weight: IntTensor(name: "\(name).weight", shape: shape, values: values, dtype: "I8"),
            bias: nil, stride: [1, 1], padding: padding, weightBits: 3, weightKind: .int,
            requant: Requant(multiplier: .perLayer(1), shift: .perLayer(0)), output: u8)))
    }

    @Test func denseRowsColumnsAndIrregularZeros() {
        // Row 1 and column 2 are zero; (0, 0) and (2, 3) are irregular zeros.
        let weights = [0, 1, 0, 2,
                       0, 0, 0, 0,
                       3, -1, 0, 0]
        let model = Model(name: "m", inputShape: [4], inputType: Self.u8,
                          layers: [Self.dense("fc", rows: 3, cols: 4, weights)])
        let analysis = Analysis.analyze(model)
        #expect(analysis.count == 1)
        guard let fc = analysis.first else { return }
        #expect(fc.structure.prunedRows == [1])
        #expect(fc.structure.prunedColumns == [2])
        #expect(fc.structure.prunedMatrixColumns == [2])
        #expect(fc.structure.prunedPositions.isEmpty)
        #expect(fc.structure.irregularZeros == 2)
        #expect(fc.parameters == 12)
        #expect(fc.nonZeros == 4)
        #expect(fc.macsDense == 12)
        #expect(fc.macsEffective == 4)
        #expect(fc.storageBitsDense == 48)
        #expect(fc.storageBitsCompacted == 2 * 3 * 4)
        #expect(fc.compactedRows == 2 && fc.compactedColumns == 3)
        #expect(InspectReport.structureDescription(fc) == "rows 1/3, cols 1/4, irregular 2")
    }

    @Test func denseWithEveryWeightZero() {
        let model = Model(name: "m", inputShape: [3], inputType: Self.u8,
                          layers: [Self.dense("fc", rows: 2, cols: 3, [0, 0, 0, 0, 0, 0], bias: [5, -5])])
        guard let fc = Analysis.analyze(model).first else {
            Issue.record("no analysis")
            return
        }
        #expect(fc.structure.prunedRows == [0, 1])
        #expect(fc.structure.prunedColumns == [0, 1, 2])
        #expect(fc.structure.irregularZeros == 0)
        #expect(fc.storageBitsCompacted == 0)
        #expect(fc.accumulatorRanges == [5...5, -5...(-5)])
        #expect(fc.accumulatorWidth == 4)
    }

    @Test func convFiltersChannelsPositionsAndIrregularZeros() {
        // K=3, C=2, 2x2 kernel. Filter 2 is zero; channel 1 is zero; position (0, 0, 1) is zero in
        // every filter; (0, 1, 1) of filter 0 is an irregular zero.
        let weights = [
            1, 0, 2, 0,   0, 0, 0, 0,   // filter 0: channel 0, channel 1
            3, 0, 4, 5,   0, 0, 0, 0,   // filter 1
            0, 0, 0, 0,   0, 0, 0, 0,   // filter 2
        ]
        let model = Model(name: "m", inputShape: [2, 4, 5], inputType: Self.u8,
                          layers: [Self.conv("conv", [3, 2, 2, 2], weights, padding: [1, 0])])
        guard let conv = Analysis.analyze(model).first else {
            Issue.record("no analysis")
            return
        }
        #expect(conv.structure.prunedFilters == [2])
        #expect(conv.structure.prunedChannels == [1])
        #expect(conv.structure.prunedPositions == [KernelPosition(channel: 0, row: 0, column: 1)])
        #expect(conv.structure.prunedMatrixColumns == [1, 4, 5, 6, 7])
        #expect(conv.structure.irregularZeros == 1)
        #expect(conv.output.shape == [3, 5, 4])
        #expect(conv.outputPixels == 20)
        #expect(conv.macsDense == 24 * 20)
        #expect(conv.macsEffective == 5 * 20)
        #expect(conv.storageBitsDense == 24 * 3)
        #expect(conv.storageBitsCompacted == 2 * 3 * 3)
        #expect(InspectReport.structureDescription(conv) == "filters 1/3, channels 1/2, positions 1/8, irregular 1")
        // Filter 0: 1·x + 2·x over [0, 255] -> [0, 765]; filter 1: [0, 12·255].
        #expect(conv.accumulatorRanges == [0...765, 0...3060, 0...0])
        #expect(conv.accumulatorWidth == 13)
    }

    @Test(arguments: [
        (Int128(0), Int128(0), 1), (-1, 0, 1), (-2, 1, 2), (-3, 0, 3), (0, 2, 3), (-128, 127, 8),
        (-129, 127, 9), (-128, 128, 9), (0, 255, 9), (Int128.min, Int128.max, 128), (-(Int128(1) << 62), 0, 63),
    ])
    func signedWidthIsTheSmallestTwosComplementWidth(low: Int128, high: Int128, width: Int) {
        #expect(Analysis.signedWidth(low...high) == width)
    }

    /// Enumerates every input of a tiny layer: the range is reached at both ends and never left.
    @Test(arguments: 0..<40 as Range<UInt64>)
    func accumulatorRangeIsExactByBruteForce(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let rows = Int.random(in: 1...3, using: &rng)
        let cols = Int.random(in: 1...4, using: &rng)
        let input = ActivationType(bits: Int.random(in: 1...3, using: &rng), signed: Bool.random(using: &rng))
        let weights = (0..<(rows * cols)).map { _ in Int.random(in: -8...7, using: &rng) }
        let bias = (0..<rows).map { _ in Int128(Int.random(in: -50...50, using: &rng)) }
        let ranges = Analysis.accumulatorRange(weights: CompactIntegers(weights), rows: rows, cols: cols, bias: bias, input: input)
        let levels = input.max - input.min + 1
        var total = 1
        for _ in 0..<cols { total *= levels }
        for r in 0..<rows {
            var low = Int128.max
            var high = Int128.min
            for code in 0..<total {
                var rest = code
                var acc = bias[r]
                for c in 0..<cols {
                    acc += Int128(weights[r * cols + c] * (input.min + rest % levels))
                    rest /= levels
                }
                low = min(low, acc)
                high = max(high, acc)
            }
            #expect(ranges[r] == low...high, "seed \(seed), row \(r)")
        }
    }

    @Test func accumulatorRangeWithoutBias() {
        let ranges = Analysis.accumulatorRange(weights: [2, -3], rows: 1, cols: 2, bias: [],
                                               input: ActivationType(bits: 4, signed: true))
        // 2·x in [-16, 14], -3·y in [-21, 24].
        #expect(ranges == [-37...38])
    }

    @Test func arithmeticLimitsAcceptNormalModels() throws {
        for seed in 0..<30 as Range<UInt64> {
            try Analysis.checkArithmeticLimits(RandomModels.mlp(seed: seed))
            try Analysis.checkArithmeticLimits(RandomModels.cnn(seed: seed))
        }
    }

    /// 2^18 inputs of 16 bits times pow2 weights of 2^62 times a 31-bit multiplier is beyond 127
    /// bits; 2^10 inputs is not.
    @Test func arithmeticLimitsRejectAProductBeyond127Bits() throws {
        func model(inputs: Int) -> Model {
            let layer = Layer(name: "wide", op: .dense(DenseLayer(
                weight: IntTensor(name: "wide.weight", shape: [1, inputs],
                                  values: [Int](repeating: 1 << 62, count: inputs), dtype: "I64"),
                bias: nil, weightBits: 8, weightKind: .pow2,
                requant: Requant(multiplier: .perLayer((1 << 31) - 1), shift: .perLayer(62)),
                output: Self.s8)))
            return Model(name: "m", inputShape: [inputs], inputType: ActivationType(bits: 16, signed: false),
                         layers: [layer])
        }
        try Analysis.checkArithmeticLimits(model(inputs: 1 << 10))
        let big = model(inputs: 1 << 18)
        #expect {
            try Analysis.checkArithmeticLimits(big)
        } throws: { error in
            guard let error = error as? GraphError else { return false }
            return error.layer == "wide" && error.message.contains("output channel 0")
                && error.message.contains("127")
        }
        // The reference still computes it exactly (128-bit accumulator, 256-bit product).
        let reference = ReferenceModel(big)
        #expect(reference.infer([Int](repeating: 65535, count: 1 << 18)) == [127])
        #expect(reference.infer([Int](repeating: 0, count: 1 << 18)) == [0])
    }

    @Test func poolAndFlattenHaveNoWeights() {
        let model = Model(name: "m", inputShape: [2, 4, 4], inputType: Self.u8, layers: [
            Layer(name: "pool", op: .maxpool2d(MaxPool2DLayer(kernel: [2, 2], stride: [2, 2]))),
            Layer(name: "flat", op: .flatten),
        ])
        let analysis = Analysis.analyze(model)
        #expect(analysis.map(\.op) == ["maxpool2d", "flatten"])
        #expect(analysis.map(\.output.shape) == [[2, 2, 2], [8]])
        #expect(analysis.allSatisfy { !$0.hasWeights && $0.macsDense == 0 && $0.accumulatorWidth == 0 })
    }

    /// Structured and irregular zeros partition the zeros on every random model.
    @Test(arguments: 0..<60 as Range<UInt64>)
    func structureAccountsForEveryZero(seed: UInt64) {
        for model in [RandomModels.mlp(seed: seed), RandomModels.cnn(seed: seed)] {
            for layer in Analysis.analyze(model) where layer.hasWeights {
                let s = layer.structure
                let keptCells = layer.compactedRows * layer.compactedColumns
                #expect(keptCells - layer.nonZeros == s.irregularZeros, "seed \(seed) \(layer.name)")
                #expect(s.irregularZeros >= 0)
                #expect(layer.storageBitsCompacted <= layer.storageBitsDense)
                #expect(layer.macsEffective <= layer.macsDense)
                #expect(layer.accumulatorWidth >= 2)
            }
        }
    }
}
