/// How `Quantizer` turns a float model into an integer one (the options of `dnngen quantize`).
public struct QuantizationOptions: Equatable, Sendable {
    /// Weight levels, bits and whether each output channel has its own scale (and then its own
    /// requantization multiplier and shift).
    public var weights: WeightQuantizer
    /// Bits of hidden activations: unsigned after a ReLU, signed otherwise.
    public var activationBits = 8
    /// Bits of the last layer's output (the logits), signed unless it has a ReLU.
    public var outputBits = 16
    /// Hidden activation ranges are this percentile of `|y|` over every value of every
    /// calibration image (zeros included); 100 is the maximum.
    public var percentile = 100.0
    /// How many training images (the first ones) calibrate activation ranges.
    public var calibrationImages = 5000
    /// Requantization multipliers stay below `2^multiplierBits`.
    public var multiplierBits = 16
    public var rounding = Rounding.halfUp

    public init(weights: WeightQuantizer) {
        self.weights = weights
    }
}
