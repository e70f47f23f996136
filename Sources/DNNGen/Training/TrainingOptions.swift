/// How `Trainer` trains: the recipe of `dnngen train`.
public struct TrainingOptions: Equatable, Sendable {
    public var epochs = 10
    public var batchSize = 128
    public var optimizer = OptimizerKind.adam
    /// The peak learning rate; nil for the optimizer's default.
    public var learningRate: Double?
    /// Heavy-ball momentum of `sgd`.
    public var momentum = 0.9
    /// L2 penalty on weights (not biases), added to their gradient.
    public var weightDecay = 1e-4
    /// Cosine decay of the learning rate from its peak to 0 over all steps; else constant.
    public var cosineSchedule = true
    /// Seeds the batch order (the initial weights come from the architecture's own seed).
    public var seed: UInt64 = 0
    /// Parts each batch is split into for the cores. Results depend on it (the order of float
    /// sums), not on how many cores there are.
    public var shardCount = 8
    /// Quantization-aware training: forward and backward passes see the weights as this
    /// quantizer leaves them, and their gradients update the float weights (straight through).
    public var fakeQuantization: WeightQuantizer?

    public init() {}

    /// The learning rate in effect: `learningRate`, or the optimizer's default.
    public var peakLearningRate: Double { learningRate ?? optimizer.defaultLearningRate }
}
