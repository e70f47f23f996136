/// A whole compressed network: its input, and a chain of layers each fed by the one before.
public struct Model: Equatable, Sendable {
    public var name: String
    /// `[n]` for a vector, `[C, H, W]` for a feature map.
    public var inputShape: [Int]
    public var inputType: ActivationType
    public var layers: [Layer]

    public init(name: String, inputShape: [Int], inputType: ActivationType, layers: [Layer]) {
        self.name = name
        self.inputShape = inputShape
        self.inputType = inputType
        self.layers = layers
    }
}
