/// Where a matrix engine's input vector comes from, which fixes the order of its columns.
public enum ColumnSource: Equatable, Sendable {
    /// A dense layer fed by a vector: the kept inputs (original indices) in order; a producer's
    /// padding rows may follow (zero weights).
    case vector(columns: [Int])
    /// A convolution fed by a sliding window: the kept im2col columns, each a kernel position and
    /// a slot of the incoming channel list (`channels[slot]` is the original channel).
    case window(positions: [WindowPosition], channels: [Int])
    /// A dense layer after `flatten`: every element of the incoming feature map, pixel by pixel,
    /// `channels` (original channel indices) per pixel then the producer's padding slots.
    case flattened(pixels: Int, channels: [Int])
}

/// One column of a convolution's im2col matrix: kernel row and column, and a channel slot.
public struct WindowPosition: Equatable, Hashable, Sendable {
    public var row: Int
    public var column: Int
    public var slot: Int
}

/// A `dense` or `conv2d` layer as the hardware computes it: only the rows (neurons, filters)
/// whose values are read downstream, only the columns that feed them, every constant input
/// folded into the bias.
///
/// Structured pruning costs nothing at run time because of this: a pruned row becomes a
/// constant (folded into the next layer's bias, emitted by the output adapter for the last
/// layer, or, for a filter whose constant is zero, simply dropped); a pruned column, channel or
/// filter-shape position leaves the ROM and the datapath.
public struct CompactedMatrix: Equatable, Sendable {
    public var layerName: String
    /// `dense` or `conv2d`.
    public var op: String
    /// Original row (output neuron or filter) indices the engine computes, ascending.
    public var rows: [Int]
    public var source: ColumnSource
    /// The layer's weights as stored: `[out, in]` or `[K, C, kh, kw]`.
    public var originalWeights: CompactIntegers
    public var originalShape: [Int]
    /// Per computed row: the layer's bias plus every constant input times its weight.
    public var bias: [Int128]
    public var multipliers: [Int]
    public var shifts: [Int]
    public var rounding: Rounding
    public var weightBits: Int
    public var weightKind: WeightKind
    public var inputType: ActivationType
    public var outputType: ActivationType
    /// Input vectors per inference: 1 for dense, output pixels for a convolution.
    public var vectorsPerInference: Int
    /// The sliding window feeding a convolution; nil for dense.
    public var window: WindowGeometry?
    /// Non-zero weights of the original layer.
    public var nonZeros: Int

    /// Columns before any padding: what the folding solver divides.
    public var columnCount: Int {
        switch source {
        case .vector(let columns): return columns.count
        case .window(let positions, _): return positions.count
        case .flattened(let pixels, let channels): return pixels * channels.count
        }
    }

    /// Effective multiply–accumulates per inference: non-zero weights times output pixels.
    public var effectiveMACs: Int { nonZeros * vectorsPerInference }

    /// The matrix in arrival order, `rows.count × columns`, when the producer pads its rows
    /// (channels) to `incomingSlots`.
    public func matrix(incomingSlots: Int) -> (weights: CompactIntegers, columns: Int) {
        var weights = CompactIntegers()
        switch source {
        case .vector(let columns):
            let inFeatures = originalShape[1]
            for row in rows {
                for column in columns { weights.append(originalWeights[row * inFeatures + column]) }
                weights.append(contentsOf: repeatElement(0, count: max(0, incomingSlots - columns.count)))
            }
            return (weights, max(incomingSlots, columns.count))
        case .window(let positions, let channels):
            let (c, kh, kw) = (originalShape[1], originalShape[2], originalShape[3])
            for row in rows {
                for p in positions {
                    weights.append(originalWeights[((row * c + channels[p.slot]) * kh + p.row) * kw + p.column])
                }
            }
            return (weights, positions.count)
        case .flattened(let pixels, let channels):
            let inFeatures = originalShape[1]
            let slots = max(incomingSlots, channels.count)
            for row in rows {
                for pixel in 0..<pixels {
                    for slot in 0..<slots {
                        weights.append(slot < channels.count ? originalWeights[row * inFeatures + channels[slot] * pixels + pixel] : 0)
                    }
                }
            }
            return (weights, pixels * slots)
        }
    }
}
