/// A dense or conv2d layer prepared for fast exact inference.
///
/// Both ops are the same computation: output channel `k` at output pixel `p` is
/// `bias[k] + Σ_t w_t · x[pixelBase[p] + offset_t]` over the non-zero taps `t` of channel `k`,
/// read from the (zero-padded) input, followed by requantization. A dense layer is a conv with one
/// pixel and no padding; pruned weights are simply not taps, so a pruned row costs nothing.
///
/// The accumulation runs in `Int64` when a per-layer bound proves it cannot overflow
/// (`Σ|w| · max|x| + |bias| < 2^62` for every channel, `x` in the input type's range), else
/// in `Int128`. Requantization is always exact (`Requantization.apply`).
struct LinearKernel: Sendable {
    let outChannels: Int
    let inChannels: Int
    let inHeight: Int
    let inWidth: Int
    let padTop: Int
    let padLeft: Int
    let paddedHeight: Int
    let paddedWidth: Int
    /// `tapStart[k]..<tapStart[k+1]` are channel `k`'s taps.
    let tapStart: [Int]
    /// Offset of each tap into the padded input, relative to the pixel's base. Taps are held
    /// compactly (a 4-bit dense layer: three bytes a non-zero weight), as a large model has tens
    /// of millions.
    let tapOffset: CompactIntegers
    let tapWeight: CompactIntegers
    /// Offset of each output pixel's window origin in the padded input, row-major.
    let pixelBase: [Int]
    let bias: [Int]
    let multiplier: [Int]
    let shift: [Int]
    let rounding: Rounding
    let output: ActivationType
    /// Whether the `Int64` accumulator is proved wide enough.
    let accumulatesIn64Bits: Bool

    var inputCount: Int { inChannels * inHeight * inWidth }
    var outputCount: Int { outChannels * pixelBase.count }
    private var needsPadding: Bool { paddedHeight != inHeight || paddedWidth != inWidth }

    /// Prepares a dense layer reading a vector of type `input`.
    init(dense: DenseLayer, input: ActivationType) {
        let rows = dense.outFeatures
        let cols = dense.inFeatures
        var start = [0]
        var offsets = CompactIntegers()
        var weights = CompactIntegers()
        start.reserveCapacity(rows + 1)
        for o in 0..<rows {
            for i in 0..<cols {
                let w = dense.weight.values[o * cols + i]
                if w != 0 {
                    offsets.append(i)
                    weights.append(w)
                }
            }
            start.append(offsets.count)
        }
        self.init(outChannels: rows, inChannels: cols, inHeight: 1, inWidth: 1,
                  padding: [0, 0], tapStart: start, tapOffset: offsets, tapWeight: weights,
                  pixelBase: [0], bias: (0..<rows).map { dense.bias($0) },
                  requant: dense.requant, output: dense.output, input: input)
    }

    /// Prepares a conv2d layer reading a `[C, H, W]` map of type `input`.
    init(conv: Conv2DLayer, inputShape: [Int], input: ActivationType) {
        let (filters, channels) = (conv.filters, conv.channels)
        let (kh, kw) = (conv.kernel[0], conv.kernel[1])
        let (height, width) = (inputShape[1], inputShape[2])
        let paddedHeight = height + 2 * conv.padding[0]
        let paddedWidth = width + 2 * conv.padding[1]
        var start = [0]
        var offsets = CompactIntegers()
        var weights = CompactIntegers()
        for k in 0..<filters {
            for c in 0..<channels {
                for i in 0..<kh {
                    for j in 0..<kw {
                        let w = conv.weight.values[((k * channels + c) * kh + i) * kw + j]
                        if w != 0 {
                            offsets.append((c * paddedHeight + i) * paddedWidth + j)
                            weights.append(w)
                        }
                    }
                }
            }
            start.append(offsets.count)
        }
        let outHeight = (paddedHeight - kh) / conv.stride[0] + 1
        let outWidth = (paddedWidth - kw) / conv.stride[1] + 1
        var bases: [Int] = []
        bases.reserveCapacity(outHeight * outWidth)
        for oy in 0..<outHeight {
            for ox in 0..<outWidth {
                bases.append(oy * conv.stride[0] * paddedWidth + ox * conv.stride[1])
            }
        }
        self.init(outChannels: filters, inChannels: channels, inHeight: height, inWidth: width,
                  padding: conv.padding, tapStart: start, tapOffset: offsets, tapWeight: weights,
                  pixelBase: bases, bias: (0..<filters).map { conv.bias($0) },
                  requant: conv.requant, output: conv.output, input: input)
    }

