/// Why a compression request cannot run: a bad rate, an unknown layer, a weight kind that has
/// no zero. The message names the layer or the option.
public struct CompressionError: Error, Equatable, Sendable {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }
}
