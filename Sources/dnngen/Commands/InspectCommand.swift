import DNNGen

/// `dnngen inspect [MODEL]`: one row per layer with shapes, weights, pruning structure, MACs, storage.
struct InspectCommand: Command {
    static let name = "inspect"
    static let abstract = "Show a model's layers, pruning structure, MACs and storage."
    static let help = """
    USAGE: dnngen inspect [MODEL] [--index F]

    Reads and validates MODEL (default: the built-in example) and prints one row per layer:
    op, input and output shapes, weight bits and kind, parameters, non-zeros, the pruning
    structure found in the zeros (pruned rows/filters, columns/channels, filter-shape positions,
    irregular zeros), MACs dense and effective, and weight storage in bits.

    Then, for models the RTL backend builds, weight storage in both engines: the dense engine's
    compacted matrix against the sparse lane engine's code streams (format per layer; values,
    positions, escapes and fill, group constants) and values + log2 C(n, nnz), the floor.

    OPTIONS:
      \(IndexArgument.help)

    """

    var modelPath: String?
    var index: SparseIndexRequest

    init(arguments: inout ArgumentList) throws {
        index = try IndexArgument.parse(&arguments, command: "inspect")
        modelPath = try arguments.positionals(max: 1).first
    }

    func run() throws -> Int32 {
        let source = try ModelSource(path: modelPath)
        Console.write(InspectReport.text(for: source.model, file: source.displayName))
        // The storage table needs the planner's per-element tables: only for models it can build.
        do {
            try source.check(.hardware)
        } catch {
            Console.write("\nweight storage per engine: not shown (\(error.userMessage))\n")
            return 0
        }
        // An --index that cannot encode a layer is bad input (exit 2), not a missing table.
        if let network = try? CompactedNetwork(model: source.model) {
            Console.write("\n" + (try network.storageTable(index: index)))
        }
        return 0
    }
}
