import DNNGen
import Foundation

/// `dnngen rtl [MODEL] -o DIR …`: plans the hardware, prints the plan, writes the design folder.
struct RTLCommand: Command {
    static let name = "rtl"
    static let abstract = "Generate Verilog, ROM images and a self-checking testbench."
    static let help = """
    USAGE: dnngen rtl [MODEL] [-o DIR] [--inputs X.npy | --vectors N] [--engine dense|sparse|auto|hardwired]
                      [--hardwired LAYER,...] [--adder-levels L] [--in-lanes N] [--out-lanes N]
                      [--multipliers N] [--fold LAYER=PExSIMD[xCOPIES],...] [--index F] [--seed S]

    Plans one engine per layer, prints the plan (engine, PE x SIMD, multipliers, cycles per
    inference, ROM bits, accumulator width), and writes DIR/:
      rtl/         the generated top module and the templates it instantiates
      rom/         one $readmemh image per ROM
      tb/          testbench, input vectors, expected outputs from the reference
      Makefile     sim (iverilog), lint (verilator), synth (yosys)
      files.f      synthesizable sources in dependency order
      report.json  the plan, per layer and in total
    Then run 'dnngen sim DIR' (or 'make -C DIR sim').

    OPTIONS:
      -o, --output DIR     output folder (default: <model name>-rtl)
      --inputs X.npy       test vectors from a file ([N, *input shape], integer)
      --vectors N          N test vectors: all-minimum, all-maximum, then random (default 16)
      --seed S             seed for the random vectors and the bench's gaps (default 1)
      --engine E           dense (default): folded matrix-vector units, structured pruning compacted away;
                           sparse: sparse lane units (one non-zero a clock per row group, shared by
                           several vectors) for every dense/conv layer;
                           auto: per layer, the engine with the smaller weight storage;
                           hardwired: weights as constants, every output a shift-and-add network
                           over its non-zero weights (shared across outputs), one vector a clock
      --hardwired L,...    build the named layers hardwired whatever --engine says (engines mix per layer)
      --adder-levels L     adder levels per pipeline stage of a hardwired layer (default \(HardwiredEngine.defaultLevelsPerStage))
      --in-lanes N         input elements per beat, any N for a vector input into a dense layer (the
                           last beat padded with zeros); default: the whole vector when the first
                           layer is hardwired, else the fewest with which the input stream does not
                           bind the interval
      --out-lanes N        output elements per beat: 1, or the whole vector (default: the whole vector
                           when the last layer is hardwired, else 1)
      --multipliers N      multiplier budget the folding shares out among all layers, dense and sparse
                           (default \(FoldingRequest.defaultMultipliers))
      --fold L=PxS[xC],... fix PE and SIMD for named dense-engine layers, e.g. --fold fc1=4x8,fc2=2x4; a third
                           number C builds a convolution as C copies of the unit, windows dealt in turn
      \(IndexArgument.help)

    """

    var modelPath: String?
    var outputDirectory: String?
    var inputsPath: String?
    var vectorCount: Int
    var seed: UInt64
    var folding: FoldingRequest

    init(arguments: inout ArgumentList) throws {
        outputDirectory = try arguments.path("-o", "--output")
        inputsPath = try arguments.path("--inputs")
        let vectors = try arguments.integer("--vectors", in: 1...100_000)
        if inputsPath != nil && vectors != nil { throw UsageError("rtl: give --inputs or --vectors, not both") }
        vectorCount = vectors ?? 16
        seed = UInt64(try arguments.integer("--seed", in: 0...Int(Int32.max)) ?? 1)
        let engineName = try arguments.option("--engine") ?? "dense"
        guard let engine = EngineChoice(rawValue: engineName) else {
            throw UsageError("rtl: --engine takes dense, sparse, auto or hardwired, got '\(engineName)'")
        }
        var request = FoldingRequest(multipliers: try arguments.integer("--multipliers", in: 1...1_000_000) ?? FoldingRequest.defaultMultipliers)
        request.engine = engine
        request.index = try IndexArgument.parse(&arguments, command: "rtl")
        if let folds = try arguments.option("--fold") {
            guard engine != .sparse else {
                throw UsageError("rtl: --fold sets dense-engine layers, but --engine sparse builds every layer as a sparse engine (sized by the solver from --multipliers)")
            }
            request.perLayer = try Self.parseFolds(folds)
        }
        if let layers = try arguments.option("--hardwired") {
            let names = layers.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard !names.contains("") else { throw UsageError("rtl: --hardwired takes layer names separated by commas, got '\(layers)'") }
            request.hardwiredLayers = Set(names)
            guard request.hardwiredLayers.count == names.count else {
                throw UsageError("rtl: --hardwired names a layer more than once ('\(layers)')")
            }
        }
        request.adderLevelsPerStage = try arguments.integer("--adder-levels", in: 1...64) ?? HardwiredEngine.defaultLevelsPerStage
        request.inputLanes = try arguments.integer("--in-lanes", in: 1...1_000_000)
        request.outputLanes = try arguments.integer("--out-lanes", in: 1...1_000_000)
        folding = request
        modelPath = try arguments.positionals(max: 1).first
    }

