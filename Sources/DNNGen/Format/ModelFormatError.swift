/// Anything wrong with a file a user gave us: names the file and the layer or field at fault.
///
/// `description` is the one line printed after `dnngen: error: `; the exit status is 2.
public struct ModelFormatError: DNNGenError, Equatable {
    /// The file as the user named it (for example `model.bin`).
    public var file: String
    /// The layer at fault, if any.
    public var layer: String?
    /// What is wrong, naming the field.
    public var message: String

    public init(file: String, layer: String? = nil, _ message: String) {
        self.file = file
        self.layer = layer
        self.message = message
    }

    public var exitStatus: ExitStatus { .badInput }

    public var description: String {
        if let layer { return "\(file): layer '\(layer)': \(message)" }
        return "\(file): \(message)"
    }
}

/// A graph-level fault found before we know which file it came from; callers locate it with
/// `inFile` before it reaches a user.
public struct GraphError: DNNGenError, LayerFault, Equatable {
    public var layer: String?
    public var message: String

    public init(layer: String?, _ message: String) {
        self.layer = layer
        self.message = message
    }
}
