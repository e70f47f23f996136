/// A streaming max-pool unit (`dnngen_maxpool`) and the stream it sees.
public struct PoolEngine: Equatable, Sendable {
    public var stage: PoolStage
    /// Channel slots per pixel (padding slots included) and lanes per beat.
    public var slots: Int
    public var lanes: Int

    /// One input beat a clock.
    public var cycles: Int { stage.height * stage.width * (slots / lanes) }
    /// Depth of the FIFO in front of the pool: one image row of beats.
    public var inputFIFODepth: Int { decouplingDepth(beats: stage.width * (slots / lanes)) }
    /// A windowed pool emits whole pixels: all slots in one beat.
    public var outputLanes: Int { stage.needsWindow ? slots : lanes }
}

/// One stage of the planned pipeline.
public enum PlannedStage: Equatable, Sendable {
    case matrix(MatrixEngine)
    case pool(PoolEngine)
}

/// Everything the Verilog writers need, decided once: the compacted network, one engine per
/// stage with its folding, and the adapters at the network's edges.
public struct HardwarePlan: Equatable, Sendable {
    public var modelName: String
    public var network: CompactedNetwork
    public var stages: [PlannedStage]
    /// The budget the folding was chosen for.
    public var multiplierBudget: Int
    /// The sparse engine's shape asked for (also what storage is reported against).
    public var sparsePEs: Int = SparseDefaults.pes
    public var indexBits: Int = SparseDefaults.indexBits
    /// Elements per beat of the network's input and output streams: 1, or the whole vector.
    public var inputLanes = 1
    public var outputLanes = 1

    public var engines: [MatrixEngine] {
        stages.compactMap { if case .matrix(let engine) = $0 { return engine } else { return nil } }
    }

    public var totalMultipliers: Int { engines.reduce(0) { $0 + $1.multipliers } }
    public var totalRomBits: Int { engines.reduce(0) { $0 + $1.romBits } }

    /// Cycles between inferences in steady state: the slowest stage, counting the sliding
    /// windows, the pools and the one-element-per-cycle streams at the network's edges.
    public var initiationInterval: Int {
        var slowest = max(ceilDiv(network.inputCount, inputLanes), ceilDiv(network.outputConstants.count, outputLanes))
        for stage in stages {
            switch stage {
            case .matrix(let engine): slowest = max(slowest, engine.cycles, engine.window?.cycles ?? 0)
            case .pool(let pool): slowest = max(slowest, pool.cycles)
            }
        }
        return slowest
    }
}

/// Which engine computes the matrix layers.
public enum EngineChoice: String, CaseIterable, Sendable {
    /// Folded matrix–vector units; structured pruning compacted away.
    case dense
    /// EIE-style index-decoding units for every matrix layer.
    case sparse
    /// Per layer, the engine whose weight storage is smaller.
    case auto
    /// Constant shift-and-add logic for every matrix layer, one vector a clock.
    case hardwired
}

/// What the user asked of the folding and the engines.
public struct FoldingRequest: Equatable, Sendable {
    /// Multiplier budget for the whole network.
    public var multipliers: Int
    /// PE × SIMD the user fixed for some layers, by layer name.
    public var perLayer: [String: Fold]
    public var engine: EngineChoice
    /// PEs of each sparse engine.
    public var sparsePEs: Int
    /// Bits of the sparse engine's relative row index.
    public var indexBits: Int
    /// Layers built by the hardwired engine whatever `engine` says, by name.
    public var hardwiredLayers: Set<String> = []
    /// Adder levels per pipeline stage of a hardwired engine.
    public var adderLevelsPerStage = HardwiredEngine.defaultLevelsPerStage
    /// Elements per beat of the network's input / output stream; nil = 1, or the whole
    /// vector when the first / last matrix layer is hardwired.
    public var inputLanes: Int?
    public var outputLanes: Int?

    public static let defaultMultipliers = 64

