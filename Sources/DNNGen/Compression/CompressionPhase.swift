/// The steps of `dnngen compress`, in order.
public enum CompressionPhase: String, Equatable, Sendable {
    /// W-steps with the pull towards Z − U; Z projected onto the sparsity set, U updated.
    case admmPruning = "admm-prune"
    /// Float training with the pruning mask fixed.
    case retraining = "retrain"
    /// ADMM again, Z now the projection onto the quantization levels (mask fixed).
    case admmQuantization = "admm-quant"
    /// Quantization-aware training with the mask fixed.
    case quantizationAware = "qat"
}

/// One epoch of one phase, for the progress line.
public struct CompressionEpoch: Sendable {
    public var phase: CompressionPhase
    public var report: EpochReport
    /// ADMM only: the test accuracy the weights would have if projected now.
    public var projectedAccuracy: TopOneAccuracy?
    /// Fraction of the weights that are zero: in Z during ADMM phases, in W otherwise.
    public var sparsity: Double
    /// ADMM only: `‖W − Z‖ / ‖W‖`, which goes to 0 as W meets the constraint.
    public var residual: Double?
    public var rho: Double?

    /// `admm-prune 3/8: loss 0.3121, train 88.20%, test 87.90%, projected 86.10%, sparsity 90.0%, |W-Z|/|W| 0.084, rho 0.0051, 6600 images/s (9.1 s)`.
    public var line: String {
        var text = "\(phase.rawValue) \(report.epoch)/\(report.epochs): loss " + String(format: "%.4f", report.loss)
        text += ", train \(report.trainAccuracy.percentText)"
        if let test = report.testAccuracy { text += ", test \(test.percentText)" }
        if let projectedAccuracy { text += ", projected \(projectedAccuracy.percentText)" }
        text += String(format: ", sparsity %.1f%%", 100 * sparsity)
        if let residual { text += String(format: ", |W-Z|/|W| %.3f", residual) }
        if let rho { text += String(format: ", rho %.4g", rho) }
        text += String(format: ", %.0f images/s (%.1f s)", report.imagesPerSecond, report.seconds)
        return text
    }
}
