/// A bad-input fault at a byte of some encoded input (JSON text, DEFLATE data): what is wrong
/// and the byte offset. `JSONParseError` and `InflateError` have this shape; each says in
/// `place(_:)` how its offset reads in a message.
public protocol ByteFault: DNNGenError {
    /// What is wrong.
    var message: String { get }
    /// The byte of the input at (or just after) the fault.
    var offset: Int { get }
    /// The offset as the message names it, e.g. "at byte 12".
    static func place(_ offset: Int) -> String
}

extension ByteFault {
    public var exitStatus: ExitStatus { .badInput }

    public var description: String { "\(message) \(Self.place(offset))" }
}
