/// The exit statuses of the command line: what a failed command tells its caller (docs/cli.md).
public enum ExitStatus: Int32, Sendable {
    case success = 0
    /// A check ran and failed: a simulation mismatch, a tool run that failed.
    case checkFailed = 1
    /// Bad usage or bad input: a flag, a value, a file or folder the user named.
    case badInput = 2
}

/// Every error dnngen reports to a user: it knows its exit status and builds its own message.
///
/// The command line prints `dnngen: error: <userMessage>` and exits with `exitStatus`; nothing
/// else decides either (see `ErrorReport`). Each conforming type composes its message in its
/// `description` alone, from associated values that locate the fault (file, layer, field, flag).
///
/// To add an error kind:
/// 1. Prefer an existing type: `ModelFormatError` for anything wrong in a file the user gave
///    (name the file, the layer and the field), `UsageError` for flags and values, `PlanError`
///    for a model the hardware cannot be built for, `FileError` for an output that cannot be
///    written, `SimulationError` for tool runs.
/// 2. A new stage gets one new type, in its stage's folder: a struct or enum conforming to
///    `DNNGenError`, with `exitStatus` (`.badInput` for anything the user can fix in what they
///    gave, `.checkFailed` for a verdict) and a one-line `description` that names the file or flag.
/// 3. Add one instance of it to the table in `Tests/DNNGenTests/Errors/ErrorProtocolTests.swift`
///    (a test fails while a type conforming to `Error` in `Sources/` is missing from that table).
public protocol DNNGenError: Error, CustomStringConvertible, Sendable {
    /// How the command ends when this error stops it.
    var exitStatus: ExitStatus { get }
}

extension DNNGenError {
    /// The message as printed: control characters escaped, so bytes from a file are never
    /// echoed raw; a bad-input message is always one line.
    public var userMessage: String {
        PrintableText.escaped(description, keepingNewlines: exitStatus != .badInput)
    }
}

/// The one place that turns any error into an exit status and a printed message.
public enum ErrorReport {
    /// The error's own status; an error from outside dnngen (a bug) counts as a failed check.
    public static func status(of error: any Error) -> ExitStatus {
        (error as? any DNNGenError)?.exitStatus ?? .checkFailed
    }

    /// The line (or, for a failed check, the lines) after `dnngen: error: `.
    public static func message(for error: any Error) -> String {
        if let known = error as? any DNNGenError { return known.userMessage }
        return "internal error (please report it): " + PrintableText.escaped("\(error)", keepingNewlines: false)
    }
}