    private init(outChannels: Int, inChannels: Int, inHeight: Int, inWidth: Int, padding: [Int],
                 tapStart: [Int], tapOffset: CompactIntegers, tapWeight: CompactIntegers, pixelBase: [Int],
                 bias: [Int], requant: Requant, output: ActivationType, input: ActivationType) {
        self.outChannels = outChannels
        self.inChannels = inChannels
        self.inHeight = inHeight
        self.inWidth = inWidth
        self.padTop = padding[0]
        self.padLeft = padding[1]
        self.paddedHeight = inHeight + 2 * padding[0]
        self.paddedWidth = inWidth + 2 * padding[1]
        self.tapStart = tapStart
        self.tapOffset = tapOffset
        self.tapWeight = tapWeight
        self.pixelBase = pixelBase
        self.bias = bias
        self.multiplier = (0..<outChannels).map { requant.multiplier.value(at: $0) }
        self.shift = (0..<outChannels).map { requant.shift.value(at: $0) }
        self.rounding = requant.rounding
        self.output = output
        let maxInput = Int128(Swift.max(input.min.magnitude, input.max.magnitude))
        let limit = Int128(1) << 62
        var fits = true
        for k in 0..<outChannels where fits {
            var bound = Int128(bias[k].magnitude)
            for t in tapStart[k]..<tapStart[k + 1] {
                bound += Int128(tapWeight[t].magnitude) * maxInput
                if bound >= limit {
                    fits = false
                    break
                }
            }
        }
        self.accumulatesIn64Bits = fits
    }

    /// Runs the layer on `input` (C order, `inputCount` values) and returns `outputCount` values.
    func run(_ input: [Int]) -> [Int] {
        let source: [Int]
        if needsPadding {
            var padded = [Int](repeating: 0, count: inChannels * paddedHeight * paddedWidth)
            for c in 0..<inChannels {
                for y in 0..<inHeight {
                    let from = (c * inHeight + y) * inWidth
                    let to = (c * paddedHeight + y + padTop) * paddedWidth + padLeft
                    for x in 0..<inWidth { padded[to + x] = input[from + x] }
                }
            }
            source = padded
        } else {
            source = input
        }
        var result = [Int](repeating: 0, count: outputCount)
        source.withUnsafeBufferPointer { x in
            result.withUnsafeMutableBufferPointer { y in
                if accumulatesIn64Bits {
                    run64(x, into: y)
                } else {
                    run128(x, into: y)
                }
            }
        }
        return result
    }

    private func run64(_ x: UnsafeBufferPointer<Int>, into y: UnsafeMutableBufferPointer<Int>) {
        let pixels = pixelBase.count
        tapOffset.withReader { offsets in
            tapWeight.withReader { weights in
                for k in 0..<outChannels {
                    let (start, end) = (tapStart[k], tapStart[k + 1])
                    let (m, s) = (multiplier[k], shift[k])
                    for p in 0..<pixels {
                        let base = pixelBase[p]
                        var acc = bias[k]
                        for t in start..<end {
                            acc &+= weights[t] &* x[base &+ offsets[t]]
                        }
                        y[k * pixels + p] = Requantization.apply(
                            accumulator: Int128(acc), multiplier: m, shift: s,
                            rounding: rounding, output: output)
                    }
                }
            }
        }
    }

    private func run128(_ x: UnsafeBufferPointer<Int>, into y: UnsafeMutableBufferPointer<Int>) {
        let pixels = pixelBase.count
        for k in 0..<outChannels {
            let (start, end) = (tapStart[k], tapStart[k + 1])
            let (m, s) = (multiplier[k], shift[k])
            for p in 0..<pixels {
                let base = pixelBase[p]
                var acc = Int128(bias[k])
                for t in start..<end {
                    acc &+= Int128(tapWeight[t]) * Int128(x[base + tapOffset[t]])
                }
                y[k * pixels + p] = Requantization.apply(
                    accumulator: acc, multiplier: m, shift: s, rounding: rounding, output: output)
            }
        }
    }
}
