import Foundation
import Testing
@testable import DNNGen

/// Every error kind knows its exit status and prints one clean message.
@Suite("Error protocol")
struct ErrorProtocolTests {
    /// One instance of every error type in `Sources/`, with the status it must give. A new error
    /// type is added here (`everyErrorTypeIsInTheTable` fails until it is).
    static let table: [(error: any DNNGenError, status: DNNGen.ExitStatus)] = [
        (ModelFormatError(file: "model.bin", layer: "fc1", "'weight_bits' 17 is out of range 1...16"), .badInput),
        (GraphError(layer: "fc1", "dense needs a vector input"), .badInput),
        (JSONParseError("expected a value, found the end", offset: 3), .badInput),
        (InflateError("invalid Huffman code", offset: 12), .badInput),
        (UsageError("rtl: --fold needs a value"), .badInput),
        (FileError(path: "out", "exists and is not a folder"), .badInput),
        (PlanError(layer: "fc1", "--fold 3x1 does not divide 10 outputs"), .badInput),
        (QuantizationError(layer: "fc1", "channel 0: the scale ratio is not finite"), .badInput),
        (CompressionError("rate '-1' is neither a pruned fraction nor a compression rate"), .badInput),
        (TrainingError("the data set's images do not fit the network"), .badInput),
        (ProtobufError(offset: 25, "truncated varint"), .badInput),
        (ONNXDecodeError("graph: node[3]: malformed protobuf at byte 25: truncated varint"), .badInput),
        (SimulationError.notADesign("out"), .badInput),
        (SimulationError.toolMissing("iverilog"), .checkFailed),
        (SimulationError.toolFailedToStart("vvp", "permission denied"), .checkFailed),
        (SimulationError.compileFailed("tb.v:3: syntax error"), .checkFailed),
        (SimulationError.noSummary("no PASS line"), .checkFailed),
    ]

    @Test func eachErrorKindGivesItsStatus() {
        for (error, status) in Self.table {
            #expect(error.exitStatus == status, "\(type(of: error)): \(error)")
            #expect(ErrorReport.status(of: error) == status)
            #expect(ErrorReport.message(for: error) == error.userMessage)
        }
    }

    @Test func badInputMessagesAreOneLineWithoutControlCharacters() {
        let hostile = "a\nb\r\u{1B}[31mred\u{7}\u{9B}\u{2028}"
        let errors: [any DNNGenError] = Self.table.map(\.error) + [
            ModelFormatError(file: "m\n.bin", layer: hostile, hostile), UsageError(hostile), FileError(path: hostile, "x"),
        ]
        for error in errors where error.exitStatus == .badInput {
            let message = error.userMessage
            #expect(!message.unicodeScalars.contains { PrintableText.isControl($0) }, "\(message)")
        }
        #expect(ModelFormatError(file: "m.bin", layer: "a\nb", "bad").userMessage == "m.bin: layer 'a\\nb': bad")
        #expect(UsageError("x\u{1B}y").userMessage == "x\\u{1B}y")
    }

    @Test func checkFailureLogsKeepTheirLines() {
        let error = SimulationError.compileFailed("line 1\nline 2\u{1B}")
        #expect(error.userMessage == "iverilog failed to compile the design:\nline 1\nline 2\\u{1B}")
    }

    @Test func errorsFromOutsideCountAsFailedChecks() {
        struct Foreign: Error {}
        #expect(ErrorReport.status(of: Foreign()) == .checkFailed)
        #expect(ErrorReport.message(for: Foreign()).hasPrefix("internal error"))
    }

    /// Scans `Sources/` for `struct|enum X: … Error …` declarations.
    @Test func everyErrorTypeIsInTheTable() throws {
        let sources = URL(fileURLWithPath: CLI.root + "/Sources")
        let enumerator = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        var declared: Set<String> = []
        let pattern = try NSRegularExpression(pattern: #"(?:struct|enum|class)\s+(\w+)\s*:\s*[^{]*\b(?:Error|DNNGenError)\b"#)
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "swift", let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                if let range = Range(match.range(at: 1), in: text) { declared.insert(String(text[range])) }
            }
        }
        let tabled = Set(Self.table.map { String(describing: type(of: $0.error)) })
        #expect(declared.count >= 10, "the scan found \(declared.sorted())")
        #expect(declared.subtracting(tabled).isEmpty, "error types missing from the table: \(declared.subtracting(tabled).sorted())")
    }

    /// Through the binary: each kind of bad input exits 2 with one line on stderr.
    @Test(arguments: [
        (["frobnicate"], "unknown command 'frobnicate'"),
        (["inspect", "/dev/zero"], "/dev/zero: is not a regular file"),
        (["inspect", "Package.swift"], "Package.swift: safetensors header length"),
        (["sim", ""], "sim: give the design folder"),
        (["sim", "Sources"], "Sources: not a design folder"),
        (["rtl", "--vectors", "0"], "rtl: --vectors takes a whole number"),
    ])
    func badInputExitsTwoWithOneLine(arguments: [String], expected: String) throws {
        let result = try CLI.run(arguments)
        #expect(result.status == 2, "\(arguments): \(result.error)")
        #expect(result.error.hasPrefix("dnngen: error: " + expected), "\(arguments): \(result.error)")
        #expect(result.error.split(separator: "\n").count == 1, "\(arguments): \(result.error)")
    }
}
