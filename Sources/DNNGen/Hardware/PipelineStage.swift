/// A streaming max-pool stage: channels pass through unchanged.
public struct PoolStage: Equatable, Sendable {
    public var layerName: String
    /// Input image height and width.
    public var height: Int
    public var width: Int
    public var kernel: [Int]
    public var stride: [Int]
    public var type: ActivationType

    /// Windows that overlap or leave gaps need a sliding window; stride = kernel streams.
    public var needsWindow: Bool { stride != kernel }
    public var window: WindowGeometry {
        WindowGeometry(height: height, width: width, kernel: kernel, stride: stride, padding: [0, 0])
    }
}

/// One stage of the compacted pipeline, in order.
public enum CompactedStage: Equatable, Sendable {
    case matrix(CompactedMatrix)
    case pool(PoolStage)
}

/// The geometry of a convolution's sliding window, for `dnngen_swu`.
public struct WindowGeometry: Equatable, Sendable {
    public var height: Int
    public var width: Int
    public var kernel: [Int]
    public var stride: [Int]
    public var padding: [Int]

    public var outputHeight: Int { (height + 2 * padding[0] - kernel[0]) / stride[0] + 1 }
    public var outputWidth: Int { (width + 2 * padding[1] - kernel[1]) / stride[1] + 1 }
    /// Pixels the window walks per image, padding included (the unit's busy clocks, at one a clock).
    public var paddedPixels: Int { (height + 2 * padding[0]) * (width + 2 * padding[1]) }
}