    public init(multipliers: Int = FoldingRequest.defaultMultipliers, perLayer: [String: Fold] = [:],
                engine: EngineChoice = .dense, sparsePEs: Int = SparseDefaults.pes,
                indexBits: Int = SparseDefaults.indexBits) {
        self.multipliers = multipliers
        self.perLayer = perLayer
        self.engine = engine
        self.sparsePEs = sparsePEs
        self.indexBits = indexBits
    }
}

extension HardwarePlan {
    /// Plans a model.
    ///
    /// - Throws: `PlanError` for an op the backend does not build, or a per-layer fold that
    ///   names an unknown layer or does not fit it.
    public init(model: Model, folding: FoldingRequest = FoldingRequest()) throws(PlanError) {
        let network = try CompactedNetwork(model: model)
        let matrices = network.matrices
        let names = matrices.map(\.layerName)
        for name in folding.hardwiredLayers.sorted() where !names.contains(name) {
            throw PlanError("--hardwired names layer '\(name)', which is not a dense or conv2d layer of the model (they are: \(names.joined(separator: ", ")))")
        }
        let hardwired = matrices.map { folding.engine == .hardwired || folding.hardwiredLayers.contains($0.layerName) }
        // The hardwired engine's clamp has no zero point yet (model.bin version 2, imported models).
        for (i, layer) in matrices.enumerated() where hardwired[i] && layer.outputType.zeroPoint != 0 {
            throw PlanError("layer '\(layer.layerName)' has output zero point \(layer.outputType.zeroPoint), which the hardwired engine does not support; use --engine dense or sparse for it")
        }
        let (inputLanes, outputLanes) = try Self.streamLanes(network, folding, hardwired: hardwired)
        for name in folding.perLayer.keys.sorted() where !names.contains(name) {
            throw PlanError("--fold names layer '\(name)', which is not a dense or conv2d layer of the model (they are: \(names.joined(separator: ", ")))")
        }
        // A binary dense layer cannot give a padding column a zero weight, so whatever feeds it
        // must not pad its rows.
        let mustDivide = matrices.indices.map { i in
            i + 1 < matrices.count && matrices[i + 1].weightKind == .binary && matrices[i + 1].op == "dense"
        }
        var fixed: [Fold?] = []
        for (i, layer) in matrices.enumerated() {
            guard let fold = folding.perLayer[layer.layerName] else { fixed.append(nil); continue }
            guard fold.pe >= 1, fold.simd >= 1, fold.pe <= layer.rows.count, fold.simd <= max(1, layer.columnCount) else {
                throw PlanError(layer: layer.layerName, "fold \(fold) does not fit the compacted matrix \(layer.rows.count)x\(layer.columnCount) (PE <= rows, SIMD <= columns)")
            }
            guard !mustDivide[i] || layer.rows.count % fold.pe == 0 else {
                throw PlanError(layer: layer.layerName, "PE \(fold.pe) must divide the \(layer.rows.count) rows, because the next layer has binary weights (no zero weight for a padding row)")
            }
            fixed.append(fold)
        }
        guard folding.multipliers >= 1 else { throw PlanError("--multipliers must be at least 1") }
        let sparsePEs = try Self.chooseEngines(network, folding).enumerated().map { hardwired[$0.offset] ? nil : $0.element }
        // Sparse layers take their PEs; the dense ones share the rest of the budget. A hardwired
        // layer takes one vector a clock and no multiplier: it sits outside the budget.
        var outsideBudget = sparsePEs.reduce(0) { $0 + ($1 ?? 0) }
        for (i, pes) in sparsePEs.enumerated() { if let pes { fixed[i] = Fold(pe: pes, simd: 1) } }
        for (i, layer) in matrices.enumerated() where hardwired[i] {
            fixed[i] = Fold(pe: layer.rows.count, simd: max(1, layer.columnCount))
            outsideBudget += layer.rows.count * max(1, layer.columnCount)
        }
        let folds = FoldingSolver.solve(
            rows: matrices.map(\.rows.count), columns: matrices.map { max(1, $0.columnCount) },
            vectors: matrices.map(\.vectorsPerInference), rowsMustDivide: mustDivide, fixed: fixed,
            budget: max(1, folding.multipliers - outsideBudget) + outsideBudget,
            ioFloor: max(ceilDiv(network.inputCount, inputLanes), ceilDiv(network.outputConstants.count, outputLanes)),
            pooledPixels: Self.pooledPixels(network))

        // Walk the pipeline with the stream each stage receives: lanes per beat, slots per pixel.
        var lanes = 1
        var slots = network.inputKeep.isEmpty ? 0 : Self.keptSlots(network)
        var stages: [PlannedStage] = []
        var m = 0
        for stage in network.stages {
            switch stage {
            case .pool(let pool):
                let engine = PoolEngine(stage: pool, slots: slots, lanes: lanes)
                stages.append(.pool(engine))
                lanes = engine.outputLanes
            case .matrix(let layer):
                let fold = folds[m]
                let first = m == 0 && !stages.contains { if case .pool = $0 { return true } else { return false } }
                var engine: MatrixEngine
                let inLanes: Int
                let inBeats: Int
                var window: WindowStream?
                let built: (weights: [Int], columns: Int)
                switch layer.source {
                case .vector(let columns):
                    built = layer.matrix(incomingSlots: first ? columns.count : slots)
                    let wide = first && inputLanes > 1
                    inLanes = first ? (wide ? columns.count : 1) : lanes
                    inBeats = first ? (wide ? 1 : columns.count) : slots / lanes
                case .flattened(let pixels, _):
                    built = layer.matrix(incomingSlots: slots)
                    inLanes = lanes
                    inBeats = pixels * slots / lanes
                case .window(let positions, _):
                    guard let geometry = layer.window else { throw PlanError(layer: layer.layerName, "convolution without a window") }
                    built = layer.matrix(incomingSlots: slots)
                    inLanes = positions.count
                    inBeats = 1
                    let kw = geometry.kernel[1]
                    window = WindowStream(geometry: geometry, slots: slots, lanes: lanes,
                                          selection: positions.map { ($0.row * kw + $0.column) * slots + $0.slot })
                }
                let ranges = Analysis.accumulatorRange(
                    weights: built.weights, rows: layer.rows.count, cols: built.columns, bias: layer.bias, input: layer.inputType)
                let biasLow = layer.bias.min() ?? 0
                let biasHigh = layer.bias.max() ?? 0
                engine = MatrixEngine(
                    layer: layer, weights: built.weights, columns: built.columns, pe: fold.pe, simd: fold.simd,
                    inLanes: inLanes, inBeats: inBeats, window: window,
                    accumulatorWidth: max(2, ranges.map(Analysis.signedWidth).max() ?? 2),
                    biasWidth: max(2, Analysis.signedWidth(min(biasLow, 0)...max(biasHigh, 0))))
                if hardwired[m] {
                    engine.gatherLanes = inLanes
                    engine.gatherBeats = inBeats
                    engine.inLanes = inLanes * inBeats
                    engine.inBeats = 1
                    engine.pe = layer.rows.count
                    engine.simd = engine.inLanes
                    engine.hardwired = HardwiredEngine(
                        weights: built.weights, rows: layer.rows.count, columns: built.columns, bias: layer.bias,
                        multipliers: layer.multipliers, shifts: layer.shifts, rounding: layer.rounding,
                        inputType: layer.inputType, outputType: layer.outputType, levelsPerStage: folding.adderLevelsPerStage)
                } else if let pes = sparsePEs[m] {
                    engine.pe = pes
                    engine.simd = 1
                    engine.sparse = SparseEncoding(weights: built.weights, rows: layer.rows.count, columns: built.columns,
                                                   pes: pes, indexBits: folding.indexBits)
                }
                stages.append(.matrix(engine))
                lanes = engine.pe
                slots = engine.outputSlots
                m += 1
            }
        }
        self.init(modelName: model.name, network: network, stages: stages, multiplierBudget: folding.multipliers,
                  sparsePEs: folding.sparsePEs, indexBits: folding.indexBits, inputLanes: inputLanes, outputLanes: outputLanes)
    }

