import DNNGen

/// `dnngen inspect [MODEL]`: one row per layer with shapes, weights, pruning structure, MACs, storage.
struct InspectCommand: Command {
    static let name = "inspect"
    static let abstract = "Show a model's layers, pruning structure, MACs and storage."
    static let help = """
    USAGE: dnngen inspect [MODEL]

    Reads and validates MODEL (default: the built-in example) and prints one row per layer:
    op, input and output shapes, weight bits and kind, parameters, non-zeros, the pruning
    structure found in the zeros (pruned rows/filters, columns/channels, filter-shape positions,
    irregular zeros), MACs dense and effective, and weight storage in bits.

    """

    var modelPath: String?

    init(arguments: inout ArgumentList) throws {
        modelPath = try arguments.positionals(max: 1).first
    }

    func run() throws -> Int32 {
        let source = try ModelSource(path: modelPath)
        Console.write(InspectReport.text(for: source.model, file: source.displayName))
        return 0
    }
}
