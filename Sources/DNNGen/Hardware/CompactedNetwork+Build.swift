extension CompactedNetwork {
    /// What flows between two layers, as far as compaction cares.
    private enum Flow {
        /// A feature map: per channel, whether it can be non-zero (false: zero everywhere).
        case map(live: [Bool], height: Int, width: Int)
        /// A vector: per element, whether it varies with the input; the constants of the others.
        case vector(varying: [Bool], constants: [Int])
    }

    /// Compacts a chain of `conv2d`, `maxpool2d`, `flatten` and `dense` layers ending in `dense`.
    ///
    /// Three passes. Forward: find what cannot depend on the input (constant neurons, filters
    /// that are zero everywhere). Backward: keep only the rows, filters and channels the next
    /// layer really reads, and the im2col columns and inputs that feed them. Forward again:
    /// build each matrix, folding a vector's constants into the next layer's bias. Nothing
    /// ends up empty: when nothing is live, index 0 is kept, so the datapath stays well-formed.
    ///
    /// - Throws: `PlanError` naming the first layer the hardware backend does not build.
    public init(model: Model) throws(PlanError) {
        let layers = model.layers
        guard let last = layers.last, case .dense = last.op else {
            throw PlanError(layer: layers.last?.name, "the RTL backend needs a network that ends in a dense layer")
        }
        let infos: [TensorInfo]
        do { infos = try model.inferShapes() } catch { throw PlanError(layer: error.layer, error.message) }
        let inputInfo = TensorInfo(shape: model.inputShape, type: model.inputType)
        func inputOf(_ l: Int) -> TensorInfo { l == 0 ? inputInfo : infos[l - 1] }

        // Forward: what can vary.
        var flows: [Flow] = []  // flows[l] = what enters layer l; flows[count] = the output
        var flow: Flow = model.inputShape.count == 3
            ? .map(live: [Bool](repeating: true, count: model.inputShape[0]), height: model.inputShape[1], width: model.inputShape[2])
            : .vector(varying: [Bool](repeating: true, count: inputInfo.count), constants: [Int](repeating: 0, count: inputInfo.count))
        for (l, layer) in layers.enumerated() {
            flows.append(flow)
            let out = infos[l]
            switch (layer.op, flow) {
            case (.conv2d(let conv), .map(let live, _, _)):
                let taps = conv.channels * conv.kernel[0] * conv.kernel[1]
                flow = .map(live: (0..<conv.filters).map { k in
                    let reads = (0..<taps).contains { t in conv.weight.values[k * taps + t] != 0 && live[t / (conv.kernel[0] * conv.kernel[1])] }
                    return reads || Self.requantize(Int128(conv.bias(k)), conv.requant, channel: k, output: conv.output) != 0
                }, height: out.shape[1], width: out.shape[2])
            case (.maxpool2d, .map(let live, _, _)):
                flow = .map(live: live, height: out.shape[1], width: out.shape[2])
            case (.flatten, .map(let live, let h, let w)):
                let varying = (0..<(live.count * h * w)).map { live[$0 / (h * w)] }
                flow = .vector(varying: varying, constants: [Int](repeating: 0, count: varying.count))
            case (.dense(let dense), .vector(let varying, let constants)):
                var rowVaries = [Bool](repeating: false, count: dense.outFeatures)
                var rowConstants = [Int](repeating: 0, count: dense.outFeatures)
                for o in 0..<dense.outFeatures {
                    var acc = Int128(dense.bias(o))
                    for i in 0..<dense.inFeatures {
                        let w = dense.weight(o, i)
                        guard w != 0 else { continue }
                        if varying[i] { rowVaries[o] = true } else { acc += Int128(w) * Int128(constants[i]) }
                    }
                    if !rowVaries[o] { rowConstants[o] = Self.requantize(acc, dense.requant, channel: o, output: dense.output) }
                }
                flow = .vector(varying: rowVaries, constants: rowConstants)
            default:
                throw PlanError(layer: layer.name, "op '\(layer.op.opName)' cannot take input of shape \(inputOf(l).shape) in the RTL backend")
            }
        }
        flows.append(flow)

        // Backward: what each layer must produce (`needed[l]`: rows, filters or channels of
        // layer l's output, ascending) and what it reads.
        var needed = [[Int]](repeating: [], count: layers.count)
        guard case .vector(let outVarying, let outConstants) = flows[layers.count] else {
            throw PlanError(layer: last.name, "the network output must be a vector")
        }
        needed[layers.count - 1] = Self.nonEmpty((0..<outVarying.count).filter { outVarying[$0] })
        var readsOf = [[Int]](repeating: [], count: layers.count)  // dense: input elements; conv: input channels
        var positionsOf = [[WindowPosition]](repeating: [], count: layers.count)
        for l in stride(from: layers.count - 1, through: 0, by: -1) {
            var neededIn: [Int] = []
            switch layers[l].op {
            case .dense(let dense):
                guard case .vector(let varying, _) = flows[l] else { break }
                var used = [Bool](repeating: false, count: dense.inFeatures)
                for o in needed[l] {
                    for i in 0..<dense.inFeatures where dense.weight(o, i) != 0 && varying[i] { used[i] = true }
                }
                readsOf[l] = (0..<dense.inFeatures).filter { used[$0] }
                if l > 0, case .flatten = layers[l - 1].op, case .map(_, let h, let w) = flows[l - 1] {
                    neededIn = Self.nonEmpty(Array(Set(readsOf[l].map { $0 / (h * w) })).sorted())
                    needed[l - 1] = neededIn
                    continue
                }
                readsOf[l] = Self.nonEmpty(readsOf[l])
                neededIn = readsOf[l]
            case .conv2d(let conv):
                guard case .map(let live, _, _) = flows[l] else { break }
                let (kh, kw) = (conv.kernel[0], conv.kernel[1])
                var channelUsed = [Bool](repeating: false, count: conv.channels)
                for k in needed[l] {
                    for c in 0..<conv.channels where live[c] {
                        for t in 0..<(kh * kw) where conv.weight.values[(k * conv.channels + c) * kh * kw + t] != 0 { channelUsed[c] = true }
                    }
                }
                let channels = Self.nonEmpty((0..<conv.channels).filter { channelUsed[$0] })
                readsOf[l] = channels
                var positions: [WindowPosition] = []
                for i in 0..<kh {
                    for j in 0..<kw {
                        for (slot, c) in channels.enumerated()
                        where needed[l].contains(where: { conv.weight.values[(($0 * conv.channels + c) * kh + i) * kw + j] != 0 }) {
                            positions.append(WindowPosition(row: i, column: j, slot: slot))
                        }
                    }
                }
                positionsOf[l] = positions.isEmpty ? [WindowPosition(row: 0, column: 0, slot: 0)] : positions
                neededIn = channels
            case .maxpool2d:
                neededIn = needed[l]
            case .flatten:
                neededIn = needed[l]  // the channels the dense layer after it reads
            }
            if l > 0 { needed[l - 1] = neededIn }
        }

        // The input adapter: stream order and what it keeps.
        let inputOrder: [Int]
        var inputKeep: [Bool]
        if model.inputShape.count == 3 {
            let (c, h, w) = (model.inputShape[0], model.inputShape[1], model.inputShape[2])
            inputOrder = (0..<(h * w * c)).map { t in (t % c) * h * w + t / c }
            if case .flatten = layers[0].op {
                let kept = Set(readsOf[1])
                inputKeep = inputOrder.map { kept.contains($0) }
            } else {
                let kept = Set(Self.channelsRead(layers[0], readsOf[0], needed[0]))
                inputKeep = inputOrder.map { kept.contains($0 / (h * w)) }
            }
        } else {
            inputOrder = Array(0..<inputInfo.count)
            let kept = Set(readsOf[0])
            inputKeep = inputOrder.map { kept.contains($0) }
        }
        if !inputKeep.contains(true), !inputKeep.isEmpty { inputKeep[0] = true }

        // Forward again: the stages.
        var stages: [CompactedStage] = []
        for (l, layer) in layers.enumerated() {
            let input = inputOf(l)
            switch layer.op {
            case .dense(let dense):
                let source: ColumnSource
                var bias: [Int128] = needed[l].map { Int128(dense.bias($0)) }
                if l > 0, case .flatten = layers[l - 1].op, case .map(_, let h, let w) = flows[l - 1], !(l == 1 && model.inputShape.count == 3) {
                    source = .flattened(pixels: h * w, channels: needed[l - 1])
                } else if l == 0 || (l == 1 && model.inputShape.count == 3) {
                    // Fed by the input adapter: the kept elements in stream order.
                    let keptInOrder = inputOrder.enumerated().filter { inputKeep[$0.offset] }.map(\.element)
                    source = .vector(columns: keptInOrder)
                } else {
                    source = .vector(columns: needed[l - 1])
                    if case .vector(_, let constants) = flows[l] {
                        let live = Set(needed[l - 1])
                        for (r, o) in needed[l].enumerated() {
                            for i in 0..<dense.inFeatures where !live.contains(i) {
                                let w = dense.weight(o, i)
                                if w != 0 { bias[r] += Int128(w) * Int128(constants[i]) }
                            }
                        }
                    }
                }
                stages.append(.matrix(CompactedMatrix(
                    layerName: layer.name, op: "dense", rows: needed[l], source: source,
                    originalWeights: dense.weight.values, originalShape: dense.weight.shape, bias: bias,
                    multipliers: needed[l].map { dense.requant.multiplier.value(at: $0) },
                    shifts: needed[l].map { dense.requant.shift.value(at: $0) },
                    rounding: dense.requant.rounding, weightBits: dense.weightBits, weightKind: dense.weightKind,
                    inputType: input.type, outputType: dense.output, vectorsPerInference: 1,
                    window: nil, nonZeros: dense.weight.values.reduce(0) { $0 + ($1 != 0 ? 1 : 0) })))
            case .conv2d(let conv):
                let geometry = WindowGeometry(height: input.shape[1], width: input.shape[2], kernel: conv.kernel,
                                              stride: conv.stride, padding: conv.padding)
                stages.append(.matrix(CompactedMatrix(
                    layerName: layer.name, op: "conv2d", rows: needed[l],
                    source: .window(positions: positionsOf[l], channels: readsOf[l]),
                    originalWeights: conv.weight.values, originalShape: conv.weight.shape,
                    bias: needed[l].map { Int128(conv.bias($0)) },
                    multipliers: needed[l].map { conv.requant.multiplier.value(at: $0) },
                    shifts: needed[l].map { conv.requant.shift.value(at: $0) },
                    rounding: conv.requant.rounding, weightBits: conv.weightBits, weightKind: conv.weightKind,
                    inputType: input.type, outputType: conv.output,
                    vectorsPerInference: geometry.outputHeight * geometry.outputWidth, window: geometry,
                    nonZeros: conv.weight.values.reduce(0) { $0 + ($1 != 0 ? 1 : 0) })))
            case .maxpool2d(let pool):
                stages.append(.pool(PoolStage(layerName: layer.name, height: input.shape[1], width: input.shape[2],
                                              kernel: pool.kernel, stride: pool.stride, type: input.type)))
            case .flatten:
                continue
            }
        }

        let lastComputed = Set(needed[layers.count - 1])
        self.init(
            stages: stages, inputShape: model.inputShape, inputType: model.inputType,
            inputOrder: inputOrder, inputKeep: inputKeep,
            outputConstants: (0..<outConstants.count).map { lastComputed.contains($0) ? nil : outConstants[$0] },
            outputType: infos[layers.count - 1].type)
    }

    /// The input channels a first map layer reads: a convolution's kept channels, or for a
    /// pool the channels needed after it.
    private static func channelsRead(_ layer: Layer, _ reads: [Int], _ needed: [Int]) -> [Int] {
        if case .conv2d = layer.op { return reads }
        return needed
    }

    private static func nonEmpty(_ indices: [Int]) -> [Int] { indices.isEmpty ? [0] : indices }

    private static func requantize(_ acc: Int128, _ requant: Requant, channel: Int, output: ActivationType) -> Int {
        Requantization.apply(accumulator: acc, multiplier: requant.multiplier.value(at: channel),
                             shift: requant.shift.value(at: channel), rounding: requant.rounding, output: output)
    }
}
