import Foundation

/// What `Compressor.run` produced: the integer model and how accurate each stage was.
public struct CompressionResult: Sendable {
    /// Test accuracy after one step of the flow.
    public struct Stage: Equatable, Sendable {
        public var name: String
        public var accuracy: TopOneAccuracy
    }

    /// The pruned, quantized model (model.bin).
    public var model: Model
    /// The pruned float weights it was quantized from.
    public var prunedFloatModel: FloatModel
    /// What the quantizer chose per layer.
    public var quantization: [LayerQuantization]
    /// In order: unpruned float, hard-pruned, retrained, integer.
    public var stages: [Stage]
    public var seconds: Double

    /// The integer model's test accuracy.
    public var integerAccuracy: TopOneAccuracy { stages.last?.accuracy ?? TopOneAccuracy(correct: 0, total: 0) }
}
