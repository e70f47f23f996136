@testable import DNNGen

/// Seeded random models that are valid per the spec, for tests that sweep many networks.
///
/// Each seed gives the same model on every run. Weights come in every kind (int 2...8 bits,
/// binary, ternary, pow2 with `|w| <= 2^20`) and every pruning pattern (none, irregular, whole
/// rows, whole columns, mixes, occasionally everything); conv layers add filter, channel and
/// filter-shape-position pruning. Requantization is per layer or per channel, in every rounding,
/// with multipliers and shifts chosen so that outputs spread over the output type rather than
/// always clamping.
enum RandomModels {
    /// 2...4 dense layers (widths 4...64), sometimes after a flatten of a small `[C, H, W]` input.
    static func mlp(seed: UInt64) -> Model {
        var builder = Builder(seed: seed)
        return builder.mlp()
    }

    /// 1...2 conv2d layers (1...3 input channels, sides 6...16, kernels 1...3, strides 1...2,
    /// padding 0...1, <= 16 filters), optional maxpools, a flatten and a dense head of 1...2 layers.
    static func cnn(seed: UInt64) -> Model {
        var builder = Builder(seed: seed)
        return builder.cnn()
    }

    /// An MLP of the given widths (input first) with `bits`-bit integer weights, unpruned unless
    /// a pruning pattern is given.
    static func mlp(widths: [Int], bits: Int, pattern: PruningPattern = .none, seed: UInt64) -> Model {
        var builder = Builder(seed: seed)
        return builder.mlp(widths: widths, bits: bits, pattern: pattern)
    }

    /// One input of the model's input type, uniform over its range.
    static func input(for model: Model, seed: UInt64) -> [Int] {
        var generator = SplitMix64(seed: seed)
        let count = model.inputShape.reduce(1, *)
        let type = model.inputType
        return (0..<count).map { _ in Int.random(in: type.min...type.max, using: &generator) }
    }

    /// The extreme inputs: every value at the type's minimum, then every value at its maximum.
    static func extremeInputs(for model: Model) -> [[Int]] {
        let count = model.inputShape.reduce(1, *)
        return [[Int](repeating: model.inputType.min, count: count),
                [Int](repeating: model.inputType.max, count: count)]
    }
}

/// How a layer's zeros are laid out.
enum PruningPattern: CaseIterable {
    case none, irregular, rows, columns, rowsAndColumns, rowsAndIrregular, columnsAndIrregular
    case allRows, allColumns
    /// conv2d only.
    case filters, channels, positions, filtersChannelsPositions, positionsAndIrregular
}

private struct Builder {
    var rng: SplitMix64
    var layerIndex = 0

    init(seed: UInt64) {
        rng = SplitMix64(seed: seed ^ 0x5EED_0F_D1E5)
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }

    mutating func activation() -> ActivationType {
        if chance(0.05) { return ActivationType(bits: int(9...16), signed: chance(0.5)) }
        return ActivationType(bits: int(2...8), signed: chance(0.5))
    }

    mutating func nextName(_ prefix: String) -> String {
        layerIndex += 1
        return "\(prefix)\(layerIndex)"
    }

    // MARK: models

    mutating func mlp() -> Model {
        let inputType = activation()
        var layers: [Layer] = []
        var width: Int
        let inputShape: [Int]
        if chance(0.3) {
            inputShape = [int(1...3), int(2...5), int(2...5)]
            layers.append(Layer(name: nextName("flat"), op: .flatten))
            width = inputShape.reduce(1, *)
        } else {
            width = int(4...64)
            inputShape = [width]
        }
        var type = inputType
        for _ in 0..<int(2...4) {
            let outWidth = int(4...64)
            let dense = denseLayer(inputs: width, outputs: outWidth, input: type)
            layers.append(Layer(name: nextName("fc"), op: .dense(dense)))
            width = outWidth
            type = dense.output
        }
        return Model(name: "mlp", inputShape: inputShape, inputType: inputType, layers: layers)
    }

