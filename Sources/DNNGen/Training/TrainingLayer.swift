/// One layer of a network being trained: forward and backward over a group of samples.
///
/// Activations are `[samples × outputCount]` floats, each sample's values in C order. A layer's
/// parameters are a contiguous slice of the network's flat parameter array: first its
/// `weightCount` weights (row-major, as in the float model file), then its bias. Gradients use
/// the same layout. Implementations hold no state: everything mutable is passed in, so one
/// layer value serves every thread.
protocol TrainingLayer: Sendable {
    /// Values per sample going in.
    var inputCount: Int { get }
    /// Values per sample coming out.
    var outputCount: Int { get }
    /// Weights followed by biases; 0 for layers without parameters.
    var parameterCount: Int { get }
    /// The leading `weightCount` parameters are weights (decayed, quantized); the rest is bias.
    var weightCount: Int { get }
    /// Floats of scratch space `forward` and `backward` may use.
    var scratchCount: Int { get }

    /// `output[s] = layer(input[s])` for `s` in `0..<samples`.
    func forward(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, samples: Int,
                 parameters: UnsafePointer<Float>, scratch: UnsafeMutablePointer<Float>)

    /// Adds the loss gradient of this layer's parameters to `gradients` and, when
    /// `inputGradient` is not nil, overwrites it with the loss gradient of the input.
    ///
    /// - Parameters:
    ///   - input, output: what `forward` read and wrote for these samples.
    ///   - outputGradient: the loss gradient of `output`; the layer may overwrite it.
    func backward(input: UnsafePointer<Float>, output: UnsafePointer<Float>,
                  outputGradient: UnsafeMutablePointer<Float>, inputGradient: UnsafeMutablePointer<Float>?,
                  samples: Int, parameters: UnsafePointer<Float>, gradients: UnsafeMutablePointer<Float>,
                  scratch: UnsafeMutablePointer<Float>)
}

extension TrainingLayer {
    var weightCount: Int { parameterCount }
    var scratchCount: Int { 0 }
}

/// `gradient[i] = 0` where the ReLU output was not positive: the ReLU's backward step.
@inline(__always)
func maskReLUGradient(_ gradient: UnsafeMutablePointer<Float>, output: UnsafePointer<Float>, count: Int) {
    for i in 0..<count where !(output[i] > 0) {
        gradient[i] = 0
    }
}