    static func parseFolds(_ text: String) throws(UsageError) -> [String: Fold] {
        var result: [String: Fold] = [:]
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let parts = item.split(separator: "=", maxSplits: 1)
            let numbers = parts.count == 2 ? parts[1].lowercased().split(separator: "x") : []
            let values = numbers.compactMap { Int($0) }.filter { (1...1_000_000).contains($0) }
            guard parts.count == 2, (2...3).contains(numbers.count), values.count == numbers.count else {
                throw UsageError("rtl: --fold takes LAYER=PExSIMD or LAYER=PExSIMDxCOPIES items separated by commas (e.g. fc1=4x8,conv1=2x1x16), got '\(item)'")
            }
            let layer = String(parts[0])
            guard result[layer] == nil else { throw UsageError("rtl: --fold names layer '\(layer)' more than once") }
            result[layer] = Fold(pe: values[0], simd: values[1], copies: values.count == 3 ? values[2] : 1)
        }
        return result
    }

    func run() throws -> Int32 {
        let started = Date()
        // The output folder and the inputs are checked before any heavy work.
        if let outputDirectory { try DesignFolder.checkTarget(outputDirectory) }
        let source = try ModelSource(path: modelPath)
        try source.check(.hardware)
        let model = source.model
        let directory = outputDirectory ?? Self.defaultDirectory(for: model.name)
        try DesignFolder.checkTarget(directory)
        let givenInputs = try inputsPath.map { path throws(ModelFormatError) in try readInputs(path: path, for: model) }
        let plan: HardwarePlan
        do {
            plan = try HardwarePlan(model: model, folding: folding)
        } catch {
            throw error.inFile(source.displayName)
        }
        Console.line("dnngen rtl: \(PrintableText.escaped(source.displayName)) (\(PrintableText.escaped(model.name))): plan")
        Console.line(plan.planTable())

        let vectors: TestVectors
        if let givenInputs {
            vectors = TestVectors.given(givenInputs, for: model)
        } else {
            vectors = TestVectors.random(for: model, count: vectorCount, seed: seed)
        }
        let context = GenerationContext(command: Self.headerCommand(), modelBytes: source.bytes)
        // Every engine's cycles are data-independent: the plan's figures are the prediction.
        let stageCycles: [[Int]] = []
        let design = DesignWriter(plan: plan, vectors: vectors, context: context, seed: seed, stageCycles: stageCycles).design()
        try DesignFolder.write(design, to: directory)
        let elapsed = Date().timeIntervalSince(started)
        Console.line("wrote \(PrintableText.escaped(directory))/ (\(design.files.count) files, top module \(design.topModule), \(vectors.inputs.count) test vectors) in \(String(format: "%.2f", elapsed)) s")
        Console.line("next: dnngen sim \(PrintableText.escaped(directory))")
        return 0
    }

    static func defaultDirectory(for modelName: String) -> String {
        let safe = String(modelName.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" })
        // A long name is cut (deterministically), so the folder name stays a legal file name.
        return (safe.isEmpty ? "model" : String(safe.prefix(64))) + "-rtl"
    }

    /// The command for generated headers: without the output folder (so the same model gives the
    /// same bytes wherever it is written) and with paths reduced to file names.
    static func headerCommand() -> String {
        var words: [String] = []
        var skipNext = false
        for word in CommandLine.arguments.dropFirst() {
            if skipNext { skipNext = false; continue }
            if word == "-o" || word == "--output" { skipNext = true; continue }
            if word.hasPrefix("--output=") { continue }
            words.append(word.contains("/") ? (word as NSString).lastPathComponent : word)
        }
        return (["dnngen"] + words).joined(separator: " ")
    }
}
