import Foundation
import Testing
@testable import DNNGen

/// One regression test per finding of the external fuzz run (issue 11's table): bad, hostile and
/// huge input through the built binary, as a user meets it.
@Suite("Hostile input")
struct HostileInputTests {
    /// A fresh folder for one test; the binary runs inside it.
    static func workFolder() throws -> String {
        let path = NSTemporaryDirectory() + "dnngen-hostile-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func write(_ bytes: [UInt8], _ name: String, in folder: String) throws -> String {
        try Data(bytes).write(to: URL(fileURLWithPath: folder + "/" + name))
        return name
    }

    static let small = FormatFixtures.denseModel()

    /// `[C, H, W]` input, a 1×1 conv, a pool over the whole map, flatten, dense: a few bytes of
    /// weights, activations as large as asked.
    static func hugeMap(_ height: Int, _ width: Int, layerName: String = "conv", modelName: String = "huge") -> Model {
        let conv = Conv2DLayer(weight: IntTensor(name: "conv.w", shape: [1, 1, 1, 1], values: [1], dtype: "I8"), bias: nil,
                               stride: [1, 1], padding: [0, 0], weightBits: 2, weightKind: .int,
                               requant: Requant(multiplier: .perLayer(1), shift: .perLayer(0)),
                               output: ActivationType(bits: 8, signed: false))
        let fc = DenseLayer(weight: IntTensor(name: "fc.w", shape: [2, 1], values: [1, -1], dtype: "I8"), bias: nil,
                            weightBits: 2, weightKind: .int, requant: Requant(multiplier: .perLayer(1), shift: .perLayer(0)),
                            output: ActivationType(bits: 8, signed: true))
        return Model(name: modelName, inputShape: [1, height, width], inputType: ActivationType(bits: 8, signed: false),
                     layers: [Layer(name: layerName, op: .conv2d(conv)),
                              Layer(name: "pool", op: .maxpool2d(MaxPool2DLayer(kernel: [height, width], stride: [height, width]))),
                              Layer(name: "flat", op: .flatten), Layer(name: "fc", op: .dense(fc))])
    }

    static func expectBadInput(_ result: CLI.Result, _ expected: String, _ comment: String = "") {
        #expect(result.status == 2, "\(comment): \(result.error)")
        #expect(result.error.hasPrefix("dnngen: error: "), "\(comment): \(result.error)")
        #expect(result.error.contains(expected), "\(comment): \(result.error)")
        #expect(result.error.split(separator: "\n").count == 1, "\(comment): \(result.error)")
    }

    // MARK: crash on a valid model; over 20 s; over 4 GB

    @Test(arguments: [(65536, 65536), (16384, 16384), (4096, 4096)])
    func hugeActivationsAreInspectedAndRefusedByRTLWithoutAllocating(height: Int, width: Int) throws {
        let folder = try Self.workFolder()
        let file = try Self.write(ModelFile.encode(Self.hugeMap(height, width)), "huge.bin", in: folder)
        let inspect = try CLI.run(["inspect", file], in: folder)
        #expect(inspect.status == 0, "\(inspect.error)")
        #expect(inspect.output.contains("weight storage per engine: not shown"))
        let rtl = try CLI.run(["rtl", file, "-o", "out"], in: folder)
        Self.expectBadInput(rtl, "huge.bin: input shape [1, \(height), \(width)] holds \(height * width) elements, more than the 1048576")
        #expect(!FileManager.default.fileExists(atPath: folder + "/out"))
    }

    @Test func thousandsOfLayersAreRefusedByRTL() throws {
        let folder = try Self.workFolder()
        let layer = FormatFixtures.sharedTensorModel().layers[3]
        let model = Model(name: "deep", inputShape: [2], inputType: ActivationType(bits: 2, signed: true),
                          layers: (0..<5000).map { Layer(name: "d\($0)", op: layer.op) })
        let file = try Self.write(ModelFile.encode(model), "deep.bin", in: folder)
        Self.expectBadInput(try CLI.run(["rtl", file, "-o", "out"], in: folder), "deep.bin: the model has 5000 layers, more than the 1000")
        #expect(try CLI.run(["inspect", file], in: folder).status == 0)
    }

