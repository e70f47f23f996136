/// Bad usage: an unknown flag, a missing, malformed or contradictory value. Exit status 2.
///
/// The message starts with the subcommand and names the flag: `rtl: --fold names layer 'fc1' twice`.
public struct UsageError: DNNGenError, Equatable {
    public var description: String
    public var exitStatus: ExitStatus { .badInput }

    public init(_ description: String) { self.description = description }
}
