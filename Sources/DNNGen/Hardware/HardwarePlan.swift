/// A streaming max-pool unit (`dnngen_maxpool`) and the stream it sees.
public struct PoolEngine: Engine, Equatable {
    public var stage: PoolStage
    /// Channel slots per pixel (padding slots included) and lanes per beat.
    public var slots: Int
    public var lanes: Int

    /// One input beat a clock.
    public var cycles: Int { stage.height * stage.width * (slots / lanes) }
    public var multipliers: Int { 0 }
    public var romBits: Int { 0 }
    public var output: StreamShape { StreamShape(slots: slots, lanes: outputLanes) }
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
    /// The sparse engines' index format asked for (also what storage is reported against).
    public var index: SparseIndexRequest = .auto
    /// The fastest plan faster than this one, which the budget could not buy.
    public var nextFaster: NextFasterPlan?
    /// Elements per beat of the network's input and output streams.
    public var inputLanes = 1
    public var outputLanes = 1

    public var engines: [MatrixEngine] {
        stages.compactMap { if case .matrix(let engine) = $0 { return engine } else { return nil } }
    }

    public var totalMultipliers: Int { engines.reduce(0) { $0 + $1.multipliers } }
    public var totalRomBits: Int { engines.reduce(0) { $0 + $1.romBits } }

    /// Cycles per inference of the network's own streams: the input at `inLanes` elements a
    /// clock, the output at one.
    public var streamFloor: Int { Self.streamFloor(network, inLanes: inputLanes, outLanes: outputLanes) }

    /// Cycles between inferences in steady state: the slowest stage, counting the sliding
    /// windows, the pools and the one-element-per-cycle streams at the network's edges.
    public var initiationInterval: Int {
        var slowest = streamFloor
        for stage in stages {
            switch stage {
            case .matrix(let engine): slowest = max(slowest, engine.cycles)
            case .pool(let pool): slowest = max(slowest, pool.cycles)
            }
        }
        return slowest
    }
}

/// A faster plan than the chosen one: its interval and the multipliers it needs.
public struct NextFasterPlan: Equatable, Sendable {
    public var interval: Int
    public var multipliers: Int
}

/// Which engine computes the matrix layers.
public enum EngineChoice: String, CaseIterable, Sendable {
    /// Folded matrix–vector units; structured pruning compacted away.
    case dense
    /// Sparse lane units (`dnngen_sparse_lane_mvu`) for every matrix layer.
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
    /// Index format of the sparse engines: one format, or the smallest per layer.
    public var index: SparseIndexRequest
    /// Layers built by the hardwired engine whatever `engine` says, by name.
    public var hardwiredLayers: Set<String> = []
    /// Adder levels per pipeline stage of a hardwired engine.
    public var adderLevelsPerStage = HardwiredEngine.defaultLevelsPerStage
    /// Elements per beat of the network's input stream (a vector input feeding a dense layer
    /// may take several); nil: the whole vector when the first matrix layer is hardwired, else
    /// the fewest with which the input stream does not bind the interval.
    public var inputLanes: Int?
    /// Elements per beat of the output stream: 1, or the whole vector; nil: the whole vector
    /// when the last matrix layer is hardwired, else 1.
    public var outputLanes: Int?

    public static let defaultMultipliers = 64

    public init(multipliers: Int = FoldingRequest.defaultMultipliers, perLayer: [String: Fold] = [:],
                engine: EngineChoice = .dense, index: SparseIndexRequest = .auto) {
        self.multipliers = multipliers
        self.perLayer = perLayer
        self.engine = engine
        self.index = index
    }
}

extension HardwarePlan {
    /// Plans a model.
    ///
    /// - Throws: `PlanError` for an op the backend does not build, or a per-layer fold that
    ///   names an unknown layer or does not fit it.
    public init(model: Model, folding: FoldingRequest = FoldingRequest()) throws(PlanError) {
        let compacted = try CompactedNetwork(model: model)
        let matrices = compacted.matrices
        let names = matrices.map(\.layerName)
        for name in folding.hardwiredLayers.sorted() where !names.contains(name) {
            throw PlanError("--hardwired names layer '\(name)', which is not a dense or conv2d layer of the model (they are: \(names.joined(separator: ", ")))")
        }
        let hardwired = matrices.map { folding.engine == .hardwired || folding.hardwiredLayers.contains($0.layerName) }
        // The hardwired engine's clamp has no zero point yet (model.bin version 2, imported models).
        for (i, layer) in matrices.enumerated() where hardwired[i] && layer.outputType.zeroPoint != 0 {
            throw PlanError("layer '\(layer.layerName)' has output zero point \(layer.outputType.zeroPoint), which the hardwired engine does not support; use --engine dense or sparse for it")
        }
        let outputLanes = try Self.outputLanes(compacted, folding, hardwired: hardwired)
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
            guard fold.copies == 1 || (layer.window != nil && fold.copies <= layer.vectorsPerInference) else {
                throw PlanError(layer: layer.layerName, "fold \(fold): several copies of a unit (the third number) need a convolution with at least that many output pixels (it has \(layer.vectorsPerInference))")
            }
            guard !mustDivide[i] || layer.rows.count % fold.pe == 0 else {
                throw PlanError(layer: layer.layerName, "PE \(fold.pe) must divide the \(layer.rows.count) rows, because the next layer has binary weights (no zero weight for a padding row)")
            }
            fixed.append(fold)
        }
        guard folding.multipliers >= 1 else { throw PlanError("--multipliers must be at least 1") }
        // A hardwired layer takes one vector a clock and no multiplier: it sits outside the budget.
        let sparse = try Self.chooseEngines(compacted, folding, hardwired: hardwired)
        for layer in matrices where layer.op == "conv2d" && layer.window == nil {
            throw PlanError(layer: layer.layerName, "convolution without a window")
        }
        // Dense and sparse layers share the one budget.
        let budget = folding.multipliers

