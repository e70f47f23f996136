import DNNGen
import Foundation

/// `dnngen eval MODEL [--data DIR] [--split S] [--limit N]`: top-1 accuracy on an IDX data set.
struct EvalCommand: Command {
    static let name = "eval"
    static let abstract = "Top-1 accuracy of a model (integer reference or float) on IDX images."
    static let help = """
    USAGE: dnngen eval MODEL [--data DIR] [--split t10k|train] [--limit N]

    Classifies the images of an IDX data set (MNIST format, plain or gzip'd) and prints the top-1
    accuracy: the predicted class is the index of the largest output (the first, on a tie).
    MODEL is a model.bin, run with the bit-exact integer reference on the raw 8-bit pixels, or a
    float model (docs/float-model-format.md), run in Float on pixel x its input scale.

    OPTIONS:
      --data DIR       folder of <split>-images-idx3-ubyte[.gz] and <split>-labels-idx1-ubyte[.gz]
                       (default \(Dataset.defaultFolder), Debian's dataset-fashion-mnist)
      --split S        t10k (the test set, default) or train
      --limit N        only the first N images

    """

    var modelPath: String
    var dataFolder: String
    var split: Dataset.Split
    var limit: Int?

    init(arguments: inout ArgumentList) throws {
        dataFolder = try arguments.dataFolder()
        let splitName = try arguments.option("--split") ?? Dataset.Split.test.rawValue
        guard let split = Dataset.Split(rawValue: splitName) else {
            throw UsageError("eval: --split takes t10k or train, got '\(splitName)'")
        }
        self.split = split
        limit = try arguments.imageLimit()
        guard let path = try arguments.positionals(max: 1).first else {
            throw UsageError("eval: give the model, e.g. dnngen eval examples/lenet5.bin")
        }
        modelPath = path
    }

    /// The two kinds of model eval runs.
    private enum Classifier {
        case integer(Model)
        case float(FloatModel)
    }

    func run() throws -> Int32 {
        // The model first, so that a bad model is reported before the data is read.
        let classifier = try readModel()
        var data = try Dataset.load(folder: dataFolder, split: split)
        if let limit { data = data.prefix(limit) }
        let kind: String
        switch classifier {
        case .integer: kind = "integer reference"
        case .float: kind = "float model"
        }
        Console.line("eval: \(modelPath) (\(kind)) on \(data.count) \(split.rawValue) images of \(dataFolder)")

        let interactive = isatty(STDOUT_FILENO) != 0
        let started = Date()
        let progress = { (sofar: TopOneAccuracy) in
            let line = "  \(sofar.total)/\(data.count) images, \(sofar.percentText) so far"
            if interactive { Console.write("\r" + line) } else { Console.line(line) }
        }
        let accuracy: TopOneAccuracy
        switch classifier {
        case .integer(let model):
            accuracy = try TopOneAccuracy.evaluate(model, on: data, file: modelPath, progress: progress)
        case .float(let model):
            accuracy = try TopOneAccuracy.evaluate(model, on: data, file: modelPath, progress: progress)
        }
        if interactive { Console.write("\n") }
        let seconds = Date().timeIntervalSince(started)
        let rate = seconds > 0 ? String(format: ", %.0f images/s", Double(accuracy.total) / seconds) : ""
        Console.line("top-1 accuracy \(accuracy.percentText) (\(accuracy.correct)/\(accuracy.total))\(rate)")
        return 0
    }

    /// A float model if the file says so, else a model.bin (whose reader explains what is wrong).
    private func readModel() throws -> Classifier {
        let bytes = try FormatIO.readBytes(path: modelPath)
        if FloatModelFile.isFloatModel(bytes) {
            return .float(try FloatModelFile.decode(bytes, file: modelPath))
        }
        let source = try ModelSource(path: modelPath)
        try source.check(.reference)
        return .integer(source.model)
    }
}