    /// Per matrix layer, the PE count of its sparse engine, or nil for the dense engine.
    ///
    /// Binary weights have no code for zero, so they cannot take a padding entry: every gap
    /// must fit the index. A binary layer therefore gets enough PEs that its rows per PE do
    /// (`2^B >= ⌈rows/P⌉`); `auto` leaves it dense instead, as it has no zeros to skip.
    private static func chooseEngines(_ network: CompactedNetwork, _ folding: FoldingRequest) throws(PlanError) -> [Int?] {
        guard folding.engine != .dense else { return network.matrices.map { _ in nil } }
        guard folding.sparsePEs >= 1, (1...16).contains(folding.indexBits) else {
            throw PlanError("--pe must be at least 1 and --index-bits 1 to 16")
        }
        let accounts = network.storageAccounts(pes: folding.sparsePEs, indexBits: folding.indexBits)
        return zip(network.matrices, accounts).map { layer, account -> Int? in
            let binary = layer.weightKind == .binary
            switch folding.engine {
            case .dense, .hardwired:
                return nil
            case .sparse:
                return binary ? max(folding.sparsePEs, ceilDiv(layer.rows.count, 1 << folding.indexBits)) : folding.sparsePEs
            case .auto:
                return !binary && account.sparseBits < account.denseBits ? folding.sparsePEs : nil
            }
        }
    }

