import DNNGen
import Foundation

/// Every subcommand, in the order a user meets them.
enum Commands {
    static let all: [any Command.Type] = [InspectCommand.self, ImportCommand.self, RunCommand.self, RTLCommand.self, SimCommand.self, CompareCommand.self, EvalCommand.self, TrainCommand.self, QuantizeCommand.self, CompressCommand.self]
}

func topLevelHelp() -> String {
    var text = """
    dnngen \(GenerationContext.version): pruned, quantized neural networks to synthesizable Verilog.

    USAGE: dnngen <command> [options]

    COMMANDS:

    """
    for command in Commands.all {
        text += "  " + command.name.padding(toLength: 10, withPad: " ", startingAt: 0) + command.abstract + "\n"
    }
    text += """

    A command without MODEL runs on the built-in example (\(BuiltInExample.fileName)).
    Supported ops: \(SupportedFeatures.ops)
    Weight kinds: \(SupportedFeatures.weightKinds)
    Exit status: 0 success, 1 a check failed (simulation mismatch, tool failure), 2 bad usage or input.
    Run 'dnngen <command> --help' for a command's options.

    """
    return text
}

/// Runs one command; its error, if any, is printed and gives the exit status (`ErrorReport`).
func runCommand(_ type: any Command.Type, arguments: inout ArgumentList) -> Int32 {
    do {
        let command = try type.init(arguments: &arguments)
        return try command.run()
    } catch {
        return report(error)
    }
}

/// Prints `dnngen: error: …` and returns the error's exit status.
func report(_ error: any Error) -> Int32 {
    FileHandle.standardError.write(Data("dnngen: error: \(ErrorReport.message(for: error))\n".utf8))
    return ErrorReport.status(of: error).rawValue
}

var words = Array(CommandLine.arguments.dropFirst())
guard let first = words.first else {
    Console.write(topLevelHelp())
    exit(0)
}
if first == "--help" || first == "-h" || first == "help" {
    Console.write(topLevelHelp())
    exit(0)
}
if first == "--version" {
    Console.line("dnngen \(GenerationContext.version)")
    exit(0)
}
guard let commandType = Commands.all.first(where: { $0.name == first }) else {
    exit(report(UsageError("unknown command '\(first)' (commands: \(Commands.all.map { $0.name }.joined(separator: ", ")); see dnngen --help)")))
}
words.removeFirst()
if words.contains("--help") || words.contains("-h") {
    Console.write(commandType.help)
    exit(0)
}
var arguments = ArgumentList(words, command: commandType.name)
exit(runCommand(commandType, arguments: &arguments))