    // MARK: writes outside the output folder

    @Test(arguments: [[""], ["/"], ["."], [".."]])
    func dangerousOutputFoldersAreRefused(output: [String]) throws {
        let folder = try Self.workFolder()
        let result = try CLI.run(["rtl", "-o"] + output, in: folder)
        #expect(result.status == 2, "\(output): \(result.error)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: "/files.f"))
    }

    @Test func simOfAnEmptyPathIsRefused() throws {
        Self.expectBadInput(try CLI.run(["sim", ""]), "sim: give the design folder")
    }

    @Test func aFailedWriteLeavesNothingBehind() throws {
        let folder = try Self.workFolder()
        try Data("x".utf8).write(to: URL(fileURLWithPath: folder + "/blocker"))
        let result = try CLI.run(["rtl", "-o", "blocker/out"], in: folder)
        #expect(result.status == 2, "\(result.error)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["blocker"])
    }

    @Test func aDesignFolderIsReplacedWholeAndForeignFilesAreKept() throws {
        let folder = try Self.workFolder()
        #expect(try CLI.run(["rtl", "-o", "out", "--vectors", "2"], in: folder).status == 0)
        try Data("stale".utf8).write(to: URL(fileURLWithPath: folder + "/out/rom/stale.hex"))
        #expect(try CLI.run(["rtl", "-o", "out", "--vectors", "2"], in: folder).status == 0)
        #expect(!FileManager.default.fileExists(atPath: folder + "/out/rom/stale.hex"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["out"], "no staging folder left")
        try Data("mine".utf8).write(to: URL(fileURLWithPath: folder + "/out/notes.txt"))
        Self.expectBadInput(try CLI.run(["rtl", "-o", "out"], in: folder), "out: holds files dnngen rtl did not write ('notes.txt')")
        #expect(FileManager.default.fileExists(atPath: folder + "/out/notes.txt"))
    }

    // MARK: names reach the Verilog unescaped

    @Test(arguments: ["fc\n1 // */ `define x", String(repeating: "n", count: 300), "tab\there\u{1B}[31m\\"])
    func hostileNamesGiveADesignThatCompiles(name: String) throws {
        let folder = try Self.workFolder()
        var model = FormatFixtures.sharedTensorModel()
        model.name = name
        model.layers[3].name = name
        let file = try Self.write(ModelFile.encode(model), "names.bin", in: folder)
        let rtl = try CLI.run(["rtl", file, "-o", "out", "--vectors", "3"], in: folder)
        #expect(rtl.status == 0, "\(rtl.error)")
        #expect(!rtl.output.unicodeScalars.contains { $0 == "\u{1B}" })
        let sim = try CLI.run(["sim", "out"], in: folder)
        #expect(sim.status == 0, "\(sim.output)\(sim.error)")
        #expect(sim.output.contains("PASS"), "\(sim.output)")
        for entry in try FileManager.default.subpathsOfDirectory(atPath: folder + "/out") {
            #expect((entry as NSString).lastPathComponent.utf8.count < 100, "\(entry)")
        }
    }

    @Test func commentSafeNamesKeepTheOriginalReadable() {
        #expect(VerilogName.comment("fc1") == "fc1")
        #expect(VerilogName.comment("a\nb\\") == "a\\u{A}b\\u{5C}")
        #expect(VerilogName.comment("réseau") == "r\\u{E9}seau")
        let long = VerilogName.layer(String(repeating: "x", count: 300), index: 1)
        #expect(long.count <= 3 + VerilogName.maximumBodyLength)
        #expect(long != VerilogName.layer(String(repeating: "x", count: 299), index: 1), "distinct names stay distinct")
        #expect(long == VerilogName.layer(String(repeating: "x", count: 300), index: 1), "deterministic")
    }

    // MARK: accepted but malformed

