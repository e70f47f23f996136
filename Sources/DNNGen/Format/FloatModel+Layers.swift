/// A named float tensor in row-major (C) order, stored as `F32`.
public struct FloatTensor: Equatable, Sendable {
    public var name: String
    public var shape: [Int]
    public var values: [Float]

    public init(name: String, shape: [Int], values: [Float]) {
        self.name = name
        self.shape = shape
        self.values = values
    }

    public var count: Int { shape.reduce(1, *) }
}

/// `y[o] = act(bias[o] + Σ_i w[o,i]·x[i])`, `act` ReLU or the identity.
public struct FloatDenseLayer: Equatable, Sendable {
    /// `[out, in]`, as PyTorch's `nn.Linear.weight`.
    public var weight: FloatTensor
    /// `[out]`, or nil for no bias.
    public var bias: FloatTensor?
    /// Whether a ReLU follows (`"activation": "relu"` in the graph).
    public var relu: Bool

    public init(weight: FloatTensor, bias: FloatTensor?, relu: Bool) {
        self.weight = weight
        self.bias = bias
        self.relu = relu
    }

    public var outFeatures: Int { weight.shape[0] }
    public var inFeatures: Int { weight.shape[1] }
}

/// A 2-D convolution over `[C, H, W]` with zero padding, optionally followed by a ReLU.
public struct FloatConv2DLayer: Equatable, Sendable {
    /// `[K, C, kh, kw]`, as PyTorch's `nn.Conv2d.weight`.
    public var weight: FloatTensor
    public var bias: FloatTensor?
    public var stride: [Int]
    public var padding: [Int]
    public var relu: Bool

    public init(weight: FloatTensor, bias: FloatTensor?, stride: [Int] = [1, 1], padding: [Int] = [0, 0],
                relu: Bool) {
        self.weight = weight
        self.bias = bias
        self.stride = stride
        self.padding = padding
        self.relu = relu
    }

    public var filters: Int { weight.shape[0] }
    public var channels: Int { weight.shape[1] }
    public var kernel: [Int] { [weight.shape[2], weight.shape[3]] }
}

/// What a float layer computes: the integer model's ops, with float weights.
public typealias FloatLayerOp = GraphOp<FloatDenseLayer, FloatConv2DLayer>
