/// Max pooling without padding; backward routes each output's gradient to the first maximum
/// of its window (ties are common after a ReLU, and only one input may receive it).
struct MaxPoolTrainingLayer: TrainingLayer {
    let channels: Int
    let height: Int
    let width: Int
    let kernel: [Int]
    let stride: [Int]

    var outHeight: Int { (height - kernel[0]) / stride[0] + 1 }
    var outWidth: Int { (width - kernel[1]) / stride[1] + 1 }
    var inputCount: Int { channels * height * width }
    var outputCount: Int { channels * outHeight * outWidth }
    var parameterCount: Int { 0 }

    func forward(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, samples: Int,
                 parameters: UnsafePointer<Float>, scratch: UnsafeMutablePointer<Float>) {
        for s in 0..<samples {
            var index = s * outputCount
            forEachWindow(input + s * inputCount) { _, best in
                output[index] = best
                index += 1
            }
        }
    }

    func backward(input: UnsafePointer<Float>, output: UnsafePointer<Float>,
                  outputGradient: UnsafeMutablePointer<Float>, inputGradient: UnsafeMutablePointer<Float>?,
                  samples: Int, parameters: UnsafePointer<Float>, gradients: UnsafeMutablePointer<Float>,
                  scratch: UnsafeMutablePointer<Float>) {
        guard let inputGradient else { return }
        inputGradient.update(repeating: 0, count: samples * inputCount)
        for s in 0..<samples {
            let dx = inputGradient + s * inputCount
            var index = s * outputCount
            forEachWindow(input + s * inputCount) { argmax, _ in
                dx[argmax] += outputGradient[index]
                index += 1
            }
        }
    }

    /// Calls `body(index of the first maximum, maximum)` for every output of one sample, in C order.
    @inline(__always)
    private func forEachWindow(_ x: UnsafePointer<Float>, _ body: (Int, Float) -> Void) {
        for c in 0..<channels {
            for oy in 0..<outHeight {
                for ox in 0..<outWidth {
                    let corner = (c * height + oy * stride[0]) * width + ox * stride[1]
                    var best = x[corner]
                    var argmax = corner
                    for i in 0..<kernel[0] {
                        let row = corner + i * width
                        for j in 0..<kernel[1] where x[row + j] > best {
                            best = x[row + j]
                            argmax = row + j
                        }
                    }
                    body(argmax, best)
                }
            }
        }
    }
}
