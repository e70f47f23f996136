import Foundation
import Testing
@testable import DNNGen

/// The bench really fails: a wrong expected value or a wrong ROM word gives FAIL and exit 1.
@Suite("Testbench catches faults")
struct TestbenchCatchesFaultsTests {
    static func corrupt(line index: Int, of path: String) throws {
        var lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let word = lines[index]
        // Flip the lowest bit of the last hex digit: a different value of the same width.
        guard let last = word.last, let digit = Int(String(last), radix: 16) else { throw CLIError("not hex: \(word)") }
        lines[index] = word.dropLast() + String(digit ^ 1, radix: 16)
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }

    func builtInDesign(_ label: String) throws -> DesignHarness {
        let model = try ModelFile.decode(BuiltInExample.bytes, file: BuiltInExample.fileName)
        return try DesignHarness(model: model, vectors: 4, seed: 7, label: label)
    }

    @Test func corruptedExpectedValueFails() throws {
        let harness = try builtInDesign("corrupt-expected")
        try Self.corrupt(line: 13, of: harness.directory + "/tb/expected.hex")
        let result = try CLI.run(["sim", harness.directory])
        #expect(result.status == 1, "\(result.output)\(result.error)")
        #expect(result.output.contains("MISMATCH vec=1 idx=3"))
        #expect(result.output.contains("FAIL mismatches="))
        harness.remove()
    }

    /// Replaces a ROM word by its complement: every weight lane in it changes.
    static func complement(line index: Int, of path: String) throws {
        var lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[index] = String(lines[index].map { c -> Character in
            let digit = Int(String(c), radix: 16) ?? 0
            return Character(String(15 - digit, radix: 16))
        })
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test func corruptedRomWordFails() throws {
        let harness = try builtInDesign("corrupt-rom")
        // The output layer's first weight word: it feeds the logits directly.
        guard let rom = harness.design.files.map(\.path).first(where: { $0.hasPrefix("rom/l2_") && $0.contains("_w_pe0") }) else {
            throw CLIError("no weight ROM for the second layer in the design")
        }
        try Self.complement(line: 0, of: harness.directory + "/" + rom)
        let result = try CLI.run(["sim", harness.directory])
        #expect(result.status == 1, "\(result.output)\(result.error)")
        #expect(result.output.contains("FAIL mismatches="))
        harness.remove()
    }

    @Test func uncorruptedDesignPasses() throws {
        let harness = try builtInDesign("clean")
        let result = try CLI.run(["sim", harness.directory])
        #expect(result.status == 0, "\(result.output)\(result.error)")
        #expect(result.output.contains("PASS mismatches=0 vectors=4"))
        harness.remove()
    }
}
