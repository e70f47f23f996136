/// `[C, H, W]` to `[C·H·W]`: C order already, so values pass through unchanged.
struct FlattenTrainingLayer: TrainingLayer {
    let count: Int

    var inputCount: Int { count }
    var outputCount: Int { count }
    var parameterCount: Int { 0 }

    func forward(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, samples: Int,
                 parameters: UnsafePointer<Float>, scratch: UnsafeMutablePointer<Float>) {
        output.update(from: input, count: samples * count)
    }

    func backward(input: UnsafePointer<Float>, output: UnsafePointer<Float>,
                  outputGradient: UnsafeMutablePointer<Float>, inputGradient: UnsafeMutablePointer<Float>?,
                  samples: Int, parameters: UnsafePointer<Float>, gradients: UnsafeMutablePointer<Float>,
                  scratch: UnsafeMutablePointer<Float>) {
        inputGradient?.update(from: outputGradient, count: samples * count)
    }
}
