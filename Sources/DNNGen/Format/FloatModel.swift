/// A float network before quantization: the ops of `Model` with `F32` tensors and ReLU flags.
///
/// It is what a trainer produces and a quantizer consumes, stored as a `dnngen-float-model` file
/// (docs/float-model-format.md). Inputs are floats: a raw input value (a pixel) times `inputScale`.
public struct FloatModel: Equatable, Sendable {
    public var name: String
    /// `[n]` for a vector, `[C, H, W]` for a feature map.
    public var inputShape: [Int]
    /// The float value of one unit of the raw input, e.g. 1/255 for 8-bit pixels that the network
    /// saw as 0...1; 1 when the file gives none.
    public var inputScale: Double
    public var layers: [FloatLayer]

    public init(name: String, inputShape: [Int], inputScale: Double = 1, layers: [FloatLayer]) {
        self.name = name
        self.inputShape = inputShape
        self.inputScale = inputScale
        self.layers = layers
    }

    /// How many values one input holds.
    public var inputCount: Int { inputShape.reduce(1, *) }
}

/// One named step of a float model's chain.
public typealias FloatLayer = GraphLayer<FloatLayerOp>