    mutating func mlp(widths: [Int], bits: Int, pattern: PruningPattern) -> Model {
        let inputType = ActivationType(bits: 8, signed: false)
        var layers: [Layer] = []
        var type = inputType
        for (inputs, outputs) in zip(widths, widths.dropFirst()) {
            let dense = denseLayer(inputs: inputs, outputs: outputs, input: type, kind: (.int, bits), pattern: pattern)
            layers.append(Layer(name: nextName("fc"), op: .dense(dense)))
            type = dense.output
        }
        return Model(name: "mlp", inputShape: [widths.first ?? 1], inputType: inputType, layers: layers)
    }

    mutating func cnn() -> Model {
        let inputType = activation()
        let inputShape = [int(1...3), int(6...16), int(6...16)]
        var layers: [Layer] = []
        var info = TensorInfo(shape: inputShape, type: inputType)
        for _ in 0..<int(1...2) {
            let conv = convLayer(input: info)
            let layer = Layer(name: nextName("conv"), op: .conv2d(conv))
            guard let next = try? layer.outputInfo(for: info) else { continue }
            layers.append(layer)
            info = next
            if chance(0.5), info.shape[1] >= 2, info.shape[2] >= 2 {
                let kernel = chance(0.8) ? [2, 2] : [int(1...2), int(1...2)]
                let stride = chance(0.8) ? kernel : [int(1...2), int(1...2)]
                let pool = Layer(name: nextName("pool"), op: .maxpool2d(MaxPool2DLayer(kernel: kernel, stride: stride)))
                if let pooled = try? pool.outputInfo(for: info) {
                    layers.append(pool)
                    info = pooled
                }
            }
        }
        layers.append(Layer(name: nextName("flat"), op: .flatten))
        var width = info.count
        var type = info.type
        for index in 0..<int(1...2) {
            let outWidth = index == 0 ? int(2...16) : int(2...10)
            let dense = denseLayer(inputs: width, outputs: outWidth, input: type)
            layers.append(Layer(name: nextName("fc"), op: .dense(dense)))
            width = outWidth
            type = dense.output
        }
        return Model(name: "cnn", inputShape: inputShape, inputType: inputType, layers: layers)
    }

    // MARK: layers

    mutating func denseLayer(inputs: Int, outputs: Int, input: ActivationType,
                             kind given: (WeightKind, Int)? = nil, pattern givenPattern: PruningPattern? = nil) -> DenseLayer {
        let name = "fc\(layerIndex + 1)"
        let (kind, bits) = given ?? weightKind()
        let pattern = givenPattern ?? (kind == .binary ? PruningPattern.none : densePattern())
        let keep = keepMask(rows: outputs, groups: inputs, groupSize: 1, pattern: pattern)
        let values = (0..<(outputs * inputs)).map { keep[$0] ? nonZeroWeight(kind, bits: bits) : 0 }
        let weight = IntTensor(name: "\(name).weight", shape: [outputs, inputs], values: values,
                               dtype: weightDtype(values))
        let output = activation()
        let (bias, requant) = biasAndRequant(name: name, weights: values, rows: outputs, cols: inputs,
                                             input: input, output: output)
        return DenseLayer(weight: weight, bias: bias, weightBits: bits, weightKind: kind,
                          requant: requant, output: output)
    }

    mutating func convLayer(input: TensorInfo) -> Conv2DLayer {
        let name = "conv\(layerIndex + 1)"
        let channels = input.shape[0]
        let filters = chance(0.2) ? int(9...16) : int(1...8)
        let kernel = [Swift.min(int(1...3), input.shape[1]), Swift.min(int(1...3), input.shape[2])]
        let (kind, bits) = weightKind()
        let pattern = kind == .binary ? PruningPattern.none : convPattern()
        let area = kernel[0] * kernel[1]
        let keep = keepMask(rows: filters, groups: channels, groupSize: area, pattern: pattern)
        let values = (0..<(filters * channels * area)).map { keep[$0] ? nonZeroWeight(kind, bits: bits) : 0 }
        let weight = IntTensor(name: "\(name).weight", shape: [filters, channels] + kernel, values: values,
                               dtype: weightDtype(values))
        let output = activation()
        let (bias, requant) = biasAndRequant(name: name, weights: values, rows: filters,
                                             cols: channels * area, input: input.type, output: output)
        return Conv2DLayer(weight: weight, bias: bias, stride: [int(1...2), int(1...2)],
                           padding: [int(0...1), int(0...1)], weightBits: bits, weightKind: kind,
                           requant: requant, output: output)
    }

