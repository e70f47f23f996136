/// A 2-D convolution with zero padding, optionally followed by a ReLU, as an im2col product.
///
/// Per sample, `cols [C·kh·kw × Ho·Wo]` holds the input window of every output position
/// (rows in `(c, i, j)` order, matching `W.reshape(K, -1)`), and `y [K × Ho·Wo] = W · cols + b`
/// is directly the `[K, Ho, Wo]` output. Backward: `dW += dY · colsᵀ`, `dcols = Wᵀ · dY`,
/// scattered back onto the input (col2im).
struct Conv2DTrainingLayer: TrainingLayer {
    let channels: Int
    let height: Int
    let width: Int
    let filters: Int
    let kernelHeight: Int
    let kernelWidth: Int
    let strideY: Int
    let strideX: Int
    let padY: Int
    let padX: Int
    let hasBias: Bool
    let relu: Bool

    /// - Precondition: the geometry is valid (`FloatModel.inferShapes()` accepted it).
    init(channels: Int, height: Int, width: Int, filters: Int, kernel: [Int], stride: [Int], padding: [Int],
         hasBias: Bool, relu: Bool) {
        self.channels = channels
        self.height = height
        self.width = width
        self.filters = filters
        kernelHeight = kernel[0]
        kernelWidth = kernel[1]
        strideY = stride[0]
        strideX = stride[1]
        padY = padding[0]
        padX = padding[1]
        self.hasBias = hasBias
        self.relu = relu
    }

    var outHeight: Int { (height + 2 * padY - kernelHeight) / strideY + 1 }
    var outWidth: Int { (width + 2 * padX - kernelWidth) / strideX + 1 }
    /// Output positions per filter.
    var positions: Int { outHeight * outWidth }
    /// Rows of the im2col matrix: one per weight of a filter.
    var taps: Int { channels * kernelHeight * kernelWidth }

    var inputCount: Int { channels * height * width }
    var outputCount: Int { filters * positions }
    var weightCount: Int { filters * taps }
    var parameterCount: Int { weightCount + (hasBias ? filters : 0) }
    var scratchCount: Int { 2 * taps * positions }

    func forward(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, samples: Int,
                 parameters: UnsafePointer<Float>, scratch: UnsafeMutablePointer<Float>) {
        let bias = parameters + weightCount
        let (inCount, outCount, positions) = (inputCount, outputCount, positions)
        for s in 0..<samples {
            let y = output + s * outCount
            im2col(input + s * inCount, into: scratch)
            for k in 0..<filters {
                (y + k * positions).update(repeating: hasBias ? bias[k] : 0, count: positions)
            }
            MatrixKernels.addProduct(y, parameters, scratch, m: filters, n: positions, k: taps)
            if relu {
                for i in 0..<outCount where !(y[i] > 0) { y[i] = 0 }
            }
        }
    }

    func backward(input: UnsafePointer<Float>, output: UnsafePointer<Float>,
                  outputGradient: UnsafeMutablePointer<Float>, inputGradient: UnsafeMutablePointer<Float>?,
                  samples: Int, parameters: UnsafePointer<Float>, gradients: UnsafeMutablePointer<Float>,
                  scratch: UnsafeMutablePointer<Float>) {
        let (inCount, outCount, positions, taps) = (inputCount, outputCount, positions, taps)
        let cols = scratch
        let columnGradient = scratch + taps * positions
        if relu { maskReLUGradient(outputGradient, output: output, count: samples * outCount) }
        for s in 0..<samples {
            let dy = outputGradient + s * outCount
            if hasBias {
                let biasGradient = gradients + weightCount
                for k in 0..<filters {
                    let row = dy + k * positions
                    var sum: Float = 0
                    for p in 0..<positions { sum += row[p] }
                    biasGradient[k] += sum
                }
            }
            im2col(input + s * inCount, into: cols)
            MatrixKernels.addProductTransposed(gradients, dy, cols, m: filters, n: taps, k: positions)
            if let inputGradient {
                columnGradient.update(repeating: 0, count: taps * positions)
                MatrixKernels.addTransposedProduct(columnGradient, parameters, dy, m: taps, n: positions, k: filters)
                col2im(columnGradient, into: inputGradient + s * inCount)
            }
        }
    }

    /// Writes the `[taps × positions]` window matrix of one sample (zeros where padding).
    private func im2col(_ x: UnsafePointer<Float>, into cols: UnsafeMutablePointer<Float>) {
        let (outHeight, outWidth, positions) = (outHeight, outWidth, positions)
        var row = 0
        for c in 0..<channels {
            let plane = x + c * height * width
            for i in 0..<kernelHeight {
                for j in 0..<kernelWidth {
                    let destination = cols + row * positions
                    for oy in 0..<outHeight {
                        let line = destination + oy * outWidth
                        let y = oy * strideY - padY + i
                        guard y >= 0, y < height else {
                            line.update(repeating: 0, count: outWidth)
                            continue
                        }
                        let source = plane + y * width
                        for ox in 0..<outWidth {
                            let xx = ox * strideX - padX + j
                            line[ox] = xx >= 0 && xx < width ? source[xx] : 0
                        }
                    }
                    row += 1
                }
            }
        }
    }

    /// Overwrites one sample's input gradient with the sum of its window gradients.
    private func col2im(_ cols: UnsafePointer<Float>, into dx: UnsafeMutablePointer<Float>) {
        let (outHeight, outWidth, positions) = (outHeight, outWidth, positions)
        dx.update(repeating: 0, count: inputCount)
        var row = 0
        for c in 0..<channels {
            let plane = dx + c * height * width
            for i in 0..<kernelHeight {
                for j in 0..<kernelWidth {
                    let source = cols + row * positions
                    for oy in 0..<outHeight {
                        let y = oy * strideY - padY + i
                        guard y >= 0, y < height else { continue }
                        let line = source + oy * outWidth
                        let destination = plane + y * width
                        for ox in 0..<outWidth {
                            let xx = ox * strideX - padX + j
                            if xx >= 0 && xx < width { destination[xx] += line[ox] }
                        }
                    }
                    row += 1
                }
            }
        }
    }
}