        // Per stage, the engines the solver may choose from, given the stream it receives.
        func solve(_ network: CompactedNetwork, inLanes: Int) -> FoldingSolver.Solution {
            var stageOptions: [(StreamShape) -> [any Engine]] = []
            var m = 0
            for stage in network.stages {
                switch stage {
                case .pool(let pool):
                    stageOptions.append { incoming in [PoolEngine(stage: pool, slots: incoming.slots, lanes: incoming.lanes)] }
                case .matrix(let layer):
                    // Measured on this network's layer: a widened input keeps every column.
                    let choice = MatrixChoice(layer: layer, fixed: fixed[m],
                                              sparse: sparse[m] ? SparseLaneCandidates(layer: layer, index: folding.index) : nil,
                                              hardwired: hardwired[m], rowsMustDivide: mustDivide[m])
                    stageOptions.append(choice.candidates)
                    m += 1
                }
            }
            var solver = FoldingSolver(stages: stageOptions, input: Self.inputStream(network, lanes: inLanes),
                                       floor: Self.streamFloor(network, inLanes: inLanes, outLanes: outputLanes))
            return solver.solve(budget: budget)
        }
        // The input lanes: as asked, the whole vector into a hardwired layer, or the fewest with
        // which the input stream does not bind.
        let wideInput = Self.takesWideInput(compacted)
        if let asked = folding.inputLanes, asked > 1, !wideInput {
            throw PlanError("--in-lanes \(asked): only a network whose input vector feeds a dense layer takes several elements a beat")
        }
        let askedLanes = folding.inputLanes ?? (wideInput && (hardwired.first ?? false) ? compacted.inputCount : nil)
        var tried: [(lanes: Int, interval: Int, solution: FoldingSolver.Solution, network: CompactedNetwork)] = []
        for lanes in Self.laneChoices(asked: askedLanes, inputs: compacted.inputCount, wide: wideInput) {
            let widened = lanes > 1 ? compacted.keepingEveryInput() : compacted
            let candidate = solve(widened, inLanes: lanes)
            let slowest = candidate.engines.map(\.cycles).max() ?? 0
            tried.append((lanes, max(slowest, Self.streamFloor(widened, inLanes: lanes, outLanes: outputLanes)), candidate, widened))
            // Wider helps only while the input stream is what binds.
            if slowest > ceilDiv(compacted.inputCount, lanes) { break }
        }
        guard let best = tried.min(by: { ($0.interval, $0.lanes) < ($1.interval, $1.lanes) }) else {
            throw PlanError("no input lanes to plan with")
        }
        let (inLanes, solution, planned) = (best.lanes, best.solution, best.network)
        let network = planned
        let input = Self.inputStream(network, lanes: inLanes)
        let floor = Self.streamFloor(network, inLanes: inLanes, outLanes: outputLanes)
        let chosen = solution.engines

