/// Everything the Verilog writers need, decided once: the compacted network, one engine per
/// layer with its folding, and the adapters at the network's edges.
public struct HardwarePlan: Equatable, Sendable {
    public var modelName: String
    public var network: CompactedNetwork
    public var engines: [DenseEngine]
    /// The budget the folding was chosen for.
    public var multiplierBudget: Int

    /// Per network input element: whether the first engine reads it.
    public var inputKeep: [Bool] {
        let kept = Set(network.layers.first?.columns ?? [])
        return (0..<network.inputCount).map { kept.contains($0) }
    }

    public var totalMultipliers: Int { engines.reduce(0) { $0 + $1.multipliers } }
    public var totalRomBits: Int { engines.reduce(0) { $0 + $1.romBits } }

    /// Cycles between inferences in steady state: the slowest engine, or the one-element-per-
    /// cycle streams at the network's input and output, whichever is slower.
    public var initiationInterval: Int {
        max(network.inputCount, network.outputConstants.count, engines.map(\.cycles).max() ?? 0)
    }
}

/// What the user asked of the folding.
public struct FoldingRequest: Equatable, Sendable {
    /// Multiplier budget for the whole network.
    public var multipliers: Int
    /// PE × SIMD the user fixed for some layers, by layer name.
    public var perLayer: [String: Fold]

    public static let defaultMultipliers = 64

    public init(multipliers: Int = FoldingRequest.defaultMultipliers, perLayer: [String: Fold] = [:]) {
        self.multipliers = multipliers
        self.perLayer = perLayer
    }
}

extension HardwarePlan {
    /// Plans a model for the dense engine.
    ///
    /// - Throws: `PlanError` for an op the backend does not build, a per-layer fold naming an
    ///   unknown layer or not fitting it.
    public init(model: Model, folding: FoldingRequest = FoldingRequest()) throws(PlanError) {
        let network = try CompactedNetwork(model: model)
        let layers = network.layers
        let names = Set(layers.map(\.layerName))
        for name in folding.perLayer.keys.sorted() where !names.contains(name) {
            throw PlanError("--fold names layer '\(name)', which is not a dense layer of the model (dense layers: \(layers.map(\.layerName).joined(separator: ", ")))")
        }
        // A binary layer cannot give a padding column a zero weight, so its producer must not pad.
        let mustDivide = layers.indices.map { l in l + 1 < layers.count && layers[l + 1].weightKind == .binary }
        var fixed: [Fold?] = []
        for (l, layer) in layers.enumerated() {
            guard let fold = folding.perLayer[layer.layerName] else { fixed.append(nil); continue }
            guard fold.pe >= 1, fold.simd >= 1, fold.pe <= layer.rows.count, fold.simd <= layer.columns.count else {
                throw PlanError(layer: layer.layerName, "fold \(fold) does not fit the compacted matrix \(layer.rows.count)x\(layer.columns.count) (PE <= rows, SIMD <= columns)")
            }
            guard !mustDivide[l] || layer.rows.count % fold.pe == 0 else {
                throw PlanError(layer: layer.layerName, "PE \(fold.pe) must divide the \(layer.rows.count) rows, because the next layer has binary weights (no zero weight for a padding row)")
            }
            fixed.append(fold)
        }
        guard folding.multipliers >= 1 else { throw PlanError("--multipliers must be at least 1") }
        let folds = FoldingSolver.solve(
            rows: layers.map(\.rows.count), columns: layers.map(\.columns.count),
            rowsMustDivide: mustDivide, fixed: fixed, budget: folding.multipliers,
            ioFloor: max(network.inputCount, network.outputConstants.count))

        var engines: [DenseEngine] = []
        for (l, layer) in layers.enumerated() {
            let inLanes = l == 0 ? 1 : engines[l - 1].pe
            let inBeats = l == 0 ? layer.columns.count : engines[l - 1].nf
            let ranges = Analysis.accumulatorRange(
                weights: layer.weights, rows: layer.rows.count, cols: layer.columns.count,
                bias: layer.bias, input: layer.inputType)
            let accWidth = max(2, ranges.map(Analysis.signedWidth).max() ?? 2)
            let biasLow = layer.bias.min() ?? 0
            let biasHigh = layer.bias.max() ?? 0
            engines.append(DenseEngine(
                layer: layer, pe: folds[l].pe, simd: folds[l].simd, inLanes: inLanes, inBeats: inBeats,
                accumulatorWidth: accWidth,
                biasWidth: max(2, Analysis.signedWidth(min(biasLow, 0)...max(biasHigh, 0)))))
        }
        self.init(modelName: model.name, network: network, engines: engines, multiplierBudget: folding.multipliers)
    }
}
