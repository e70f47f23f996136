import DNNGen

/// `dnngen inspect [MODEL]`: one row per layer with shapes, weights, pruning structure, MACs, storage.
struct InspectCommand: Command {
    static let name = "inspect"
    static let abstract = "Show a model's layers, pruning structure, MACs and storage."
    static let help = """
    USAGE: dnngen inspect [MODEL] [--pe P] [--index-bits B]

    Reads and validates MODEL (default: the built-in example) and prints one row per layer:
    op, input and output shapes, weight bits and kind, parameters, non-zeros, the pruning
    structure found in the zeros (pruned rows/filters, columns/channels, filter-shape positions,
    irregular zeros), MACs dense and effective, and weight storage in bits.

    Then, for models the RTL backend builds, weight storage in both engines: the dense engine's
    compacted matrix against the sparse engine's values, relative indices, column pointers and
    padding entries, and the log2 C(n, nnz) floor for locating the non-zeros.

    OPTIONS:
      --pe P           PEs of the sparse engine (default \(SparseDefaults.pes))
      --index-bits B   bits of its relative row index (default \(SparseDefaults.indexBits))

    """

    var modelPath: String?
    var pes: Int
    var indexBits: Int

    init(arguments: inout ArgumentList) throws {
        pes = try arguments.integer("--pe", in: 1...4096) ?? SparseDefaults.pes
        indexBits = try arguments.integer("--index-bits", in: 1...16) ?? SparseDefaults.indexBits
        modelPath = try arguments.positionals(max: 1).first
    }

    func run() throws -> Int32 {
        let source = try ModelSource(path: modelPath)
        Console.write(InspectReport.text(for: source.model, file: source.displayName))
        // The storage table needs the planner's per-element tables: only for models it can build.
        do {
            try source.check(.hardware)
            if let network = try? CompactedNetwork(model: source.model) {
                Console.write("\n" + network.storageTable(pes: pes, indexBits: indexBits))
            }
        } catch {
            Console.write("\nweight storage per engine: not shown (\(error.userMessage))\n")
        }
        return 0
    }
}
