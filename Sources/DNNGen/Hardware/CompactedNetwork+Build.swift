extension CompactedNetwork {
    /// Compacts a chain of `dense` layers (optionally after a `flatten`).
    ///
    /// Three passes. Forward: find the rows whose value cannot depend on the input and compute
    /// their constants. Backward: keep only the rows the next layer really reads. Forward again:
    /// fold the constants each layer reads into its bias. A layer never ends up empty: when
    /// nothing is live, row 0 (and column 0) is kept, so the datapath stays well-formed.
    ///
    /// - Throws: `PlanError` naming the first op the dense backend does not build.
    public init(model: Model) throws(PlanError) {
        var denses: [(name: String, layer: DenseLayer)] = []
        for (index, layer) in model.layers.enumerated() {
            switch layer.op {
            case .dense(let dense):
                denses.append((layer.name, dense))
            case .flatten where denses.isEmpty && index == 0:
                continue  // the input streams in C order, which is flatten's order: free
            default:
                throw PlanError(layer: layer.name, "op '\(layer.op.opName)' is not supported by the RTL backend yet (supported: dense, and flatten before the first dense layer)")
            }
        }
        guard !denses.isEmpty else {
            throw PlanError("the model has no dense layer: nothing to build")
        }
        let inputCount = model.inputShape.reduce(1, *)

        // Forward: which rows vary with the input, and the constants of the others.
        var varying: [[Bool]] = []
        var constants: [[Int]] = []  // valid where !varying
        var previousVarying = [Bool](repeating: true, count: inputCount)
        var previousConstants = [Int](repeating: 0, count: inputCount)
        for (_, dense) in denses {
            var rowVaries = [Bool](repeating: false, count: dense.outFeatures)
            var rowConstant = [Int](repeating: 0, count: dense.outFeatures)
            for o in 0..<dense.outFeatures {
                var acc = Int128(dense.bias(o))
                for i in 0..<dense.inFeatures {
                    let w = dense.weight(o, i)
                    guard w != 0 else { continue }
                    if previousVarying[i] { rowVaries[o] = true } else { acc += Int128(w) * Int128(previousConstants[i]) }
                }
                if !rowVaries[o] {
                    rowConstant[o] = Requantization.apply(
                        accumulator: acc, multiplier: dense.requant.multiplier.value(at: o),
                        shift: dense.requant.shift.value(at: o), rounding: dense.requant.rounding,
                        output: dense.output)
                }
            }
            varying.append(rowVaries)
            constants.append(rowConstant)
            previousVarying = rowVaries
            previousConstants = rowConstant
        }

        // Backward: the rows each layer must compute.
        var needed = [[Int]](repeating: [], count: denses.count)
        let last = denses.count - 1
        needed[last] = (0..<denses[last].layer.outFeatures).filter { varying[last][$0] }
        if needed[last].isEmpty { needed[last] = [0] }
        var columnsOf = [[Int]](repeating: [], count: denses.count)
        for l in stride(from: last, through: 0, by: -1) {
            let dense = denses[l].layer
            var used = [Bool](repeating: false, count: dense.inFeatures)
            for o in needed[l] {
                for i in 0..<dense.inFeatures where dense.weight(o, i) != 0 {
                    used[i] = l == 0 || varying[l - 1][i]
                }
            }
            var columns = (0..<dense.inFeatures).filter { used[$0] }
            if columns.isEmpty { columns = [0] }
            columnsOf[l] = columns
            if l > 0 { needed[l - 1] = columns }
        }

        // Forward again: compact, folding every constant input into the bias.
        var layers: [CompactedDense] = []
        var previousType = model.inputType
        for (l, (name, dense)) in denses.enumerated() {
            let columns = columnsOf[l]
            let isLive = Set(columns)
            var weights: [Int] = []
            weights.reserveCapacity(needed[l].count * columns.count)
            var bias: [Int128] = []
            for o in needed[l] {
                var b = Int128(dense.bias(o))
                for i in 0..<dense.inFeatures where !isLive.contains(i) {
                    let w = dense.weight(o, i)
                    if w != 0, l > 0 { b += Int128(w) * Int128(constants[l - 1][i]) }
                }
                bias.append(b)
                for i in columns { weights.append(dense.weight(o, i)) }
            }
            layers.append(CompactedDense(
                layerName: name, rows: needed[l], columns: columns, weights: weights, bias: bias,
                multipliers: needed[l].map { dense.requant.multiplier.value(at: $0) },
                shifts: needed[l].map { dense.requant.shift.value(at: $0) },
                rounding: dense.requant.rounding, weightBits: dense.weightBits,
                weightKind: dense.weightKind, inputType: previousType, outputType: dense.output,
                nonZeros: dense.weight.values.reduce(0) { $0 + ($1 != 0 ? 1 : 0) },
                originalShape: dense.weight.shape))
            previousType = dense.output
        }

        let lastComputed = Set(needed[last])
        self.init(
            layers: layers, inputCount: inputCount, inputType: model.inputType,
            outputConstants: (0..<denses[last].layer.outFeatures).map { lastComputed.contains($0) ? nil : constants[last][$0] },
            outputType: denses[last].layer.output)
    }
}
