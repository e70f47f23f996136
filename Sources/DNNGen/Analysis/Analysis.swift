/// Per-layer facts read from the weights themselves: pruning structure, MACs, storage and the
/// exact accumulator ranges the hardware is sized from.
public enum Analysis {
    /// Analyzes every layer of a valid model, in order.
    ///
    /// A model whose layers do not fit together (which the model.bin reader rejects) is
    /// analyzed up to the first layer that does not fit.
    /// - Complexity: linear in the number of weights.
    public static func analyze(_ model: Model) -> [LayerAnalysis] {
        var current = TensorInfo(shape: model.inputShape, type: model.inputType)
        var result: [LayerAnalysis] = []
        for layer in model.layers {
            guard (try? layer.checkRunnable()) != nil,
                  let next = try? layer.outputInfo(for: current) else { break }
            result.append(analyze(layer, input: current, output: next))
            current = next
        }
        return result
    }

    /// Analyzes one layer given the tensors it reads and makes.
    static func analyze(_ layer: Layer, input: TensorInfo, output: TensorInfo) -> LayerAnalysis {
        var analysis = LayerAnalysis(
            name: layer.name, op: layer.op.opName, input: input, output: output,
            weightBits: nil, weightKind: nil, rows: 0, columns: 0, outputPixels: 0,
            parameters: 0, biases: 0, nonZeros: 0, structure: .none, macsDense: 0, macsEffective: 0,
            storageBitsDense: 0, storageBitsCompacted: 0, accumulatorRanges: [], accumulatorWidth: 0)
        let weights: CompactIntegers
        let bias: IntTensor?
        switch layer.op {
        case .dense(let dense):
            weights = dense.weight.values
            bias = dense.bias
            analysis.weightBits = dense.weightBits
            analysis.weightKind = dense.weightKind
            analysis.rows = dense.outFeatures
            analysis.columns = dense.inFeatures
            analysis.outputPixels = 1
            analysis.structure = denseStructure(weights, rows: analysis.rows, cols: analysis.columns)
        case .conv2d(let conv):
            weights = conv.weight.values
            bias = conv.bias
            analysis.weightBits = conv.weightBits
            analysis.weightKind = conv.weightKind
            analysis.rows = conv.filters
            analysis.columns = conv.channels * conv.kernel[0] * conv.kernel[1]
            analysis.outputPixels = output.shape[1] * output.shape[2]
            analysis.structure = convStructure(weights, filters: conv.filters, channels: conv.channels,
                                               kernel: (conv.kernel[0], conv.kernel[1]))
        case .maxpool2d, .flatten:
            return analysis
        }
        let bits = analysis.weightBits ?? 0
        analysis.parameters = weights.count
        analysis.biases = bias?.values.count ?? 0
        analysis.nonZeros = weights.reduce(0) { $0 + ($1 != 0 ? 1 : 0) }
        analysis.macsDense = analysis.parameters * analysis.outputPixels
        analysis.macsEffective = analysis.nonZeros * analysis.outputPixels
        analysis.storageBitsDense = analysis.parameters * bits
        analysis.storageBitsCompacted = analysis.compactedRows * analysis.compactedColumns * bits
        let biasValues = (0..<analysis.rows).map { Int128(bias?.values[$0] ?? 0) }
        analysis.accumulatorRanges = accumulatorRange(weights: weights, rows: analysis.rows,
                                                      cols: analysis.columns, bias: biasValues,
                                                      input: input.type)
        analysis.accumulatorWidth = analysis.accumulatorRanges.reduce(2) { Swift.max($0, signedWidth($1)) }
        return analysis
    }

    /// The exact range of each row's accumulator `bias[r] + Σ_c w[r,c]·x[c]` over all inputs `x`
    /// of type `input`: `[bias + Σ min(w·lo, w·hi), bias + Σ max(w·lo, w·hi)]`.
    ///
    /// Both ends are reached (each `x[c]` at `lo` or `hi`), so the range is tight. Sums that
    /// would leave `Int128` saturate at its ends (only absurd models get there, and
    /// `checkArithmeticLimits` rejects them).
    /// - Parameters:
    ///   - weights: `rows · cols` values, row-major.
    ///   - bias: one value per row, or empty for no bias.
    /// - Complexity: O(rows · cols).
    public static func accumulatorRange(weights: CompactIntegers, rows: Int, cols: Int, bias: [Int128],
                                        input: ActivationType) -> [ClosedRange<Int128>] {
        precondition(weights.count == rows * cols, "weights hold \(weights.count) values, expected \(rows) x \(cols)")
        precondition(bias.isEmpty || bias.count == rows, "bias holds \(bias.count) values, expected \(rows)")
        let lo = Int128(input.min)
        let hi = Int128(input.max)
        var ranges: [ClosedRange<Int128>] = []
        ranges.reserveCapacity(rows)
        for r in 0..<rows {
            let b = bias.isEmpty ? 0 : bias[r]
            var low = b
            var high = b
            for c in 0..<cols {
                let w = Int128(weights[r * cols + c])
                if w == 0 { continue }
                let (atLo, atHi) = (w * lo, w * hi)
                low = saturatingAdd(low, Swift.min(atLo, atHi))
                high = saturatingAdd(high, Swift.max(atLo, atHi))
            }
            ranges.append(low...high)
        }
        return ranges
    }

    /// The fewest bits of a two's-complement register holding every value of `range`
    /// (at least 1: `0...0` and `-1...0` need one bit, `-2...1` two).
    public static func signedWidth(_ range: ClosedRange<Int128>) -> Int {
        func magnitudeBits(_ v: Int128) -> Int {
            let m = v < 0 ? ~v : v
            return Int128.bitWidth - m.leadingZeroBitCount
        }
        return 1 + Swift.max(magnitudeBits(range.lowerBound), magnitudeBits(range.upperBound))
    }

    private static func saturatingAdd(_ a: Int128, _ b: Int128) -> Int128 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        if !overflow { return sum }
        return b < 0 ? .min : .max
    }
}
