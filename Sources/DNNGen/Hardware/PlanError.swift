/// Why a model cannot be turned into hardware, or why a folding request is unusable.
public struct PlanError: DNNGenError, Equatable {
    public var layer: String?
    public var message: String

    public init(layer: String? = nil, _ message: String) {
        self.layer = layer
        self.message = message
    }

    public var exitStatus: ExitStatus { .badInput }

    /// The same fault, located in the model `file` it was found in.
    public func inFile(_ file: String) -> ModelFormatError {
        ModelFormatError(file: file, layer: layer, message)
    }

    public var description: String {
        if let layer { return "layer '\(layer)': \(message)" }
        return message
    }
}
