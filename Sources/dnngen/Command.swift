import DNNGen

/// One subcommand: its name, one-line abstract and help text, and how it runs.
protocol Command: Sendable {
    static var name: String { get }
    static var abstract: String { get }
    /// The full `--help` text: usage, arguments, each flag beside its meaning.
    static var help: String { get }
    /// Parses the words after the subcommand.
    init(arguments: inout ArgumentList) throws
    /// Does the work; returns the exit status (0 success, 1 a check failed).
    func run() throws -> Int32
}
