/// Why a model cannot be turned into hardware, or why a folding request is unusable.
public struct PlanError: DNNGenError, LayerFault, Equatable {
    public var layer: String?
    public var message: String

    public init(layer: String? = nil, _ message: String) {
        self.layer = layer
        self.message = message
    }
}
