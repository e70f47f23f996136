/// A fully-connected layer: `y[o] = clamp(R((bias[o] + Σ_i w[o,i]·x[i]) · m[o], s[o]))`.
public struct DenseLayer: Equatable, Sendable {
    /// `[out, in]`.
    public var weight: IntTensor
    /// `[out]`, or nil for no bias.
    public var bias: IntTensor?
    public var weightBits: Int
    public var weightKind: WeightKind
    public var requant: Requant
    public var output: ActivationType

    public init(weight: IntTensor, bias: IntTensor?, weightBits: Int, weightKind: WeightKind,
                requant: Requant, output: ActivationType) {
        self.weight = weight
        self.bias = bias
        self.weightBits = weightBits
        self.weightKind = weightKind
        self.requant = requant
        self.output = output
    }

    public var outFeatures: Int { weight.shape[0] }
    public var inFeatures: Int { weight.shape[1] }
    public func weight(_ o: Int, _ i: Int) -> Int { weight.values[o * inFeatures + i] }
    public func bias(_ o: Int) -> Int { bias?.values[o] ?? 0 }
}

/// A 2-D convolution over `[C, H, W]` with zero padding: weight `[K, C, kh, kw]`.
public struct Conv2DLayer: Equatable, Sendable {
    public var weight: IntTensor
    public var bias: IntTensor?
    public var stride: [Int]
    public var padding: [Int]
    public var weightBits: Int
    public var weightKind: WeightKind
    public var requant: Requant
    public var output: ActivationType

    public init(weight: IntTensor, bias: IntTensor?, stride: [Int], padding: [Int], weightBits: Int,
                weightKind: WeightKind, requant: Requant, output: ActivationType) {
        self.weight = weight
        self.bias = bias
        self.stride = stride
        self.padding = padding
        self.weightBits = weightBits
        self.weightKind = weightKind
        self.requant = requant
        self.output = output
    }

    public var filters: Int { weight.shape[0] }
    public var channels: Int { weight.shape[1] }
    public var kernel: [Int] { [weight.shape[2], weight.shape[3]] }
    public func bias(_ k: Int) -> Int { bias?.values[k] ?? 0 }
}

/// Max pooling without padding; the output keeps the input's type.
public struct MaxPool2DLayer: Equatable, Sendable {
    public var kernel: [Int]
    public var stride: [Int]

    public init(kernel: [Int], stride: [Int]) {
        self.kernel = kernel
        self.stride = stride
    }
}

/// What a layer computes, in either kind of model: `LayerOp` (integer weights) and `FloatLayerOp`
/// (float weights) have the same ops, so the readers, writers and shape checks name them once.
public enum GraphOp<Dense: Equatable & Sendable, Conv: Equatable & Sendable>: Equatable, Sendable {
    case dense(Dense)
    case conv2d(Conv)
    case maxpool2d(MaxPool2DLayer)
    case flatten

    /// The op's name in the graph JSON.
    public var opName: String {
        switch self {
        case .dense: return "dense"
        case .conv2d: return "conv2d"
        case .maxpool2d: return "maxpool2d"
        case .flatten: return "flatten"
        }
    }
}

/// One named step of a chain, in either kind of model (`Layer`, `FloatLayer`).
public struct GraphLayer<Op: Equatable & Sendable>: Equatable, Sendable {
    public var name: String
    public var op: Op

    public init(name: String, op: Op) {
        self.name = name
        self.op = op
    }
}

/// What a layer of an integer model computes.
public typealias LayerOp = GraphOp<DenseLayer, Conv2DLayer>

/// One named step of an integer model's chain.
public typealias Layer = GraphLayer<LayerOp>
