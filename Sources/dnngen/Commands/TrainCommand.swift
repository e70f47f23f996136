import DNNGen
import Foundation

/// `dnngen train --arch A --data DIR -o float.bin [...]`: trains a float model on IDX images.
struct TrainCommand: Command {
    static let name = "train"
    static let abstract = "Train a float network (LeNet-5, LeNet-300-100, an MLP) on IDX images."
    static let help = """
    USAGE: dnngen train --arch ARCH [--data DIR] -o FLOAT.bin [options]

    Trains a float classifier with softmax cross-entropy on mini-batches, each batch split over
    the cores; the same seed gives the same weights bit for bit. Prints one line per epoch (loss,
    train and test accuracy, images/s) and writes a float model (docs/float-model-format.md)
    whose input scale is 1/255: the network sees raw pixels x 1/255.

    OPTIONS:
      --arch ARCH         lenet5 (conv 6@5x5, pool, conv 16@5x5, pool, dense 120-84-10),
                          lenet300 (dense 784-300-100-10) or mlp:784-N-...-10
      --data DIR          folder of {train,t10k}-{images-idx3,labels-idx1}-ubyte[.gz]
                          (default \(Dataset.defaultFolder))
      -o, --output FILE   where to write the float model
      --epochs N          passes over the training images (default 10)
      --batch B           images per step (default 128)
      --optimizer O       adam (default) or sgd (momentum 0.9)
      --lr X              peak learning rate, cosine-decayed to 0 (default 0.002 adam, 0.05 sgd)
      --weight-decay X    L2 penalty on weights (default 0.0001)
      --seed S            seeds the initial weights and the batch order (default 0)
      --limit N           only the first N training and N test images
      --init FLOAT.bin    start from this float model instead of fresh weights (fine-tuning;
                          --arch is then not needed)
      --fake-quant K:B    quantization-aware training: the passes see weights quantized to kind
                          K (int, binary, ternary, pow2) at B bits, as 'dnngen quantize' will;
                          with --per-channel, one scale per output channel
      --per-channel       (with --fake-quant) per-channel weight scales

    """

    var architecture: NetworkArchitecture?
    var initPath: String?
    var dataFolder: String
    var outputPath: String
    var options = TrainingOptions()
    var limit: Int?

    init(arguments: inout ArgumentList) throws {
        if let text = try arguments.option("--arch") {
            do {
                architecture = try NetworkArchitecture(parsing: text)
            } catch {
                throw UsageError("train: --arch: \(error.message)")
            }
        }
        initPath = try arguments.path("--init")
        dataFolder = try arguments.dataFolder()
        outputPath = try arguments.outputFile(example: "-o float.bin")
        options.epochs = try arguments.integer("--epochs", in: 0...10_000) ?? options.epochs
        options.batchSize = try arguments.integer("--batch", in: 1...65_536) ?? options.batchSize
        if let text = try arguments.option("--optimizer") {
            guard let kind = OptimizerKind(rawValue: text) else {
                throw UsageError("train: --optimizer takes adam or sgd, got '\(text)'")
            }
            options.optimizer = kind
        }
        options.learningRate = try Self.positiveNumber(&arguments, "--lr")
        if let decay = try arguments.option("--weight-decay") {
            guard let value = Double(decay), value >= 0, value.isFinite else {
                throw UsageError("train: --weight-decay takes a number >= 0, got '\(decay)'")
            }
            options.weightDecay = value
        }
        if let seed = try arguments.option("--seed") {
            guard let value = UInt64(seed) else {
                throw UsageError("train: --seed takes a whole number from 0 to \(UInt64.max), got '\(seed)'")
            }
            options.seed = value
        }
        limit = try arguments.imageLimit()
        let perChannel = try arguments.flag("--per-channel")
        if let text = try arguments.option("--fake-quant") {
            let parts = text.split(separator: ":").map(String.init)
            guard parts.count == 2, let kind = WeightKind(rawValue: parts[0]), let bits = Int(parts[1]) else {
                throw UsageError("train: --fake-quant takes KIND:BITS, e.g. int:4 or binary:1, got '\(text)'")
            }
            do {
                options.fakeQuantization = try WeightQuantizer(kind: kind, bits: bits, perChannel: perChannel)
            } catch {
                throw UsageError("train: --fake-quant: \(error.message)")
            }
        } else if perChannel {
            throw UsageError("train: --per-channel only goes with --fake-quant")
        }
        _ = try arguments.positionals(max: 0)
        guard (architecture == nil) != (initPath == nil) else {
            throw UsageError("train: give exactly one of --arch (fresh weights) and --init FLOAT.bin (fine-tuning)")
        }
    }

    private static func positiveNumber(_ arguments: inout ArgumentList, _ name: String) throws -> Double? {
        guard let text = try arguments.option(name) else { return nil }
        guard let value = Double(text), value > 0, value.isFinite else {
            throw UsageError("train: \(name) takes a positive number, got '\(text)'")
        }
        return value
    }

    func run() throws -> Int32 {
        try FormatIO.checkOutputFile(outputPath)
        let (trainData, testData) = try Dataset.splits(folder: dataFolder, limit: limit)
        let model: FloatModel
        if let initPath {
            model = try FloatModelFile.read(path: initPath)
        } else {
            model = architecture!.initialModel(seed: options.seed)
        }
        var trainer: Trainer
        do {
            trainer = try Trainer(model: model, options: options)
        } catch {
            throw UsageError("train: \(error.message)")
        }
        var recipe = "\(options.optimizer.rawValue) lr \(options.peakLearningRate)"
        recipe += options.cosineSchedule ? " (cosine)" : ""
        recipe += ", batch \(options.batchSize), \(options.epochs) epochs, seed \(options.seed)"
        if let quantizer = options.fakeQuantization {
            recipe += ", fake-quantized weights \(quantizer.kind.rawValue):\(quantizer.bits)\(quantizer.perChannel ? " per channel" : "")"
        }
        let source = initPath.map { "from \($0)" } ?? "fresh"
        Console.line("train: \(model.name) (\(source), \(trainer.network.parameterCount) parameters) on \(trainData.count) train / \(testData.count) test images of \(dataFolder)")
        Console.line("  \(recipe), \(ProcessInfo.processInfo.activeProcessorCount) cores")
        let started = Date()
        do {
            try trainer.train(on: trainData, test: testData) { report in Console.line("  " + report.line) }
        } catch {
            throw UsageError("train: \(error.message)")
        }
        try FloatModelFile.write(trainer.model, to: outputPath)
        Console.line(String(format: "wrote %@ (%.0f s in all)", outputPath, Date().timeIntervalSince(started)))
        return 0
    }
}
