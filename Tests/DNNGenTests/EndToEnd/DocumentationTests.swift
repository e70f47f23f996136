import Foundation
import Testing

/// The documents show what the program does: the README's worked example is the real output of
/// its two commands, and docs/cli.md documents every flag a command's `--help` lists.
@Suite("Documentation")
struct DocumentationTests {
    /// Runs the README's worked example and compares every line but the run times ("in 0.64 s",
    /// which vary from run to run). `DNNGEN_RECORD=1` writes the fresh output into README.md.
    @Test func readmeWorkedExampleIsTheRealOutput() throws {
        let files = FileManager.default
        let folder = try TemporaryFolder.make("readme-example")
        defer { try? files.removeItem(atPath: folder) }
        // The command names the model by the repository-relative path a reader would type.
        try files.createDirectory(atPath: folder + "/examples", withIntermediateDirectories: true)
        try files.copyItem(atPath: CLI.root + "/examples/digits-mlp.bin", toPath: folder + "/examples/digits-mlp.bin")

        var transcript = ""
        for command in [["rtl", "examples/digits-mlp.bin", "-o", "digits-rtl", "--multipliers", "64"], ["sim", "digits-rtl"]] {
            let result = try CLI.run(command, in: folder)
            #expect(result.status == 0, "dnngen \(command.joined(separator: " ")): \(result.error)")
            transcript += "$ dnngen \(command.joined(separator: " "))\n" + result.output
        }

        let readmePath = CLI.root + "/README.md"
        let readme = try String(contentsOfFile: readmePath, encoding: .utf8)
        let opening = "### A worked example\n\n```console\n"
        guard let start = readme.range(of: opening), let end = readme.range(of: "```\n", range: start.upperBound..<readme.endIndex) else {
            Issue.record("README.md has no '### A worked example' console block")
            return
        }
        if ProcessInfo.processInfo.environment["DNNGEN_RECORD"] == "1" {
            try readme.replacingCharacters(in: start.upperBound..<end.lowerBound, with: transcript)
                .write(toFile: readmePath, atomically: true, encoding: .utf8)
            return
        }
        let shown = String(readme[start.upperBound..<end.lowerBound])
        #expect(Self.withoutRunTimes(shown) == Self.withoutRunTimes(transcript),
                "README.md's worked example is stale: run `DNNGEN_RECORD=1 swift test --filter readmeWorkedExample`")
    }

    /// Every command `dnngen --help` lists has a section in docs/cli.md and a row in its table.
    @Test func cliDocumentsEveryCommand() throws {
        let help = try CLI.run(["--help"])
        #expect(help.status == 0)
        let document = try String(contentsOfFile: CLI.root + "/docs/cli.md", encoding: .utf8)
        let listed = Self.commands(inHelp: help.output)
        #expect(listed.count >= 10, "dnngen --help lists too few commands: \(listed)")
        for command in listed {
            #expect(document.contains("\n## `dnngen \(command)"), "docs/cli.md has no section for \(command)")
            #expect(document.contains("\n| `dnngen \(command)"), "docs/cli.md's command table has no row for \(command)")
        }
    }

    /// Every `--flag` of every command's `--help` appears in that command's section of docs/cli.md.
    @Test(arguments: ["inspect", "import", "run", "rtl", "sim", "compare", "eval", "train", "quantize", "compress"])
    func cliDocumentsEveryFlag(command: String) throws {
        let help = try CLI.run([command, "--help"])
        #expect(help.status == 0)
        let document = try String(contentsOfFile: CLI.root + "/docs/cli.md", encoding: .utf8)
        let sections = document.components(separatedBy: "\n## ")
        guard let section = sections.first(where: { $0.hasPrefix("`dnngen \(command) ") || $0.hasPrefix("`dnngen \(command)`") }) else {
            Issue.record("docs/cli.md has no section '## `dnngen \(command) ...`'")
            return
        }
        let flags = Set(help.output.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "-") })
            .filter { $0.hasPrefix("--") && $0.count > 2 && $0.dropFirst(2).first?.isLetter == true }.map(String.init))
        #expect(!flags.isEmpty)
        for flag in flags.sorted() {
            // The flag as a whole word: "--pe" must not be found inside "--percentile".
            let documented = section.range(of: "\(flag)(?![A-Za-z0-9-])", options: .regularExpression) != nil
            #expect(documented, "docs/cli.md does not document \(command) \(flag)")
        }
    }

    /// The command names of `dnngen --help`: the first word of each line under "COMMANDS:".
    static func commands(inHelp help: String) -> [String] {
        let lines = help.components(separatedBy: "\n")
        guard let start = lines.firstIndex(of: "COMMANDS:") else { return [] }
        return lines[(start + 1)...].prefix { $0.hasPrefix("  ") }
            .compactMap { $0.split(separator: " ").first.map(String.init) }
    }

    /// Lines with run times ("... in 0.64 s") stripped of the figure.
    static func withoutRunTimes(_ text: String) -> String {
        text.replacingOccurrences(of: #"[0-9]+\.[0-9]+ s\b"#, with: "<time> s", options: .regularExpression)
    }
}
