/// A maxpool2d layer over a `[C, H, W]` map: no padding, every window inside the input.
struct MaxPoolKernel: Sendable {
    let channels: Int
    let inHeight: Int
    let inWidth: Int
    let kernel: (height: Int, width: Int)
    let stride: (height: Int, width: Int)
    let outHeight: Int
    let outWidth: Int

    init(pool: MaxPool2DLayer, inputShape: [Int]) {
        channels = inputShape[0]
        inHeight = inputShape[1]
        inWidth = inputShape[2]
        kernel = (pool.kernel[0], pool.kernel[1])
        stride = (pool.stride[0], pool.stride[1])
        outHeight = (inHeight - kernel.height) / stride.height + 1
        outWidth = (inWidth - kernel.width) / stride.width + 1
    }

    var outputCount: Int { channels * outHeight * outWidth }

    func run(_ input: [Int]) -> [Int] {
        var result = [Int](repeating: 0, count: outputCount)
        var index = 0
        for c in 0..<channels {
            for oy in 0..<outHeight {
                for ox in 0..<outWidth {
                    var best = Int.min
                    for i in 0..<kernel.height {
                        let row = (c * inHeight + oy * stride.height + i) * inWidth + ox * stride.width
                        for j in 0..<kernel.width { best = Swift.max(best, input[row + j]) }
                    }
                    result[index] = best
                    index += 1
                }
            }
        }
        return result
    }
}
