extension ComparisonEntry {
    /// The figures of a plan, before anything is run: storage from the ROM images the design
    /// writes, cycles from the plan.
    public init(model: Model, file: String, plan: HardwarePlan, stageCycles: [[Int]], designFolder: String) {
        let accounts = Dictionary(plan.storageAccounts.map { ($0.layerName, $0) }, uniquingKeysWith: { a, _ in a })
        var layers: [LayerComparison] = []
        for (index, stage) in plan.stages.enumerated() {
            guard case .matrix(let engine) = stage else { continue }
            let layer = engine.layer
            var split = StorageSplit(valueBits: 0, positionBits: 0, paddingBits: 0, boundaryBits: 0,
                                     parameterBits: engine.parameterImage(fileName: "").bits)
            if engine.hardwired != nil {
                // Weights live in the logic: no ROM, no parameters.
                split.parameterBits = 0
            } else if let lane = engine.lane {
                // The code ROM images' bits, split by what the codes say.
                let cost = lane.mvu.stream
                let romBits = (0..<lane.mvu.groups).reduce(0) { $0 + (engine.sparseCodeImage(group: $1, fileName: "")?.bits ?? 0) }
                split.valueBits = cost.valueBits
                split.positionBits = cost.positionBits
                split.paddingBits = romBits - cost.valueBits - cost.positionBits
                split.boundaryBits = cost.boundaryBits
            } else {
                split.valueBits = (0..<engine.pe).reduce(0) { $0 + engine.weightImage(pe: $1, fileName: "").bits }
            }
            let predicted = stageCycles.isEmpty
                ? Double(engine.cycles)
                : Double(stageCycles.reduce(0) { $0 + $1[index] }) / Double(stageCycles.count)
            layers.append(LayerComparison(
                name: layer.layerName, engine: engine.engineName, nonZeros: layer.nonZeros,
                positions: layer.originalShape.reduce(1, *), weightBits: layer.weightBits, storage: split,
                denseCompactedBits: accounts[layer.layerName]?.denseBits ?? 0,
                floorBits: accounts[layer.layerName]?.floorBits ?? 0,
                multipliers: engine.multipliers, predictedCycles: predicted,
                format: engine.lane.map { $0.mvu.stream.format.description },
                boundCycles: Double(layer.effectiveMACs) / Double(max(1, engine.multipliers))))
        }
        let engines = Set(layers.map(\.engine))
        self.init(model: model.name, file: file, engine: engines.count == 1 ? (engines.first ?? "dense") : "mixed",
                  layers: layers, multipliers: plan.totalMultipliers,
                  cycles: stageCycles.isEmpty ? Double(plan.initiationInterval) : plan.predictedInterval(stageCycles: stageCycles),
                  cyclesSource: .predicted, area: nil, designFolder: designFolder)
    }
}

extension Comparison {
    /// Every synthesized hardwired entry against the first synthesized hardwired entry (the
    /// structured model, listed first): `k* = LUT_structured / (LUT_irregular / nnz_irregular)`
    /// non-zeros, as a rate `1 − k*/n` of the irregular model's weights; model-based.
    public static func hardwiredBreakEvens(_ entries: [ComparisonEntry]) -> [HardwiredBreakEven] {
        let hardwired = entries.filter { $0.engine == "hardwired" && $0.area != nil }
        guard let structured = hardwired.first, let structuredLUTs = structured.area?.luts else { return [] }
        return hardwired.dropFirst().compactMap { irregular in
            guard let luts = irregular.area?.luts, let perNonZero = irregular.lutsPerNonZero, perNonZero > 0 else { return nil }
            let k = Double(structuredLUTs) / perNonZero
            let n = Double(irregular.positions)
            return HardwiredBreakEven(irregularModel: irregular.model, structuredModel: structured.model, actualRate: irregular.pruningRate,
                                      irregularLUTs: luts, structuredLUTs: structuredLUTs,
                                      lutRate: k > 0 && k < n ? 1 - k / n : (k >= n ? 0 : nil))
        }
    }

    /// Break-even pruning rates of every sparse entry against the first dense entry (or, for
    /// a model compared only with itself, its own dense-compacted storage).
    ///
    /// Storage: a sparse layer holds about `b` bits a non-zero (its value, position and padding
    /// bits over its non-zeros, as measured) plus its group constants, so it matches `D` dense
    /// bits at `k* = (D − constants) / b` non-zeros. Cycles: the sparse engine did its useful
    /// MACs in `c` cycles on `P` multipliers (efficiency `η = MACs / (P·c)`), so it matches the
    /// dense entry's `c_d` cycles at `k* = nnz·(c_d / c)`. Both as rates of the sparse model's
    /// weights, `1 − k*/n`; model-based, not run.
    public static func breakEvens(_ entries: [ComparisonEntry]) -> [BreakEven] {
        let dense = entries.first { $0.engine == "dense" }
        return entries.filter { $0.engine == "sparse" }.map { sparse in
            let reference = dense ?? sparse
            let denseBits = dense?.weightStorageBits ?? sparse.layers.reduce(0) { $0 + $1.denseCompactedBits }
            let constants = sparse.layers.reduce(0) { $0 + $1.storage.boundaryBits }
            let bitsPerNonZero = Double(sparse.weightStorageBits - constants) / Double(max(1, sparse.nonZeros))
            let n = Double(sparse.positions)
            let storageK = Double(denseBits - constants) / max(1, bitsPerNonZero)
            var cyclesK: Double?
            if let dense, sparse.cycles > 0 {
                // Cycles scale with the non-zeros at the same multipliers and efficiency.
                cyclesK = Double(sparse.nonZeros) * dense.cycles / sparse.cycles
            }
            func rate(_ k: Double?) -> Double? {
                guard let k, k > 0, n > 0 else { return nil }
                return max(0, 1 - k / n)
            }
            return BreakEven(sparseModel: sparse.model, denseModel: reference.model, actualRate: sparse.pruningRate,
                             storageRate: rate(storageK), cyclesRate: rate(cyclesK))
        }
    }
}
