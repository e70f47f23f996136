import Foundation

/// Builds, simulates and synthesizes every model with every engine that applies.
public struct ComparisonRunner {
    public struct Input {
        public var model: Model
        public var bytes: [UInt8]
        public var file: String

        public init(model: Model, bytes: [UInt8], file: String) {
            self.model = model
            self.bytes = bytes
            self.file = file
        }
    }

    public var folding: FoldingRequest
    /// Engines to build each model with; nil: dense for a model whose zeros are mostly
    /// structured, sparse for one whose zeros are mostly irregular.
    public var engines: [EngineChoice]?
    /// Engines built for every model after those of `engines` (or after the natural one).
    public var extraEngines: [EngineChoice] = []
    public var vectors: Int
    public var simulate: Bool
    public var synthesize: Bool
    /// Where the designs are written, one folder per model and engine.
    public var workFolder: String
    public var progress: (String) -> Void

    public init(folding: FoldingRequest, engines: [EngineChoice]?, vectors: Int, simulate: Bool, synthesize: Bool,
                workFolder: String, progress: @escaping (String) -> Void) {
        self.folding = folding
        self.engines = engines
        self.vectors = vectors
        self.simulate = simulate
        self.synthesize = synthesize
        self.workFolder = workFolder
        self.progress = progress
    }

    /// The engine that suits a model's pruning: sparse when irregular zeros outnumber the
    /// structured ones.
    public static func naturalEngine(for model: Model) -> EngineChoice {
        let layers = Analysis.analyze(model)
        let irregular = layers.reduce(0) { $0 + $1.structure.irregularZeros }
        let zeros = layers.reduce(0) { $0 + $1.zeros }
        return irregular * 2 > zeros ? .sparse : .dense
    }

    public func run(_ inputs: [Input]) throws -> Comparison {
        var entries: [ComparisonEntry] = []
        for input in inputs {
            for engine in engines(for: input) {
                entries.append(try run(input, engine: engine))
            }
        }
        var comparison = Comparison(entries: entries, breakEvens: Comparison.breakEvens(entries),
                                    index: String(describing: folding.index), multiplierBudget: folding.multipliers)
        comparison.hardwiredBreakEvens = Comparison.hardwiredBreakEvens(entries)
        return comparison
    }

    /// Refuses, before anything is planned, a design folder `run` could not write (see
    /// `DesignFolder.checkTarget`).
    public func checkDesignFolders(_ inputs: [Input]) throws(FileError) {
        for input in inputs {
            for engine in engines(for: input) { try DesignFolder.checkTarget(folder(input, engine)) }
        }
    }

    private func engines(for input: Input) -> [EngineChoice] {
        (engines ?? [Self.naturalEngine(for: input.model)]) + extraEngines
    }

    private func folder(_ input: Input, _ engine: EngineChoice) -> String {
        workFolder + "/" + Self.folderName(input.model.name, engine)
    }

    private func run(_ input: Input, engine: EngineChoice) throws -> ComparisonEntry {
        var request = folding
        request.engine = engine
        let label = "\(input.model.name) (\(engine.rawValue))"
        progress("compare: \(label): planning and generating")
        let plan = try HardwarePlan(model: input.model, folding: request)
        let vectors = TestVectors.random(for: input.model, count: vectors, seed: 1)
        let stageCycles = plan.stageCycles(model: input.model, inputs: vectors.inputs)
        let folder = folder(input, engine)
        let context = GenerationContext(command: "dnngen compare \((input.file as NSString).lastPathComponent)", modelBytes: input.bytes)
        let design = DesignWriter(plan: plan, vectors: vectors, context: context, seed: 1, stageCycles: stageCycles).design()
        try DesignFolder.write(design, to: folder)
        var entry = ComparisonEntry(model: input.model, file: input.file, plan: plan, stageCycles: stageCycles, designFolder: folder)
        if simulate {
            progress("compare: \(label): simulating \(vectors.inputs.count) vectors with iverilog")
            let result = try Simulator().simulate(directory: folder)
            guard result.passed else { throw SimulationError.noSummary("\(label): simulation FAILED: \(result.summary)") }
            entry.cycles = Double(result.cyclesPerInference)
            entry.latency = result.latency
            entry.cyclesSource = .simulated
        }
        if synthesize {
            progress("compare: \(label): synthesizing with yosys synth_xilinx (can take minutes)")
            entry.area = try Synthesizer().synthesize(directory: folder, top: design.topModule)
        }
        return entry
    }

    static func folderName(_ model: String, _ engine: EngineChoice) -> String {
        String((model + "-" + engine.rawValue).map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" })
    }
}
