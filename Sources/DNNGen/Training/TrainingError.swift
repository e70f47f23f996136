/// A training request that cannot be carried out: a bad architecture, options, or data that do
/// not fit the network.
public struct TrainingError: DNNGenError, Equatable {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var exitStatus: ExitStatus { .badInput }

    public var description: String { message }
}
