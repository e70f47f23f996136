/// The networks `dnngen train` builds from scratch, He-initialized from a seed.
public enum NetworkArchitecture: Equatable, Sendable {
    /// LeNet-5 on `[1, 28, 28]`: conv 6@5x5, ReLU, max 2x2, conv 16@5x5, ReLU, max 2x2, flatten,
    /// dense 120, ReLU, dense 84, ReLU, dense 10 (PyTorch's names and order).
    case lenet5
    /// A multilayer perceptron: `sizes[0]` inputs, ReLU after every hidden layer.
    case mlp([Int])

    /// LeNet-300-100: `mlp:784-300-100-10`.
    public static let lenet300 = NetworkArchitecture.mlp([784, 300, 100, 10])

    /// Parses `lenet5`, `lenet300` or `mlp:784-300-100-10`.
    ///
    /// - Throws: `TrainingError` saying what the accepted forms are.
    public init(parsing text: String) throws(TrainingError) {
        switch text {
        case "lenet5": self = .lenet5
        case "lenet300": self = .lenet300
        default:
            let parts = text.hasPrefix("mlp:") ? text.dropFirst(4).split(separator: "-", omittingEmptySubsequences: false) : []
            let widths = parts.compactMap { Int($0) }
            guard widths.count == parts.count, widths.count >= 2, widths.allSatisfy({ $0 >= 1 && $0 <= 1 << 16 }) else {
                throw TrainingError("architecture '\(text)' is not lenet5, lenet300 or mlp:N-N-...-N (at least an input and an output size, each 1 to 65536)")
            }
            self = .mlp(widths)
        }
    }

    /// The model's name: `lenet5`, `lenet300` or `mlp-784-300-10`.
    public var name: String {
        switch self {
        case .lenet5: return "lenet5"
        case .mlp(let sizes):
            return self == .lenet300 ? "lenet300" : "mlp-" + sizes.map(String.init).joined(separator: "-")
        }
    }

    /// Values one input holds.
    public var inputCount: Int {
        switch self {
        case .lenet5: return 28 * 28
        case .mlp(let sizes): return sizes[0]
        }
    }

    /// A freshly initialized float model: weights normal with standard deviation `sqrt(2 / fan-in)`
    /// (He et al. 2015), biases zero, drawn from `SplitMix64(seed)` in layer order.
    ///
    /// - Parameter inputScale: the float value of one raw input unit (1/255 for pixels).
    public func initialModel(seed: UInt64, inputScale: Double = 1.0 / 255) -> FloatModel {
        var generator = SplitMix64(seed: seed)
        func tensor(_ name: String, _ shape: [Int]) -> FloatTensor {
            let fanIn = shape.dropFirst().reduce(1, *)
            let deviation = (2.0 / Double(fanIn)).squareRoot()
            let count = shape.reduce(1, *)
            return FloatTensor(name: name, shape: shape,
                               values: (0..<count).map { _ in Float(generator.nextGaussian() * deviation) })
        }
        func bias(_ name: String, _ count: Int) -> FloatTensor {
            FloatTensor(name: name, shape: [count], values: [Float](repeating: 0, count: count))
        }
        func dense(_ name: String, _ outputs: Int, _ inputs: Int, relu: Bool) -> FloatLayer {
            FloatLayer(name: name, op: .dense(FloatDenseLayer(weight: tensor(name + ".weight", [outputs, inputs]),
                                                              bias: bias(name + ".bias", outputs), relu: relu)))
        }
        func conv(_ name: String, _ filters: Int, _ channels: Int) -> FloatLayer {
            FloatLayer(name: name, op: .conv2d(FloatConv2DLayer(weight: tensor(name + ".weight", [filters, channels, 5, 5]),
                                                                bias: bias(name + ".bias", filters), relu: true)))
        }
        switch self {
        case .lenet5:
            let pool = MaxPool2DLayer(kernel: [2, 2], stride: [2, 2])
            return FloatModel(name: name, inputShape: [1, 28, 28], inputScale: inputScale, layers: [
                conv("conv1", 6, 1),
                FloatLayer(name: "pool1", op: .maxpool2d(pool)),
                conv("conv2", 16, 6),
                FloatLayer(name: "pool2", op: .maxpool2d(pool)),
                FloatLayer(name: "flat", op: .flatten),
                dense("fc1", 120, 256, relu: true),
                dense("fc2", 84, 120, relu: true),
                dense("fc3", 10, 84, relu: false),
            ])
        case .mlp(let sizes):
            let layers = (1..<sizes.count).map { index in
                dense("fc\(index)", sizes[index], sizes[index - 1], relu: index < sizes.count - 1)
            }
            return FloatModel(name: name, inputShape: [sizes[0]], inputScale: inputScale, layers: layers)
        }
    }
}
