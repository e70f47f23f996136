import DNNGen
import Foundation

/// `dnngen compress FLOAT.bin --prune KIND:RATE --weight-bits B -o model.bin`: ADMM-NN-S.
struct CompressCommand: Command {
    static let name = "compress"
    static let abstract = "Prune (ADMM, irregular or structured) and quantize a float model into model.bin."
    static let help = """
    USAGE: dnngen compress FLOAT.bin --prune KIND:RATE --weight-bits B [--data DIR] -o MODEL.bin [options]

    Joint pruning and quantization with ADMM (ADMM-NN-S): ADMM pulls the weights into the
    sparsity set (at most k weights, filters, channels or columns per layer), then the mask is
    fixed and the network retrained; ADMM then pulls the kept weights onto the quantization
    levels, and masked quantization-aware training finishes. The result is quantized as
    'dnngen quantize' does it and written as model.bin. Prints one line per epoch (loss,
    accuracy, sparsity, ADMM residual) and a per-layer compression table: weights before and
    after, and bits before (float32) and after (the dense engine's compacted matrix, and the
    sparse engine's values + indices + pointers).

    PRUNING:
      --prune KIND:SPEC     KIND: irregular (single weights), filter (neurons/filters),
                            channel (input channels/columns), shape (filter-shape columns).
                            SPEC: a global RATE, LAYER=RATE items, or both, comma-separated:
                              irregular:10x             keep 1 in 10 weights overall
                              filter:0.6                prune 60% of the filters overall
                              irregular:conv1=0.2,fc1=0.95,0.9
                            RATE: a pruned fraction in [0, 1) or a compression rate Nx.
                            A global rate is split over the layers without their own by the
                            square-root rule (a layer of n weights keeps c*sqrt(n), at most n).
                            The last layer keeps its filters; a first conv keeps its channels.
      --method M            admm (default) or magnitude (one-shot magnitude pruning of the
                            starting weights, then the same retraining: the baseline)

    QUANTIZATION (as dnngen quantize; binary weights have no zero, so cannot be pruned):
    \(QuantizationArguments.help)

    SCHEDULE:
      --admm-epochs N       ADMM pruning epochs (default 10)
      --retrain-epochs N    masked retraining epochs (default 10)
      --quant-admm-epochs N ADMM quantization epochs (default 2)
      --qat-epochs N        masked quantization-aware epochs (default 6)
      --rho X               ADMM penalty in the first epoch of each ADMM phase (default 0.02)
      --rho-growth X        factor on rho after every epoch (default 1.6)
      --lr X                peak learning rate, cosine-decayed in each phase (default 0.001
                            with adam, 0.05 with sgd; quantization-aware epochs use a fifth)
      --optimizer O         adam (default) or sgd (momentum 0.9)
      --batch B             images per step (default 128); --seed S batch order (default 0)

    DATA AND OUTPUT:
      --data DIR            folder of the IDX files (default \(Dataset.defaultFolder))
      --limit N             only the first N training and N test images
      -o, --output FILE     where to write model.bin

    """

    var floatPath: String
    var request: PruningRequest
    var options: CompressionOptions
    var dataFolder: String
    var outputPath: String
    var limit: Int?