        // Build the chosen configurations, walking the pipeline with the stream each receives.
        var incoming = input
        var stages: [PlannedStage] = []
        for (stage, cost) in zip(network.stages, chosen) {
            switch stage {
            case .pool(let pool):
                let engine = PoolEngine(stage: pool, slots: incoming.slots, lanes: incoming.lanes)
                stages.append(.pool(engine))
                incoming = engine.output
            case .matrix(let layer):
                let engine = Self.build(layer, incoming: incoming, cost: cost, adderLevelsPerStage: folding.adderLevelsPerStage)
                stages.append(.matrix(engine))
                incoming = engine.output
            }
        }
        self.init(modelName: model.name, network: network, stages: stages, multiplierBudget: folding.multipliers,
                  index: folding.index)
        self.inputLanes = inLanes
        self.outputLanes = outputLanes
        nextFaster = solution.nextFaster.map { NextFasterPlan(interval: max($0.cycles, floor), multipliers: $0.multipliers) }
    }

    /// The matrix engine for the configuration the solver chose, weights laid out for `incoming`.
    private static func build(_ layer: CompactedMatrix, incoming: StreamShape, cost: any Engine, adderLevelsPerStage: Int) -> MatrixEngine {
        let input = MatrixInput(layer: layer, incoming: incoming)
        let built = layer.matrix(incomingSlots: incoming.slots)
        let ranges = Analysis.accumulatorRange(
            weights: built.weights, rows: layer.rows.count, cols: built.columns, bias: layer.bias, input: layer.inputType)
        var engine = MatrixEngine(
            layer: layer, weights: built.weights, columns: built.columns, pe: 1, simd: 1,
            inLanes: input.lanes, inBeats: input.beats, window: input.window,
            accumulatorWidth: max(2, ranges.map(Analysis.signedWidth).max() ?? 2),
            biasWidth: MatrixChoice.biasWidth(layer))
        if cost is HardwiredCost {
            // The whole vector in one beat, gathered first if the producer sends several.
            engine.gatherLanes = input.lanes
            engine.gatherBeats = input.beats
            engine.inLanes = input.lanes * input.beats
            engine.inBeats = 1
            engine.pe = layer.rows.count
            engine.simd = engine.inLanes
            engine.hardwired = HardwiredEngine(
                weights: built.weights, rows: layer.rows.count, columns: built.columns, bias: layer.bias,
                multipliers: layer.multipliers, shifts: layer.shifts, rounding: layer.rounding,
                inputType: layer.inputType, outputType: layer.outputType, levelsPerStage: adderLevelsPerStage)
        } else if let chosen = cost as? SparseMVU {
            engine.pe = chosen.outLanes
            engine.lane = SparseLaneLayer(chosen, weights: built.weights, columns: built.columns)
        } else if let dense = cost as? DenseMVU {
            engine.pe = dense.fold.pe
            engine.simd = dense.fold.simd
            engine.copies = dense.fold.copies
        }
        return engine
    }

    /// The stream into the first stage: `lanes` elements a beat (the last beat padded with
    /// zeros), the kept elements of a vector or the kept channels of each pixel.
    private static func inputStream(_ network: CompactedNetwork, lanes: Int) -> StreamShape {
        if case .matrix(let layer) = network.stages.first, case .vector(let columns) = layer.source {
            return StreamShape(slots: lanes * ceilDiv(columns.count, lanes), lanes: lanes)
        }
        return StreamShape(slots: network.inputKeep.isEmpty ? 0 : keptSlots(network), lanes: 1)
    }

    /// Cycles per inference the network's streams take: the input at `inLanes` elements a
    /// clock, the output at `outLanes`.
    static func streamFloor(_ network: CompactedNetwork, inLanes: Int, outLanes: Int) -> Int {
        max(ceilDiv(network.inputCount, max(1, inLanes)), ceilDiv(network.outputConstants.count, max(1, outLanes)))
    }

    /// Lanes of the output stream: 1 or the whole vector; by default the whole vector where the
    /// last matrix layer is hardwired, so that the stream does not hold it back.
    private static func outputLanes(_ network: CompactedNetwork, _ folding: FoldingRequest, hardwired: [Bool]) throws(PlanError) -> Int {
        let outputs = network.outputConstants.count
        let lanes = folding.outputLanes ?? ((hardwired.last ?? false) ? outputs : 1)
        guard lanes == 1 || lanes == outputs else {
            throw PlanError("--out-lanes must be 1 or the whole output vector (\(outputs) elements), got \(lanes)")
        }
        return lanes
    }

    /// Whether the input stream may carry several elements a beat: a vector into a dense layer.
    private static func takesWideInput(_ network: CompactedNetwork) -> Bool {
        guard network.inputShape.count == 1, case .matrix(let layer) = network.stages.first, case .vector = layer.source else { return false }
        return true
    }

    /// Input lanes to try, fewest first: the one asked for, or powers of two up to the input's length.
    private static func laneChoices(asked: Int?, inputs: Int, wide: Bool) -> [Int] {
        if let asked { return [asked] }
        guard wide else { return [1] }
        var lanes = [1]
        while let last = lanes.last, last < inputs { lanes.append(last * 2) }
        return lanes
    }

    /// Per matrix layer, whether it is built on the sparse lane engine.
    ///
    /// `auto` takes the sparse engine where its weight storage (best format, one row group) is
    /// below the compacted dense matrix's; binary weights stay dense there (nothing to skip).
    ///
    /// - Throws: `PlanError` naming `--index` and the layer when the format cannot encode it.
    private static func chooseEngines(_ network: CompactedNetwork, _ folding: FoldingRequest,
                                      hardwired: [Bool]) throws(PlanError) -> [Bool] {
        guard folding.engine != .dense, folding.engine != .hardwired else { return network.matrices.map { _ in false } }
        var result: [Bool] = []
        for (i, layer) in network.matrices.enumerated() {
            // A hardwired layer takes one vector a clock and no multiplier: it sits outside the budget.
            guard !hardwired[i] else { result.append(false); continue }
            let sparseBits = try SparseLaneCandidates.singleGroupCost(layer, index: folding.index).totalBits
            if folding.engine == .sparse {
                result.append(true)
            } else {
                let denseBits = layer.rows.count * layer.columnCount * layer.weightBits
                result.append(layer.weightKind != .binary && sparseBits < denseBits)
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
