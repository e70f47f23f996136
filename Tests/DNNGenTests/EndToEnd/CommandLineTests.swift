import Foundation
import Testing
@testable import DNNGen

/// The commands as a user runs them: outputs, determinism, exit statuses and messages.
@Suite("Command line")
struct CommandLineTests {
    @Test func sameModelGivesByteIdenticalFolders() throws {
        let a = try TemporaryFolder.make("det-a")
        let b = try TemporaryFolder.make("det-b")
        for folder in [a, b] {
            let result = try CLI.run(["rtl", "examples/digits-mlp.bin", "-o", folder, "--vectors", "5"])
            #expect(result.status == 0, "\(result.error)")
        }
        let filesA = try FileManager.default.subpathsOfDirectory(atPath: a).sorted()
        let filesB = try FileManager.default.subpathsOfDirectory(atPath: b).sorted()
        #expect(filesA == filesB)
        #expect(filesA.count > 5)
        for file in filesA {
            let dataA = FileManager.default.contents(atPath: a + "/" + file)
            let dataB = FileManager.default.contents(atPath: b + "/" + file)
            #expect(dataA == dataB, "\(file) differs")
        }
        try? FileManager.default.removeItem(atPath: a)
        try? FileManager.default.removeItem(atPath: b)
    }

    /// The example scripts compute expected outputs with their own numpy implementation of the
    /// spec: `dnngen run` must agree with it to the bit.
    @Test(arguments: [("digits-mlp", "digits"), ("lenet5", "lenet5"), ("lenet5-irregular", "lenet5-irregular"),
                      ("digits-mlp-structured", "digits-mlp-structured"), ("digits-mlp-irregular", "digits-mlp-irregular"),
                      ("lenet5-admm-irregular", "lenet5-admm-irregular"), ("lenet5-admm-structured", "lenet5-admm-structured")])
    func runMatchesTheExampleScriptsIndependentReference(model: String, vectors: String) throws {
        let folder = try TemporaryFolder.make("run")
        let output = folder + "/y.npy"
        let result = try CLI.run(["run", "examples/\(model).bin", "--inputs", "examples/\(vectors)-inputs.npy", "--output", output])
        #expect(result.status == 0, "\(result.error)")
        let produced = try NPY.read(path: output)
        let expected = try NPY.read(path: CLI.root + "/examples/\(vectors)-expected.npy")
        #expect(produced.shape == expected.shape)
        #expect(produced.values == expected.values)
        try? FileManager.default.removeItem(atPath: folder)
    }

    @Test func simulatedOutputsEqualTheReference() throws {
        let folder = try TemporaryFolder.make("simout")
        let rtl = try CLI.run(["rtl", "examples/digits-mlp.bin", "-o", folder, "--inputs", "examples/digits-inputs.npy"])
        #expect(rtl.status == 0, "\(rtl.error)")
        #expect(rtl.output.contains("fc1") && rtl.output.contains("PE x SIMD"))
        let sim = try CLI.run(["sim", folder, "--output", folder + "/actual.npy"])
        #expect(sim.status == 0, "\(sim.output)\(sim.error)")
        let actual = try NPY.read(path: folder + "/actual.npy")
        let expected = try NPY.read(path: CLI.root + "/examples/digits-expected.npy")
        #expect(actual.shape == expected.shape)
        #expect(actual.values == expected.values)
        try? FileManager.default.removeItem(atPath: folder)
    }

    @Test("bad input exits 2 with one message naming the file", arguments: [
        (["inspect", "no-such.bin"], "no-such.bin"),
        (["inspect", "examples/digits-inputs.npy"], "examples/digits-inputs.npy"),
        (["rtl", "--multipliers", "zero"], "--multipliers"),
        (["rtl", "--bogus"], "--bogus"),
        (["rtl", "--engine", "fancy"], "fancy"),
        (["rtl", "--fold", "nosuch=2x2", "-o", "/tmp/dnngen-tests/unused"], "nosuch"),
        (["rtl", "--fold", "fc1=1x1x2", "-o", "/tmp/dnngen-tests/unused"], "several copies of a unit"),
        (["run", "--inputs", "examples/digits-labels.npy"], "examples/digits-labels.npy"),
        (["sim", "examples"], "examples"),
        (["frobnicate"], "frobnicate"),
    ])
    func badInputExitsTwo(arguments: [String], named: String) throws {
        let result = try CLI.run(arguments)
        #expect(result.status == 2, "\(arguments): \(result.error)")
        let lines = result.error.split(separator: "\n")
        #expect(lines.count == 1, "\(arguments): \(result.error)")
        #expect(result.error.hasPrefix("dnngen: error: "))
        #expect(result.error.contains(named))
    }

    /// An unknown index format, a Rice parameter out of range and a format that cannot encode a
    /// layer: exit 2, one message naming `--index` (and the layer, when one is at fault).
    @Test("a bad --index exits 2 naming the flag and the layer", arguments: [
        (["rtl", "--engine", "sparse", "--index", "rle"], ["--index", "rle"]),
        (["rtl", "--engine", "sparse", "--index", "rice:16"], ["--index rice:16", "layer 'fc1'", "out of range"]),
        (["rtl", "--engine", "auto", "--index", "relative:16"], ["--index relative:16", "layer 'fc1'", "cannot encode"]),
        (["inspect", "--index", "rice:-1"], ["--index rice:-1", "layer 'fc1'"]),
        (["compare", "--index", "bitmap:2", "--no-sim", "--no-synth"], ["--index", "bitmap:2"]),
    ])
    func badIndexExitsTwo(arguments: [String], named: [String]) throws {
        let folder = try TemporaryFolder.make("bad-index")
        let result = try CLI.run(arguments + ["-o", folder + "/out"].filter { _ in arguments[0] != "inspect" })
        #expect(result.status == 2, "\(arguments): \(result.error)")
        #expect(result.error.split(separator: "\n").count == 1, "\(arguments): \(result.error)")
        for word in named { #expect(result.error.contains(word), "\(arguments): \(result.error)") }
        #expect(!FileManager.default.fileExists(atPath: folder + "/out"), "\(arguments) wrote a design")
    }

    @Test func helpListsOpsAndWeightKinds() throws {
        let result = try CLI.run(["--help"])
        #expect(result.status == 0)
        for word in ["inspect", "rtl", "sim", "dense", "flatten", "binary", "ternary", "pow2"] {
            #expect(result.output.contains(word), "\(word) missing from --help")
        }
        for command in ["inspect", "run", "rtl", "sim"] {
            let help = try CLI.run([command, "--help"])
            #expect(help.status == 0 && help.output.contains("USAGE: dnngen \(command)"))
        }
    }
}