    @Test func malformedContainersAreRefusedByEveryCommand() throws {
        let folder = try Self.workFolder()
        let bytes = ModelFile.encode(Self.small)
        let headerLength = Int(LittleEndian.unsigned(bytes, at: 0, width: 8))
        var trailingText = bytes
        trailingText[8 + headerLength - 1] = UInt8(ascii: "x")  // a padding space or the closing brace
        let noLayers = FormatFixtures.mutatingGraph(bytes) { $0.set([.key("layers")], []) }
        let bigInteger = FormatFixtures.mutatingContainer(bytes) { container in
            container.metadata["graph"] = container.metadata["graph"]?
                .replacingOccurrences(of: #""weight_bits":4"#, with: #""weight_bits":100000000000000000000000"#)
        }
        let cases: [(String, [UInt8], String)] = [
            ("trailing bytes", bytes + [0], "1 bytes after the last tensor"),
            ("concatenated", bytes + bytes, "bytes after the last tensor"),
            ("zero layers", noLayers, "'layers' is empty"),
            ("integer beyond 64 bits", bigInteger, "layer 'fc1': 'weight_bits' 1e+23 is beyond the 64-bit integer range"),
        ]
        let inputs = try Self.write(NPY.encode(NPYArray(shape: [1, 8], values: Array(0..<8), dtype: "<i4")), "x.npy", in: folder)
        for (name, mutated, expected) in cases {
            let file = try Self.write(mutated, "bad.bin", in: folder)
            Self.expectBadInput(try CLI.run(["inspect", file], in: folder), expected, name)
            Self.expectBadInput(try CLI.run(["run", file, "--inputs", inputs], in: folder), expected, name)
        }
        let text = FormatFixtures.rawSafeTensors(header: #"{"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}} trailing"#, data: [1])
        Self.expectBadInput(try CLI.run(["inspect", try Self.write(text, "text.bin", in: folder)], in: folder), "text.bin: safetensors header")
    }

    /// An output no command could write is refused before any work: compare names it before it
    /// plans (its progress line would come first), and a device is never replaced by a file.
    @Test func outputsAreCheckedBeforeAnyWork() throws {
        let folder = try Self.workFolder()
        let model = try Self.write(ModelFile.encode(Self.small), "m.bin", in: folder)
        let inputs = try Self.write(NPY.encode(NPYArray(shape: [1, 8], values: Array(0..<8), dtype: "<i4")), "x.npy", in: folder)
        let cases: [([String], String)] = [
            (["compare", model, "-o", "/dev/null", "--no-sim", "--no-synth"], "/dev/null: exists and is not a folder"),
            (["compare", model, "-o", "/", "--no-sim", "--no-synth"], "/: is the file-system root"),
            (["compare", model, "--json", "/dev/null", "--no-sim", "--no-synth"], "/dev/null: is not a regular file"),
            (["compare", model, "--html", "nofolder/r.html", "--no-sim", "--no-synth"], "nofolder/r.html: cannot be written: its folder 'nofolder' does not exist"),
            (["run", model, "--inputs", inputs, "--output", "/dev/null"], "/dev/null: is not a regular file"),
            (["rtl", "missing.bin", "-o", "/dev/null"], "/dev/null: exists and is not a folder"),
            (["train", "--arch", "mlp:8-2", "--data", "nodata", "-o", "/dev/null"], "/dev/null: is not a regular file"),
        ]
        for (arguments, expected) in cases {
            Self.expectBadInput(try CLI.run(arguments, in: folder), expected, arguments.joined(separator: " "))
        }
        // A one-character output name in the current folder (the fuzz run's `sim --output 1`).
        #expect(try CLI.run(["run", model, "--inputs", inputs, "--output", "y"], in: folder).status == 0)
        try FileManager.default.removeItem(atPath: folder + "/y")
        let type = try FileManager.default.attributesOfItem(atPath: "/dev/null")[.type] as? FileAttributeType
        #expect(type == .typeCharacterSpecial)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["m.bin", "x.npy"])
    }

    /// `-o --seed 3` lost its folder name: the flag is not taken as one. A path that starts with
    /// '-' is still possible, as ./-name or --output=-name.
    @Test func aFlagIsNotTakenForAPath() throws {
        let folder = try Self.workFolder()
        let cases: [([String], String)] = [
            (["rtl", "-o", "--seed", "3"], "rtl: -o needs a path, but the next word '--seed' looks like a flag"),
            (["rtl", "--inputs", "-x"], "rtl: --inputs needs a path, but the next word '-x' looks like a flag"),
            (["run", "--inputs", "x.npy", "--output", "--seed"], "run: --output needs a path, but the next word '--seed' looks like a flag"),
            (["compare", "--json", "--no-sim"], "compare: --json needs a path, but the next word '--no-sim' looks like a flag"),
        ]
        for (arguments, expected) in cases {
            Self.expectBadInput(try CLI.run(arguments, in: folder), expected, arguments.joined(separator: " "))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
        #expect(try CLI.run(["rtl", "--output=-dash", "--vectors", "2"], in: folder).status == 0)
        #expect(try CLI.run(["rtl", "-o", "./-dot", "--vectors", "2"], in: folder).status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["-dash", "-dot"])
    }

    // MARK: accepted CLI misuse

    @Test(arguments: [
        (["rtl", "--fold", ""], "rtl: --fold needs a non-empty value"),
        (["rtl", "--fold", "fc1=2x2,fc1=4x4"], "rtl: --fold names layer 'fc1' more than once"),
        (["rtl", "--fold", "fc1=2x2", "--engine", "sparse"], "rtl: --fold sets dense-engine layers, but --engine sparse"),
        (["rtl", "--fold", "fc1=2x2", "--fold", "fc2=1x1"], "rtl: --fold is given more than once"),
        (["rtl", "--fold", "fc1=2x2,"], "rtl: --fold takes LAYER=PExSIMD or LAYER=PExSIMDxCOPIES items"),
        (["rtl", "--fold", "fc1=2x2x2x2"], "rtl: --fold takes LAYER=PExSIMD or LAYER=PExSIMDxCOPIES items"),
        (["rtl", "--fold", "fc1=2x2x0"], "rtl: --fold takes LAYER=PExSIMD or LAYER=PExSIMDxCOPIES items"),
        (["rtl", "--fold", "fc1=2x2x99999999999999999999"], "rtl: --fold takes LAYER=PExSIMD or LAYER=PExSIMDxCOPIES items"),
    ])
    func contradictoryOrRepeatedFlagsAreRefused(arguments: [String], expected: String) throws {
        Self.expectBadInput(try CLI.run(arguments), expected)
    }

    // MARK: messages

    @Test func messagesNameTheFileInTheProjectsOwnWords() throws {
        let folder = try Self.workFolder()
        try FileManager.default.createDirectory(atPath: folder + "/adir", withIntermediateDirectories: true)
        let inputs = try Self.write(NPY.encode(NPYArray(shape: [1, 8], values: Array(0..<8), dtype: "<i4")), "x.npy", in: folder)
        let model = try Self.write(ModelFile.encode(Self.small), "m.bin", in: folder)
        let toFolder = try CLI.run(["run", model, "--inputs", inputs, "--output", "adir"], in: folder)
        Self.expectBadInput(toFolder, "adir: is a folder; give the name of the file to write")
        #expect(!toFolder.error.contains("NSCocoaErrorDomain"))
        Self.expectBadInput(try CLI.run(["run", model, "--inputs", "/dev/zero"], in: folder), "/dev/zero: is not a regular file")

        var poolLast = FormatFixtures.sharedTensorModel()
        poolLast.layers = Array(poolLast.layers.prefix(2))
        let noDense = try Self.write(ModelFile.encode(poolLast), "nodense.bin", in: folder)
        Self.expectBadInput(try CLI.run(["rtl", noDense, "-o", "out"], in: folder), "nodense.bin: layer 'p': the RTL backend needs a network that ends in a dense layer")

        var hostile = Self.small
        hostile.layers[0].name = "fc\u{1B}[2J\u{7}"
        hostile.layers[1].name = hostile.layers[0].name
        let escaped = try Self.write(ModelFile.encode(hostile), "esc.bin", in: folder)
        let result = try CLI.run(["inspect", escaped], in: folder)
        Self.expectBadInput(result, "esc.bin: layer 'fc\\u{1B}[2J\\u{7}': duplicate layer name")
        #expect(!result.error.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{7}" })
    }
}
