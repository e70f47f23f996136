extension Analysis {
    /// The widest product `acc · m` the reference and the generated requantizers may meet.
    ///
    /// 127 bits, not 128, so that adding the rounding constant `2^(s-1)` to a 127-bit value
    /// still fits a signed 128-bit register, as an implementation of the spec's `half_up`
    /// formula does.
    public static let maximumProductWidth = 127

    /// Rejects a model whose worst-case requantization product `acc · m` (over every channel's
    /// exact accumulator range) needs more than `maximumProductWidth` signed bits.
    ///
    /// The spec's limits keep real models far below it; only huge pow2 weights over very many
    /// inputs reach it.
    /// - Throws: `GraphError` naming the layer, the channel and the width it would need.
    public static func checkArithmeticLimits(_ model: Model) throws(GraphError) {
        // `analyze` returns the layers in order (a prefix of them): pair them by position, so the
        // check stays linear in the number of layers.
        for (layer, analysis) in zip(model.layers, analyze(model)) where analysis.hasWeights {
            let requant: Requant
            switch layer.op {
            case .dense(let dense): requant = dense.requant
            case .conv2d(let conv): requant = conv.requant
            case .maxpool2d, .flatten: continue
            }
            for (channel, range) in analysis.accumulatorRanges.enumerated() {
                let m = Int128(requant.multiplier.value(at: channel))
                let (low, lowOverflow) = range.lowerBound.multipliedReportingOverflow(by: m)
                let (high, highOverflow) = range.upperBound.multipliedReportingOverflow(by: m)
                let width = lowOverflow || highOverflow
                    ? Int128.bitWidth + 1
                    : signedWidth(Swift.min(low, high)...Swift.max(low, high))
                guard width <= maximumProductWidth else {
                    let needs = width > Int128.bitWidth ? "more than 128" : String(width)
                    throw GraphError(layer: analysis.name, "output channel \(channel): the worst-case accumulator [\(range.lowerBound), \(range.upperBound)] times multiplier \(m) needs \(needs) signed bits, more than the \(maximumProductWidth) that exact requantization supports")
                }
            }
        }
    }
}
