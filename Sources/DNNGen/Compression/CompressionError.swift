/// Why a compression request cannot run: a bad rate, an unknown layer, a weight kind that has
/// no zero. The message names the layer or the option.
public struct CompressionError: DNNGenError, Equatable {
    public var message: String
    public var exitStatus: ExitStatus { .badInput }
    public var description: String { message }

    public init(_ message: String) {
        self.message = message
    }
}
