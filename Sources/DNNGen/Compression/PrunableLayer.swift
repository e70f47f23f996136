/// One dense or conv2d layer as the compressor sees it: where its weights and bias sit in the
/// trainer's flat parameters, and how its weights group into pruning units.
///
/// The weight matrix is `[rows, columns]` in row-major order, `columns = channels · kernelArea`
/// (conv2d: `C·kh·kw` in im2col order; dense: `kernelArea = 1`).
struct PrunableLayer: Equatable, Sendable {
    var name: String
    /// Its index in the model's layers.
    var modelIndex: Int
    var weights: Range<Int>
    /// Empty when the layer has no bias.
    var bias: Range<Int>
    var rows: Int
    var channels: Int
    var kernelArea: Int

    var columns: Int { channels * kernelArea }
    var weightCount: Int { weights.count }

    /// How many units of `kind` the layer has.
    func unitCount(_ kind: PruningKind) -> Int {
        switch kind {
        case .irregular: return weightCount
        case .filter: return rows
        case .channel: return channels
        case .shape: return columns
        }
    }

    /// The unit of `kind` that the layer's `offset`-th weight belongs to.
    @inline(__always)
    func unit(_ kind: PruningKind, ofWeight offset: Int) -> Int {
        switch kind {
        case .irregular: return offset
        case .filter: return offset / columns
        case .channel: return (offset % columns) / kernelArea
        case .shape: return offset % columns
        }
    }

    /// Weights one unit of `kind` holds.
    func unitSize(_ kind: PruningKind) -> Int { weightCount / unitCount(kind) }

    /// The weighted layers of `network`, in order.
    static func layers(of network: TrainingNetwork) -> [PrunableLayer] {
        var result: [PrunableLayer] = []
        for (index, layer) in network.layers.enumerated() where layer.weightCount > 0 {
            let start = network.parameterOffsets[index]
            let weights = start..<(start + layer.weightCount)
            let bias = weights.upperBound..<(start + layer.parameterCount)
            let prunable: PrunableLayer
            switch layer {
            case let conv as Conv2DTrainingLayer:
                prunable = PrunableLayer(name: network.template.layers[index].name, modelIndex: index, weights: weights,
                                         bias: bias, rows: conv.filters, channels: conv.channels,
                                         kernelArea: conv.kernelHeight * conv.kernelWidth)
            case let dense as DenseTrainingLayer:
                prunable = PrunableLayer(name: network.template.layers[index].name, modelIndex: index, weights: weights,
                                         bias: bias, rows: dense.outFeatures, channels: dense.inFeatures, kernelArea: 1)
            default:
                continue
            }
            result.append(prunable)
        }
        return result
    }
}
