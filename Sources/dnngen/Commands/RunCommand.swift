import DNNGen

/// `dnngen run [MODEL] --inputs X.npy [--output Y.npy]`: the bit-exact reference.
struct RunCommand: Command {
    static let name = "run"
    static let abstract = "Run the bit-exact integer reference on inputs from a .npy file."
    static let help = """
    USAGE: dnngen run [MODEL] --inputs X.npy [--output Y.npy]

    Runs the golden integer model (docs/model-format.md §2, to the bit).

    OPTIONS:
      --inputs X.npy   integer array [N, *input shape] (or one sample of the input shape);
                       a value outside the input type's range is an error
      --output Y.npy   write the outputs as int32 [N, *output shape]; without it they are
                       printed, one sample a line

    """

    var modelPath: String?
    var inputsPath: String
    var outputPath: String?

    init(arguments: inout ArgumentList) throws {
        guard let inputs = try arguments.path("--inputs") else {
            throw UsageError("run: --inputs X.npy is required")
        }
        inputsPath = inputs
        outputPath = try arguments.path("--output", "-o")
        modelPath = try arguments.positionals(max: 1).first
    }

    func run() throws -> Int32 {
        if let outputPath { try FormatIO.checkOutputFile(outputPath) }
        let source = try ModelSource(path: modelPath)
        try source.check(.reference)
        let inputs = try readInputs(path: inputsPath, for: source.model)
        let outputs = ReferenceModel(source.model).inferBatch(inputs)
        if let outputPath {
            let shape = try source.model.outputInfo().shape
            try writeOutputs(outputs, shape: shape, to: outputPath)
        } else {
            for output in outputs { Console.line(output.map(String.init).joined(separator: " ")) }
        }
        return 0
    }
}
