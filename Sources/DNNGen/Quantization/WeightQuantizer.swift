/// Symmetric weight quantization to the levels of a `WeightKind`: `w ≈ scale × q`.
///
/// Each output row (neuron or filter) gets its own scale with `perChannel`, else the whole
/// tensor shares one. A scale is chosen by least squares: among candidates `max|w| × a / L`
/// (`L` the largest level magnitude, `a` on a grid over (0, 1]), the one whose rounding error
/// `Σ (w - scale·q)²` is smallest. With few levels, clipping the largest weights often pays,
/// and for binary weights the best scale is near the mean magnitude, far below `max|w|`.
/// Deterministic, so `quantize` and the trainer's fake quantization agree to the bit.
public struct WeightQuantizer: Equatable, Sendable {
    public let kind: WeightKind
    public let bits: Int
    public let perChannel: Bool

    /// The largest `pow2` bit width quantized: `±2^30` still fits `I32` weights and keeps
    /// biases far below the spec's `2^47`.
    public static let maximumPow2Bits = 6

    /// - Throws: `QuantizationError` if `bits` is not legal for `kind` (spec: int 2...16,
    ///   binary 1, ternary 2, pow2 2...8, here at most `maximumPow2Bits`).
    public init(kind: WeightKind, bits: Int, perChannel: Bool) throws(QuantizationError) {
        guard kind.allowedBits.contains(bits) else {
            let allowed = kind.allowedBits
            let text = allowed.count == 1 ? "\(allowed.lowerBound)" : "\(allowed.lowerBound) to \(allowed.upperBound)"
            throw QuantizationError("\(kind.rawValue) weights take \(text) bits, not \(bits)")
        }
        guard kind != .pow2 || bits <= Self.maximumPow2Bits else {
            throw QuantizationError("pow2 weights are quantized with at most \(Self.maximumPow2Bits) bits (levels up to ±2^\((1 << (Self.maximumPow2Bits - 1)) - 2)), not \(bits)")
        }
        self.kind = kind
        self.bits = bits
        self.perChannel = perChannel
    }

    /// The largest level magnitude `L`: `2^(b-1)-1` for int, 1 for binary and ternary,
    /// `2^(2^(b-1)-2)` for pow2.
    public var largestLevel: Int {
        switch kind {
        case .int: return (1 << (bits - 1)) - 1
        case .binary, .ternary: return 1
        case .pow2: return 1 << ((1 << (bits - 1)) - 2)
        }
    }

    /// The nearest level to `ratio` (= w / scale); ties round away from zero.
    @inline(__always)
    func level(_ ratio: Float) -> Float {
        switch kind {
        case .int:
            let low = -Float(1 << (bits - 1))
            return Swift.min(Swift.max(ratio.rounded(), low), Float(largestLevel))
        case .binary:
            return ratio >= 0 ? 1 : -1
        case .ternary:
            return Swift.min(Swift.max(ratio.rounded(), -1), 1)
        case .pow2:
            let magnitude = Swift.abs(ratio)
            let value: Float
            if magnitude < 0.5 {
                value = 0
            } else if magnitude >= Float(largestLevel) {
                value = Float(largestLevel)
            } else if magnitude < 1 {
                value = 1
            } else {
                let lower = Float(1 << Int(magnitude.exponent))  // 2^floor(log2 magnitude)
                value = magnitude >= 1.5 * lower ? 2 * lower : lower
            }
            return ratio < 0 ? -value : value
        }
    }

    /// Integer weights and the scale of each row.
    ///
    /// - Parameters:
    ///   - weights: row-major, `rows` rows of equal length.
    /// - Returns: `values[i]` a legal weight of `kind` at `bits`; `scales[r]` the scale of row `r`
    ///   (all equal without `perChannel`). With `perChannel`, no scale is below 2^-16 of the
    ///   largest (rows of zeros get that floor); a tensor of zeros gets scale 1. Zeros quantize
    ///   to 0, except for binary weights, which have no zero: +1.
    public func quantize(_ weights: [Float], rows: Int) -> QuantizedWeights {
        let scales = chooseScales(weights, rows: rows)
        let rowLength = weights.count / Swift.max(1, rows)
        var values = [Int](repeating: 0, count: weights.count)
        for index in weights.indices {
            values[index] = Int(level(weights[index] / Float(scales[index / Swift.max(1, rowLength)])))
        }
        return QuantizedWeights(values: values, scales: scales)
    }

    /// Replaces every weight by `scale × level` in place: what the integer model will compute
    /// with, for quantization-aware training and calibration.
    func fakeQuantize(_ weights: UnsafeMutableBufferPointer<Float>, rows: Int) {
        let scales = chooseScales(UnsafeBufferPointer(weights), rows: rows)
        let rowLength = weights.count / Swift.max(1, rows)
        for row in 0..<rows {
            let scale = Float(scales[row])
            for index in (row * rowLength)..<((row + 1) * rowLength) {
                weights[index] = level(weights[index] / scale) * scale
            }
        }
    }

    /// One scale per row (repeated when not `perChannel`).
    func chooseScales<Weights: RandomAccessCollection<Float>>(_ weights: Weights, rows: Int) -> [Double]
        where Weights.Index == Int
    {
        let rows = Swift.max(1, rows)
        let rowLength = weights.count / rows
        guard perChannel else {
            let scale = bestScale(weights, range: weights.startIndex..<(weights.startIndex + rows * rowLength))
            return [Double](repeating: scale > 0 ? scale : 1, count: rows)
        }
        let scales = (0..<rows).map { row in
            let start = weights.startIndex + row * rowLength
            return bestScale(weights, range: start..<(start + rowLength))
        }
        // A row far smaller than the rest (a neuron that weight decay starved) would get a scale
        // no requantization multiplier can follow, and a bias beyond 2^47 accumulator units; at
        // the floor its weights round to zero: it is pruned.
        guard let largest = scales.max(), largest > 0 else { return [Double](repeating: 1, count: rows) }
        let floor = Double(Float(largest * Self.smallestRowScale))
        return scales.map { Swift.max($0, floor) }
    }

    /// The smallest per-channel scale, relative to the largest one of the tensor.
    static let smallestRowScale = 0x1p-16

    /// Least-squares scale of one group: 20 candidates `a = j/20`, then 21 more within ±1/20 of
    /// the best in steps of 1/200 (on a tie, the one tried first).
    private func bestScale<Weights: RandomAccessCollection<Float>>(_ weights: Weights, range: Range<Int>) -> Double
        where Weights.Index == Int
    {
        var largest: Float = 0
        for index in range { largest = Swift.max(largest, Swift.abs(weights[index])) }
        guard largest > 0 else { return 0 }
        let top = Double(largest) / Double(largestLevel)
        func error(_ fraction: Double) -> Double {
            let scale = Float(top * fraction)
            var sum: Double = 0
            for index in range {
                let difference = Double(weights[index] - level(weights[index] / scale) * scale)
                sum += difference * difference
            }
            return sum
        }
        var best = 1.0
        var bestError = Double.infinity
        for step in 1...20 {
            let fraction = Double(step) / 20
            let e = error(fraction)
            if e < bestError { (best, bestError) = (fraction, e) }
        }
        let center = best
        for step in -10...10 where step != 0 {
            let fraction = center + Double(step) / 200
            guard fraction > 0, fraction <= 1 else { continue }
            let e = error(fraction)
            if e < bestError { (best, bestError) = (fraction, e) }
        }
        return Double(Float(top * best))
    }
}
