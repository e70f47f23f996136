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
      --weight-bits B       weight bits: int 2..16, binary 1, ternary 2, pow2 2..\(WeightQuantizer.maximumPow2Bits)
                            (default 1 for binary, 2 for ternary; required otherwise)
      --weight-kind K       int (default), binary (-1/+1), ternary (-1/0/+1), pow2 (0, +-2^k)
      --per-channel         one weight scale, multiplier and shift per output channel
                            (default: one per layer)
      --act-bits A          hidden activation bits, 1..16 (default 8)
      --output-bits O       bits of the last layer's signed output, 2..16 (default 16)
      --calibration N       calibrate on the first N training images (default 5000)
      --percentile P        hidden ranges cover this percentile of |activation| (default 100,
                            the maximum; e.g. 99.99 clips outliers)
      --multiplier-bits M   requantization multipliers below 2^M, 1..31 (default 16)
      --limit N             measure accuracy on the first N test images only
      -o, --output FILE     where to write model.bin

    """

    var floatPath: String
    var dataFolder: String
    var outputPath: String
    var options: QuantizationOptions
    var limit: Int?

    init(arguments: inout ArgumentList) throws {
        dataFolder = try arguments.option("--data") ?? Dataset.defaultFolder
        guard let output = try arguments.option("-o", "--output") else {
            throw UsageError("quantize: give the output file, e.g. -o model.bin")
        }
        outputPath = output
        let kindName = try arguments.option("--weight-kind") ?? WeightKind.int.rawValue
        guard let kind = WeightKind(rawValue: kindName) else {
            throw UsageError("quantize: --weight-kind takes int, binary, ternary or pow2, got '\(kindName)'")
        }
        let bits: Int
        if let given = try arguments.integer("--weight-bits", in: 1...16) {
            bits = given
        } else if kind.allowedBits.count == 1 {
            bits = kind.allowedBits.lowerBound
        } else {
            throw UsageError("quantize: give --weight-bits (\(kind.rawValue) weights take \(kind.allowedBits.lowerBound) to \(kind.allowedBits.upperBound))")
        }
        let perChannel = arguments.flag("--per-channel")
        do {
            options = QuantizationOptions(weights: try WeightQuantizer(kind: kind, bits: bits, perChannel: perChannel))
        } catch {
            throw UsageError("quantize: \(error.message)")
        }
        options.activationBits = try arguments.integer("--act-bits", in: 1...16) ?? options.activationBits
        options.outputBits = try arguments.integer("--output-bits", in: 2...16) ?? options.outputBits
        options.calibrationImages = try arguments.integer("--calibration", in: 1...Int(Int32.max)) ?? options.calibrationImages
        options.multiplierBits = try arguments.integer("--multiplier-bits", in: 1...31) ?? options.multiplierBits
        if let text = try arguments.option("--percentile") {
            guard let value = Double(text), value > 0, value <= 100 else {
                throw UsageError("quantize: --percentile takes a number above 0 and at most 100, got '\(text)'")
            }
            options.percentile = value
        }
        limit = try arguments.integer("--limit", in: 1...Int(Int32.max))
        guard let path = try arguments.positionals(max: 1).first else {
            throw UsageError("quantize: give the float model, e.g. dnngen quantize float.bin --weight-bits 4 -o model.bin")
        }
        floatPath = path
    }

    func run() throws -> Int32 {
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
