/// `y = act(x · Wᵀ + b)` over a group of samples, `W` `[out, in]`, `act` ReLU or the identity.
struct DenseTrainingLayer: TrainingLayer {
    let inFeatures: Int
    let outFeatures: Int
    let hasBias: Bool
    let relu: Bool

    var inputCount: Int { inFeatures }
    var outputCount: Int { outFeatures }
    var weightCount: Int { inFeatures * outFeatures }
    var parameterCount: Int { weightCount + (hasBias ? outFeatures : 0) }

    func forward(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, samples: Int,
                 parameters: UnsafePointer<Float>, scratch: UnsafeMutablePointer<Float>) {
        let bias = parameters + weightCount
        for s in 0..<samples {
            let row = output + s * outFeatures
            for o in 0..<outFeatures { row[o] = hasBias ? bias[o] : 0 }
        }
        MatrixKernels.addProductTransposed(output, input, parameters, m: samples, n: outFeatures, k: inFeatures)
        if relu {
            for i in 0..<(samples * outFeatures) where !(output[i] > 0) { output[i] = 0 }
        }
    }

    func backward(input: UnsafePointer<Float>, output: UnsafePointer<Float>,
                  outputGradient: UnsafeMutablePointer<Float>, inputGradient: UnsafeMutablePointer<Float>?,
                  samples: Int, parameters: UnsafePointer<Float>, gradients: UnsafeMutablePointer<Float>,
                  scratch: UnsafeMutablePointer<Float>) {
        if relu { maskReLUGradient(outputGradient, output: output, count: samples * outFeatures) }
        // dW[out, in] += dYᵀ · X
        MatrixKernels.addTransposedProduct(gradients, outputGradient, input, m: outFeatures, n: inFeatures, k: samples)
        if hasBias {
            let biasGradient = gradients + weightCount
            for s in 0..<samples {
                let row = outputGradient + s * outFeatures
                for o in 0..<outFeatures { biasGradient[o] += row[o] }
            }
        }
        if let inputGradient {
            // dX[n, in] = dY · W
            inputGradient.update(repeating: 0, count: samples * inFeatures)
            MatrixKernels.addProduct(inputGradient, outputGradient, parameters, m: samples, n: inFeatures, k: outFeatures)
        }
    }
}
