/// A bad-input fault in a model found before the file it came from is known: the layer at
/// fault, if any, and what is wrong. `GraphError`, `PlanError` and `QuantizationError` have this
/// shape, so they share their message (`layer 'fc1': …`), their exit status (2) and the way a
/// caller names the file (`inFile`).
public protocol LayerFault: DNNGenError {
    /// The layer at fault, if any.
    var layer: String? { get }
    /// What is wrong, naming the field or flag.
    var message: String { get }
}

extension LayerFault {
    public var exitStatus: ExitStatus { .badInput }

    public var description: String {
        if let layer { return "layer '\(layer)': \(message)" }
        return message
    }

    /// The same fault, located in the model `file` it was found in.
    public func inFile(_ file: String) -> ModelFormatError {
        ModelFormatError(file: file, layer: layer, message)
    }
}
