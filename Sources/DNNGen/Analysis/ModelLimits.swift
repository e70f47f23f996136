/// The sizes beyond which a command refuses a valid model up front, with one message naming the
/// dimension and the limit, rather than running for minutes or exhausting memory.
///
/// Every check is arithmetic on shapes and weight counts: refusing costs microseconds.
public struct ModelLimits: Sendable {
    /// What the limits are for, in messages: "dnngen rtl builds hardware for".
    public var purpose: String
    /// The most elements of the input or of any layer's output.
    public var maximumActivation: Int
    /// The most multiply-accumulates (and pooling comparisons) one inference may take: the
    /// reference runs every one.
    public var maximumMACs: Int
    /// The most layers.
    public var maximumLayers: Int

    public init(purpose: String, maximumActivation: Int, maximumMACs: Int, maximumLayers: Int) {
        self.purpose = purpose
        self.maximumActivation = maximumActivation
        self.maximumMACs = maximumMACs
        self.maximumLayers = maximumLayers
    }

    /// Hardware generation (`rtl`, `compare`, the storage table of `inspect`): the planner keeps
    /// per-element tables of the input stream and the reference computes every test vector.
    public static let hardware = ModelLimits(purpose: "dnngen builds hardware for", maximumActivation: 1 << 20,
                                             maximumMACs: 1 << 30, maximumLayers: 1000)

    /// The bit-exact reference (`run`): activations are held as 64-bit integers, two at a time.
    public static let reference = ModelLimits(purpose: "the reference runs", maximumActivation: 1 << 26,
                                              maximumMACs: 1 << 34, maximumLayers: 100_000)

    /// Throws for the first dimension of `model` beyond these limits.
    ///
    /// - Throws: `GraphError` naming the layer (when there is one), the dimension and the limit.
    /// - Complexity: O(layers).
    public func check(_ model: Model) throws(GraphError) {
        guard model.layers.count <= maximumLayers else {
            throw GraphError(layer: nil, "the model has \(model.layers.count) layers, more than the \(maximumLayers) \(purpose)")
        }
        let inputCount = Self.elements(model.inputShape)
        guard inputCount <= maximumActivation else {
            throw GraphError(layer: nil, "input shape \(model.inputShape) holds \(inputCount) elements, more than the \(maximumActivation) a tensor may hold that \(purpose)")
        }
        var current = TensorInfo(shape: model.inputShape, type: model.inputType)
        var macs = 0
        for layer in model.layers {
            let next = try layer.outputInfo(for: current)
            let count = Self.elements(next.shape)
            guard count <= maximumActivation else {
                throw GraphError(layer: layer.name, "output shape \(next.shape) holds \(count) elements, more than the \(maximumActivation) a tensor may hold that \(purpose)")
            }
            let (sum, overflow) = macs.addingReportingOverflow(Self.macs(layer, output: next))
            macs = overflow ? Int.max : sum
            guard macs <= maximumMACs else {
                throw GraphError(layer: layer.name, "the layers up to here take \(macs == Int.max ? "more than 2^63" : String(macs)) multiply-accumulates and comparisons per inference, more than the \(maximumMACs) \(purpose)")
            }
            current = next
        }
    }

    /// The element count of `shape`, saturating at `Int.max`.
    static func elements(_ shape: [Int]) -> Int {
        var count = 1
        for dimension in shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            if overflow { return Int.max }
            count = product
        }
        return count
    }

    /// Dense multiply-accumulates of one layer (weights × output positions), or a pool's
    /// comparisons (window × outputs), saturating.
    static func macs(_ layer: Layer, output: TensorInfo) -> Int {
        switch layer.op {
        case .dense(let dense):
            return elements(dense.weight.shape)
        case .conv2d(let conv):
            let pixels = output.shape.count == 3 ? elements(Array(output.shape.dropFirst())) : 1
            return elements(conv.weight.shape + [pixels])
        case .maxpool2d(let pool):
            return elements(output.shape + pool.kernel)
        case .flatten:
            return 0
        }
    }
}