    // MARK: weights

    mutating func weightKind() -> (WeightKind, Int) {
        switch int(0...5) {
        case 0: return (.binary, 1)
        case 1: return (.ternary, 2)
        case 2: return (.pow2, int(2...8))
        default: return (.int, int(2...8))
        }
    }

    mutating func nonZeroWeight(_ kind: WeightKind, bits: Int) -> Int {
        let sign = chance(0.5) ? 1 : -1
        switch kind {
        case .binary, .ternary:
            return sign
        case .pow2:
            let maxExponent = Swift.min((1 << (bits - 1)) - 2, 20)
            return sign * (1 << int(0...maxExponent))
        case .int:
            var value = 0
            while value == 0 { value = int(-(1 << (bits - 1))...((1 << (bits - 1)) - 1)) }
            return value
        }
    }

    func weightDtype(_ values: [Int]) -> String {
        values.allSatisfy { $0 >= -128 && $0 <= 127 } ? "I8" : "I32"
    }

    mutating func densePattern() -> PruningPattern {
        let choices: [PruningPattern] = [.none, .irregular, .irregular, .rows, .columns, .rowsAndColumns,
                                         .rowsAndIrregular, .columnsAndIrregular, .allRows, .allColumns]
        return choices[int(0...(choices.count - 1))]
    }

    mutating func convPattern() -> PruningPattern {
        if chance(0.04) { return chance(0.5) ? .allRows : .allColumns }
        let choices: [PruningPattern] = [.none, .irregular, .filters, .channels, .positions,
                                         .filtersChannelsPositions, .positionsAndIrregular,
                                         .rowsAndIrregular, .columnsAndIrregular]
        return choices[int(0...(choices.count - 1))]
    }

    /// Which weights of a `[rows, groups · groupSize]` matrix are non-zero. A group is a dense
    /// column (size 1) or a conv channel (its `kh · kw` positions).
    mutating func keepMask(rows: Int, groups: Int, groupSize: Int, pattern: PruningPattern) -> [Bool] {
        let cols = groups * groupSize
        var keep = [Bool](repeating: true, count: rows * cols)
        func pick(_ count: Int, fraction: ClosedRange<Double>) -> Set<Int> {
            let share = Double.random(in: fraction, using: &rng)
            let n = Swift.max(1, Int(Double(count) * share))
            return Set((0..<count).shuffled(using: &rng).prefix(Swift.min(n, count)))
        }
        var zeroRows: Set<Int> = []
        var zeroGroups: Set<Int> = []
        var zeroPositions: Set<Int> = []
        var irregular = 0.0
        switch pattern {
        case .none: break
        case .irregular: irregular = Double.random(in: 0.3...0.8, using: &rng)
        case .rows, .filters: zeroRows = pick(rows, fraction: 0.1...0.6)
        case .columns, .channels: zeroGroups = pick(groups, fraction: 0.1...0.6)
        case .rowsAndColumns:
            zeroRows = pick(rows, fraction: 0.1...0.5)
            zeroGroups = pick(groups, fraction: 0.1...0.5)
        case .rowsAndIrregular:
            zeroRows = pick(rows, fraction: 0.1...0.5)
            irregular = Double.random(in: 0.3...0.7, using: &rng)
        case .columnsAndIrregular:
            zeroGroups = pick(groups, fraction: 0.1...0.5)
            irregular = Double.random(in: 0.3...0.7, using: &rng)
        case .allRows: zeroRows = Set(0..<rows)
        case .allColumns: zeroGroups = Set(0..<groups)
        case .positions: zeroPositions = pick(cols, fraction: 0.1...0.5)
        case .filtersChannelsPositions:
            zeroRows = pick(rows, fraction: 0.1...0.4)
            zeroGroups = pick(groups, fraction: 0.1...0.4)
            zeroPositions = pick(cols, fraction: 0.1...0.4)
        case .positionsAndIrregular:
            zeroPositions = pick(cols, fraction: 0.1...0.4)
            irregular = Double.random(in: 0.3...0.6, using: &rng)
        }
        for r in 0..<rows {
            for c in 0..<cols {
                let zero = zeroRows.contains(r) || zeroGroups.contains(c / groupSize)
                    || zeroPositions.contains(c) || (irregular > 0 && chance(irregular))
                keep[r * cols + c] = !zero
            }
        }
        return keep
    }

