import Foundation

/// What one epoch of training achieved, for the progress line.
public struct EpochReport: Equatable, Sendable {
    /// 1-based.
    public var epoch: Int
    public var epochs: Int
    /// Mean cross-entropy over the epoch's training images (with the weights as they moved).
    public var loss: Double
    /// Top-1 accuracy on the training images during the epoch.
    public var trainAccuracy: TopOneAccuracy
    /// Top-1 accuracy on the test images after the epoch, if there were any.
    public var testAccuracy: TopOneAccuracy?
    /// Wall time of the training passes (not of the test evaluation).
    public var seconds: Double

    public var imagesPerSecond: Double { seconds > 0 ? Double(trainAccuracy.total) / seconds : 0 }

    /// `epoch 3/10: loss 0.3120, train 88.52%, test 87.90%, 2250 images/s (26.7 s)`.
    public var line: String {
        var text = "epoch \(epoch)/\(epochs): loss " + String(format: "%.4f", loss)
        text += ", train \(trainAccuracy.percentText)"
        if let testAccuracy { text += ", test \(testAccuracy.percentText)" }
        text += String(format: ", %.0f images/s (%.1f s)", imagesPerSecond, seconds)
        return text
    }
}
