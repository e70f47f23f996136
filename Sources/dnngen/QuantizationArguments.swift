import DNNGen

/// The quantization options `quantize` and `compress` share: weight kind and bits, per-channel
/// scales, activation and output bits, calibration, percentile, multiplier bits.
enum QuantizationArguments {
    /// Help lines for the options, aligned as the commands' help is.
    static let help = """
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
    """

    /// Reads the options; `command` prefixes every message.
    static func parse(_ arguments: inout ArgumentList, command: String) throws -> QuantizationOptions {
        let kindName = try arguments.option("--weight-kind") ?? WeightKind.int.rawValue
        guard let kind = WeightKind(rawValue: kindName) else {
            throw UsageError("\(command): --weight-kind takes int, binary, ternary or pow2, got '\(kindName)'")
        }
        let bits: Int
        if let given = try arguments.integer("--weight-bits", in: 1...16) {
            bits = given
        } else if kind.allowedBits.count == 1 {
            bits = kind.allowedBits.lowerBound
        } else {
            throw UsageError("\(command): give --weight-bits (\(kind.rawValue) weights take \(kind.allowedBits.lowerBound) to \(kind.allowedBits.upperBound))")
        }
        let perChannel = try arguments.flag("--per-channel")
        var options: QuantizationOptions
        do {
            options = QuantizationOptions(weights: try WeightQuantizer(kind: kind, bits: bits, perChannel: perChannel))
        } catch {
            throw UsageError("\(command): \(error.message)")
        }
        options.activationBits = try arguments.integer("--act-bits", in: 1...16) ?? options.activationBits
        options.outputBits = try arguments.integer("--output-bits", in: 2...16) ?? options.outputBits
        options.calibrationImages = try arguments.integer("--calibration", in: 1...Int(Int32.max)) ?? options.calibrationImages
        options.multiplierBits = try arguments.integer("--multiplier-bits", in: 1...31) ?? options.multiplierBits
        if let text = try arguments.option("--percentile") {
            guard let value = Double(text), value > 0, value <= 100 else {
                throw UsageError("\(command): --percentile takes a number above 0 and at most 100, got '\(text)'")
            }
            options.percentile = value
        }
        return options
    }
}

extension Dataset {
    /// The training and test splits of `folder`, each cut to its first `limit` images if given.
    static func splits(folder: String, limit: Int?) throws -> (train: Dataset, test: Dataset) {
        var train = try Dataset.load(folder: folder, split: .train)
        var test = try Dataset.load(folder: folder, split: .test)
        if let limit {
            train = train.prefix(limit)
            test = test.prefix(limit)
        }
        return (train, test)
    }
}