    /// Lanes of the network's input and output streams: 1 or the whole vector (a vector input
    /// only). By default the whole vector where the first / last matrix layer is hardwired, so
    /// that the streams do not hold a one-vector-a-clock network back.
    private static func streamLanes(_ network: CompactedNetwork, _ folding: FoldingRequest, hardwired: [Bool]) throws(PlanError) -> (Int, Int) {
        let inputs = network.inputCount
        let outputs = network.outputConstants.count
        let vectorInput = network.inputShape.count != 3
        let firstHardwired = vectorInput && (hardwired.first ?? false)
        let inputLanes = folding.inputLanes ?? (firstHardwired ? inputs : 1)
        let outputLanes = folding.outputLanes ?? ((hardwired.last ?? false) ? outputs : 1)
        guard inputLanes == 1 || (inputLanes == inputs && vectorInput) else {
            throw PlanError("--in-lanes must be 1 or the whole input vector (\(inputs) elements, vector inputs only), got \(inputLanes)")
        }
        guard outputLanes == 1 || outputLanes == outputs else {
            throw PlanError("--out-lanes must be 1 or the whole output vector (\(outputs) elements), got \(outputLanes)")
        }
        return (inputLanes, outputLanes)
    }

    /// Per matrix stage: the input pixels of a max-pool right after it, else 0.
    private static func pooledPixels(_ network: CompactedNetwork) -> [Int] {
        var result: [Int] = []
        for (i, stage) in network.stages.enumerated() {
            guard case .matrix = stage else { continue }
            if i + 1 < network.stages.count, case .pool(let pool) = network.stages[i + 1] {
                result.append(pool.height * pool.width)
            } else {
                result.append(0)
            }
        }
        return result
    }

    /// Channel slots of the input stream after the adapter: kept channels of a feature map
    /// (per pixel), or kept elements of a vector.
    private static func keptSlots(_ network: CompactedNetwork) -> Int {
        let kept = network.inputKeep.filter { $0 }.count
        guard network.inputShape.count == 3 else { return kept }
        let pixels = network.inputShape[1] * network.inputShape[2]
        return kept / max(1, pixels)
    }
}
