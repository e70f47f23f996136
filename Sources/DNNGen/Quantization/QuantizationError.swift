/// Why a float model cannot be quantized as asked: names the layer at fault when there is one.
public struct QuantizationError: DNNGenError, Equatable {
    public var layer: String?
    public var message: String

    public init(layer: String? = nil, _ message: String) {
        self.layer = layer
        self.message = message
    }

    public var exitStatus: ExitStatus { .badInput }

    public var description: String {
        if let layer { return "layer '\(layer)': \(message)" }
        return message
    }

    /// The same fault, located in `file` (the float model), for the command line.
    public func inFile(_ file: String) -> ModelFormatError {
        ModelFormatError(file: file, layer: layer, message)
    }
}
