import DNNGen
import Foundation

/// `dnngen compare MODEL [MODEL2 ...]`: the structured vs non-structured comparison on generated RTL.
struct CompareCommand: Command {
    static let name = "compare"
    static let abstract = "Compare engines and prunings on generated RTL: storage, cycles, area."
    static let help = """
    USAGE: dnngen compare [MODEL ...] [--engines dense,sparse,hardwired,natural] [--multipliers N] [--index F] [--json F] [--html F] [-o DIR]
                          [--no-sim] [--no-synth] [--vectors N]

    Builds each model with each engine that applies (by default the dense engine for a model
    whose zeros are mostly structured, the sparse engine for one whose zeros are mostly
    irregular), simulates every design with iverilog (cycles per inference, as dnngen sim
    measures them) and synthesizes it with Yosys synth_xilinx (LUT, FF, BRAM, DSP). Prints,
    per layer and in total: non-zeros, pruning rate, weight bits, storage split (values,
    indices, pointers, padding; from the ROM images) against the dense engine's compacted
    storage and the log2 C(n, nnz) floor, multipliers, cycles, area, throughput per LUT; and
    the break-even pruning rates at which the sparse model would match the dense one.
    Without MODEL, compares the built-in example with both engines.

    OPTIONS:
      --engines E,...   engines to build every model with: dense, sparse, hardwired (weights as
                        constant shift-and-add logic, one inference a clock), natural (the engine
                        that suits the model's pruning, as without --engines)
      --json F          write the comparison as JSON (schema: docs/compare-json.md)
      --html F          write a self-contained HTML report with SVG charts
      -o, --output DIR  where the designs go (default compare-out)
      --no-sim          skip simulation: cycles are the plan's predictions (marked so)
      --no-synth        skip synthesis: no area figures
      --multipliers N   multiplier budget of every design, whatever its engine (default \(FoldingRequest.defaultMultipliers))
      \(IndexArgument.help)
      --vectors N       test vectors per design (default 4)

    """

    var modelPaths: [String]
    var engines: [EngineChoice]?
    /// Engines built after the natural one when `--engines` names `natural` and others.
    var extraEngines: [EngineChoice] = []
    var jsonPath: String?
    var htmlPath: String?
    var outputDirectory: String
    var simulate: Bool
    var synthesize: Bool
    var folding: FoldingRequest
    var vectors: Int

    init(arguments: inout ArgumentList) throws {
        if let list = try arguments.option("--engines") {
            var parsed: [EngineChoice] = []
            var natural = false
            for name in list.split(separator: ",") {
                if name == "natural" { natural = true; continue }
                guard let engine = EngineChoice(rawValue: String(name)), engine != .auto else {
                    throw UsageError("compare: --engines takes dense, sparse, hardwired and/or natural, got '\(name)'")
                }
                parsed.append(engine)
            }
            if natural { extraEngines = parsed } else { engines = parsed }
        }
        jsonPath = try arguments.path("--json")
        htmlPath = try arguments.path("--html")
        outputDirectory = try arguments.path("-o", "--output") ?? "compare-out"
        simulate = !(try arguments.flag("--no-sim"))
        synthesize = !(try arguments.flag("--no-synth"))
        folding = FoldingRequest(multipliers: try arguments.integer("--multipliers", in: 1...1_000_000) ?? FoldingRequest.defaultMultipliers)
        folding.index = try IndexArgument.parse(&arguments, command: "compare")
        vectors = try arguments.integer("--vectors", in: 2...10_000) ?? 4
        modelPaths = try arguments.positionals(max: 64)
        if modelPaths.isEmpty && engines == nil && extraEngines.isEmpty { engines = [.dense, .sparse] }
    }

    func run() throws -> Int32 {
        // Where the results go is checked before any model is planned.
        for path in [jsonPath, htmlPath].compactMap({ $0 }) { try FormatIO.checkOutputFile(path) }
        try DesignFolder.checkWorkFolder(outputDirectory)
        let sources = try (modelPaths.isEmpty ? [nil] : modelPaths.map { Optional($0) }).map { path throws -> ModelSource in
            let source = try ModelSource(path: path)
            try source.check(.hardware)
            return source
        }
        var runner = ComparisonRunner(
            folding: folding, engines: engines, vectors: vectors, simulate: simulate, synthesize: synthesize,
            workFolder: outputDirectory,
            progress: { FileHandle.standardError.write(Data(($0 + "\n").utf8)) })
        runner.extraEngines = extraEngines
        let inputs = sources.map { ComparisonRunner.Input(model: $0.model, bytes: $0.bytes, file: $0.displayName) }
        try runner.checkDesignFolders(inputs)
        let comparison = try runner.run(inputs)
        Console.write(comparison.text())
        if let jsonPath {
            try write(comparison.json().serialized(pretty: true) + "\n", to: jsonPath)
            Console.line("wrote \(jsonPath)")
        }
        if let htmlPath {
            try write(comparison.html(), to: htmlPath)
            Console.line("wrote \(htmlPath)")
        }
        return 0
    }

    private func write(_ text: String, to path: String) throws {
        try FormatIO.checkOutputFile(path)
        do {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw FileError.cannotWrite(path, error)
        }
    }
}
