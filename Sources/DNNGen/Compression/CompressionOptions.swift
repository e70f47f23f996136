/// The recipe of `dnngen compress`: how long each phase trains, ADMM's penalty schedule, and
/// how the result is quantized.
public struct CompressionOptions: Equatable, Sendable {
    /// How the pruning mask is found.
    public enum Method: String, Equatable, Sendable {
        /// ADMM (W/Z/U) towards the sparsity set, then hard pruning.
        case admm
        /// One-shot magnitude pruning of the starting weights, then the same retraining: the
        /// baseline ADMM is measured against.
        case magnitude
    }

    public var method = Method.admm
    /// Epochs of ADMM towards the sparsity set.
    public var admmEpochs = 10
    /// Epochs of float retraining with the pruning mask fixed.
    public var retrainEpochs = 10
    /// Epochs of ADMM towards the quantization levels (mask fixed).
    public var quantizationADMMEpochs = 2
    /// Epochs of masked quantization-aware retraining.
    public var quantizationEpochs = 6
    /// ρ in the first epoch of each ADMM phase, multiplied by `rhoGrowth` after every epoch.
    public var initialRho = 0.02
    public var rhoGrowth = 1.6
    /// The trainer's settings for every phase (epochs are set per phase); its learning rate is
    /// the ADMM and retraining peak, quantization-aware retraining uses a fifth of it.
    public var training = TrainingOptions()
    /// How the pruned float model becomes model.bin.
    public var quantization: QuantizationOptions

    public init(quantization: QuantizationOptions) {
        self.quantization = quantization
    }

    /// The peak learning rate of ADMM and retraining: `training.learningRate`, else 0.001 for
    /// Adam (half of training from scratch: these phases fine-tune) and SGD's default.
    public var peakLearningRate: Double {
        training.learningRate ?? (training.optimizer == .adam ? 0.001 : training.optimizer.defaultLearningRate)
    }
}