    init(arguments: inout ArgumentList) throws {
        dataFolder = try arguments.dataFolder()
        outputPath = try arguments.outputFile(example: "-o model.bin")
        guard let pruneText = try arguments.option("--prune") else {
            throw UsageError("compress: give what to prune, e.g. --prune irregular:10x or --prune filter:0.6")
        }
        do {
            request = try PruningRequest(parsing: pruneText)
        } catch {
            throw UsageError("compress: --prune: \(error.message)")
        }
        let quantization = try QuantizationArguments.parse(&arguments, command: "compress")
        if quantization.weights.kind == .binary {
            throw UsageError("compress: binary weights (-1/+1) have no zero, so they cannot be pruned; use int, ternary or pow2")
        }
        options = CompressionOptions(quantization: quantization)
        if let method = try arguments.option("--method") {
            guard let value = CompressionOptions.Method(rawValue: method) else {
                throw UsageError("compress: --method takes admm or magnitude, got '\(method)'")
            }
            options.method = value
        }
        options.admmEpochs = try arguments.integer("--admm-epochs", in: 0...1000) ?? options.admmEpochs
        options.retrainEpochs = try arguments.integer("--retrain-epochs", in: 0...1000) ?? options.retrainEpochs
        options.quantizationADMMEpochs = try arguments.integer("--quant-admm-epochs", in: 0...1000) ?? options.quantizationADMMEpochs
        options.quantizationEpochs = try arguments.integer("--qat-epochs", in: 0...1000) ?? options.quantizationEpochs
        options.initialRho = try Self.number(&arguments, "--rho", above: 0) ?? options.initialRho
        options.rhoGrowth = try Self.number(&arguments, "--rho-growth", above: 1, inclusive: true) ?? options.rhoGrowth
        options.training.learningRate = try Self.number(&arguments, "--lr", above: 0) ?? options.training.learningRate
        if let text = try arguments.option("--optimizer") {
            guard let kind = OptimizerKind(rawValue: text) else {
                throw UsageError("compress: --optimizer takes adam or sgd, got '\(text)'")
            }
            options.training.optimizer = kind
        }
        options.training.batchSize = try arguments.integer("--batch", in: 1...65_536) ?? options.training.batchSize
        if let seed = try arguments.option("--seed") {
            guard let value = UInt64(seed) else {
                throw UsageError("compress: --seed takes a whole number from 0 to \(UInt64.max), got '\(seed)'")
            }
            options.training.seed = value
        }
        limit = try arguments.imageLimit()
        guard let path = try arguments.positionals(max: 1).first else {
            throw UsageError("compress: give the float model, e.g. dnngen compress float.bin --prune irregular:10x --weight-bits 4 -o model.bin")
        }
        floatPath = path
    }

    private static func number(_ arguments: inout ArgumentList, _ name: String, above bound: Double,
                               inclusive: Bool = false) throws -> Double? {
        guard let text = try arguments.option(name) else { return nil }
        guard let value = Double(text), value.isFinite, inclusive ? value >= bound : value > bound else {
            throw UsageError("compress: \(name) takes a number \(inclusive ? "of at least" : "above") \(bound), got '\(text)'")
        }
        return value
    }

    func run() throws -> Int32 {
        try FormatIO.checkOutputFile(outputPath)
        let floatModel = try FloatModelFile.read(path: floatPath)
        let (trainData, testData) = try Dataset.splits(folder: dataFolder, limit: limit)
        let compressor: Compressor
        do {
            compressor = try Compressor(model: floatModel, request: request, options: options)
        } catch {
            throw UsageError("compress: \(floatPath): \(error.message)")
        }
        let weights = options.quantization.weights
        Console.line("compress: \(floatPath) (\(floatModel.name)), \(options.method.rawValue) \(request.kind.rawValue) pruning, "
            + "\(weights.kind.rawValue)\(weights.bits) weights\(weights.perChannel ? " per channel" : ""), "
            + "on \(trainData.count) train / \(testData.count) test images")
        let budgetText = compressor.budgets.map { "\($0.layer) \($0.kept)/\($0.units)" }.joined(separator: ", ")
        Console.line("  \(request.kind.unitName) kept: \(budgetText)")
        let result: CompressionResult
        do {
            result = try compressor.run(train: trainData, test: testData) { epoch in Console.line("  " + epoch.line) }
        } catch {
            throw UsageError("compress: \(floatPath): \(error.message)")
        }
        try ModelFile.write(result.model, to: outputPath)
        Console.line("wrote \(outputPath)")
        let report = CompressionReport(parent: floatModel, result: result, kind: request.kind)
        Console.write(report.text)
        Console.line(String(format: "compress: %.0f s in all", result.seconds))
        return 0
    }
}
