import DNNGen
import Foundation

/// `dnngen quantize FLOAT.bin --weight-bits B --act-bits A -o model.bin`: float model to model.bin.
struct QuantizeCommand: Command {
    static let name = "quantize"
    static let abstract = "Quantize a float model to model.bin, calibrated on IDX images; float vs integer accuracy."
    static let help = """
    USAGE: dnngen quantize FLOAT.bin [--data DIR] --weight-bits B [--act-bits A] [--per-channel]
                           [--weight-kind int|binary|ternary|pow2] -o MODEL.bin [options]

    Quantizes a float model (docs/float-model-format.md) symmetrically: weights to B-bit levels
    of the kind, with least-squares scales; hidden activations to A bits (unsigned after a ReLU),
    their ranges calibrated on training images with the quantized weights; the last layer to
    signed --output-bits. The integer model takes the raw 8-bit pixel: the float model's input
    scale is folded into the first layer. Biases become I32 at the accumulator's scale, and each
    layer (or channel) gets a requantization multiplier and shift from its scale ratio. Then
    prints the test accuracy of the float model and of the integer model (bit-exact reference).

    OPTIONS:
      --data DIR            folder of the IDX files (default \(Dataset.defaultFolder))
    \(QuantizationArguments.help)
      --limit N             measure accuracy on the first N test images only
      -o, --output FILE     where to write model.bin

    """

    var floatPath: String
    var dataFolder: String
    var outputPath: String
    var options: QuantizationOptions
    var limit: Int?

    init(arguments: inout ArgumentList) throws {
        dataFolder = try arguments.dataFolder()
        outputPath = try arguments.outputFile(example: "-o model.bin")
        options = try QuantizationArguments.parse(&arguments, command: "quantize")
        limit = try arguments.imageLimit()
        guard let path = try arguments.positionals(max: 1).first else {
            throw UsageError("quantize: give the float model, e.g. dnngen quantize float.bin --weight-bits 4 -o model.bin")
        }
        floatPath = path
    }

    func run() throws -> Int32 {
        try FormatIO.checkOutputFile(outputPath)
        let floatModel = try FloatModelFile.read(path: floatPath)
        let trainData = try Dataset.load(folder: dataFolder, split: .train)
        var testData = try Dataset.load(folder: dataFolder, split: .test)
        if let limit { testData = testData.prefix(limit) }
        let weights = options.weights
        Console.line("quantize: \(floatPath) (\(floatModel.name)) to \(weights.kind.rawValue)\(weights.bits) weights"
            + "\(weights.perChannel ? " per channel" : " per layer"), u\(options.activationBits) activations, "
            + "s\(options.outputBits) output; calibrated on \(Swift.min(options.calibrationImages, trainData.count)) training images"
            + (options.percentile < 100 ? " (percentile \(options.percentile))" : " (maximum)"))
        let result: Quantizer.Result
        do {
            result = try Quantizer.quantize(floatModel, calibration: trainData, options: options)
        } catch {
            throw error.inFile(floatPath)
        }
        for layer in result.layers { Console.line("  " + layer.line) }
        try ModelFile.write(result.model, to: outputPath)
        Console.line("wrote \(outputPath)")

        let floatAccuracy = try TopOneAccuracy.evaluate(floatModel, on: testData, file: floatPath)
        let fakeAccuracy = try TopOneAccuracy.evaluate(result.fakeQuantized, on: testData, file: floatPath)
        let started = Date()
        let integerAccuracy = try TopOneAccuracy.evaluate(result.model, on: testData, file: outputPath)
        let seconds = Date().timeIntervalSince(started)
        let points = 100 * (integerAccuracy.fraction - floatAccuracy.fraction)
        Console.line("test accuracy on \(testData.count) images: float \(floatAccuracy.percentText), "
            + "float with quantized weights \(fakeAccuracy.percentText), "
            + "integer \(integerAccuracy.percentText) (" + String(format: "%+.2f", points) + " points; "
            + String(format: "reference %.0f images/s)", Double(testData.count) / Swift.max(seconds, 1e-9)))
        return 0
    }
}
