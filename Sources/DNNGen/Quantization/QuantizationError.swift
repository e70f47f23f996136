/// Why a float model cannot be quantized as asked: names the layer at fault when there is one.
public struct QuantizationError: DNNGenError, LayerFault, Equatable {
    public var layer: String?
    public var message: String

    public init(layer: String? = nil, _ message: String) {
        self.layer = layer
        self.message = message
    }
}