    // MARK: bias and requantization

    /// A bias and requantization that map the accumulator's likely spread onto the output range.
    ///
    /// Random inputs make an accumulator spread like `sqrt(n)` terms, far less than its worst
    /// case, so the target span lies between the two; the bias shifts the centre a little.
    mutating func biasAndRequant(name: String, weights: [Int], rows: Int, cols: Int,
                                 input: ActivationType, output: ActivationType) -> (IntTensor?, Requant) {
        let inputSpan = Double(input.max - input.min)
        let outputSpan = Double(output.max - output.min) + 1
        var spans: [Double] = []
        for r in 0..<rows {
            var sumSquares = 0.0
            var sumAbs = 0.0
            for c in 0..<cols {
                let w = Double(weights[r * cols + c])
                sumSquares += w * w
                sumAbs += abs(w)
            }
            // Four standard deviations of a sum of uniform inputs, capped by the worst case.
            let typical = 4 * sumSquares.squareRoot() * inputSpan / 12.0.squareRoot()
            spans.append(Swift.max(1, Swift.min(sumAbs * inputSpan, typical)))
        }
        let biasValues = (0..<rows).map { r -> Int in
            let limit = Swift.min(spans[r] * 0.25, Double(1 << 46))
            return Int(Double.random(in: -limit...limit, using: &rng))
        }
        let bias: IntTensor? = chance(0.8)
            ? IntTensor(name: "\(name).bias", shape: [rows], values: biasValues,
                        dtype: biasValues.allSatisfy { abs($0) < (1 << 31) } ? "I32" : "I64")
            : nil
        let rounding = Rounding.allCases[int(0...2)]

        func parameters(span: Double) -> (m: Int, s: Int) {
            if chance(0.03) { return (1, 0) }
            if chance(0.03) { return (int((1 << 30)...((1 << 31) - 1)), 62) }
            let scale = outputSpan / span * Double.random(in: 0.25...2, using: &rng)
            let mBits = int(3...16)
            var s = mBits - Int(scale.exponent)
            s = Swift.max(0, Swift.min(62, s))
            let m = Int(scale * Double(sign: .plus, exponent: s, significand: 1))
            return (Swift.max(1, Swift.min((1 << 31) - 1, m)), s)
        }
        let requant: Requant
        if chance(0.5) {
            let chosen = (0..<rows).map { parameters(span: spans[$0]) }
            let multipliers = IntTensor(name: "\(name).mult", shape: [rows], values: chosen.map(\.m), dtype: "I32")
            let shifts = IntTensor(name: "\(name).shift", shape: [rows], values: chosen.map(\.s), dtype: "I8")
            requant = Requant(multiplier: chance(0.8) ? .perChannel(multipliers) : .perLayer(chosen[0].m),
                              shift: chance(0.8) ? .perChannel(shifts) : .perLayer(chosen[0].s),
                              rounding: rounding)
        } else {
            let average = spans.reduce(0, +) / Double(Swift.max(1, rows))
            let (m, s) = parameters(span: average)
            requant = Requant(multiplier: .perLayer(m), shift: .perLayer(s), rounding: rounding)
        }
        return (bias, requant)
    }
}
