import Foundation
import Testing
@testable import DNNGen

extension CompressionTests {
    /// `dnngen compress` as a user runs it, on the toy IDX data: then `inspect`, `rtl`, `sim`.
    @Suite struct CompressCommandTests {
        @Test func compressWritesAModelThatInspectShowsAndRTLBuilds() throws {
            let folder = try QuantizationTests.TrainQuantizeCommandTests.writeToyIDX()
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let floatPath = "\(folder)/float.bin"
            try FloatModelFile.write(try CompressionFixtures.trainedCNN(), to: floatPath)

            let compress = try CLI.run(["compress", floatPath, "--data", folder, "--prune", "filter:conv1=0.5",
                                        "--weight-bits", "4", "--per-channel", "--admm-epochs", "2", "--retrain-epochs", "2",
                                        "--quant-admm-epochs", "1", "--qat-epochs", "1", "--batch", "32", "--lr", "0.01",
                                        "-o", "\(folder)/model.bin"])
            #expect(compress.status == 0, "\(compress.error)")
            let lines = compress.output.split(separator: "\n").map(String.init)
            #expect(lines.contains { $0.hasPrefix("  filters kept: conv1 2/4, fc1 4/4") }, "\(compress.output)")
            #expect(lines.contains { $0.hasPrefix("  admm-prune 2/2: loss ") && $0.contains("sparsity") && $0.contains("|W-Z|/|W|") })
            #expect(lines.contains { $0.hasPrefix("  qat 1/1: loss ") })
            #expect(lines.contains { $0.hasPrefix("total ") }, "the compression table")
            #expect(lines.contains { $0.hasPrefix("accuracy: float, unpruned ") && $0.contains("integer (model.bin) ") })

            let model = try ModelFile.read(path: "\(folder)/model.bin")
            let conv1 = try #require(Analysis.analyze(model).first)
            #expect(conv1.structure.prunedRows.count == 2, "two of conv1's four filters are gone")
            let inspect = try CLI.run(["inspect", "\(folder)/model.bin"])
            #expect(inspect.status == 0 && inspect.output.contains("filters 2/4") && inspect.output.contains("cols 18/36"), "\(inspect.output)")

            let rtl = try CLI.run(["rtl", "\(folder)/model.bin", "-o", "\(folder)/rtl", "--vectors", "4"])
            #expect(rtl.status == 0, "\(rtl.error)")
            let sim = try CLI.run(["sim", "\(folder)/rtl"])
            #expect(sim.status == 0 && sim.output.contains("PASS"), "\(sim.output)\(sim.error)")
        }

        @Test(arguments: [
            (["compress", "f.bin", "--weight-bits", "4", "-o", "m.bin"], "compress: give what to prune, e.g. --prune irregular:10x or --prune filter:0.6"),
            (["compress", "f.bin", "--prune", "rows:0.5", "--weight-bits", "4", "-o", "m.bin"], "compress: --prune: 'rows:0.5' is not KIND:RATE with KIND one of irregular, filter, channel, shape (e.g. irregular:10x, filter:0.6)"),
            (["compress", "f.bin", "--prune", "irregular:1.5", "--weight-bits", "4", "-o", "m.bin"], "compress: --prune: rate '1.5' is neither a pruned fraction in [0, 1) (e.g. 0.9) nor a compression rate of at least 1 (e.g. 10x)"),
            (["compress", "f.bin", "--prune", "irregular:0.5", "--weight-kind", "binary", "-o", "m.bin"], "compress: binary weights (-1/+1) have no zero, so they cannot be pruned; use int, ternary or pow2"),
            (["compress", "f.bin", "--prune", "irregular:0.5", "--weight-bits", "4", "--rho", "0", "-o", "m.bin"], "compress: --rho takes a number above 0.0, got '0'"),
            (["compress", "f.bin", "--prune", "irregular:0.5", "--weight-bits", "4", "--method", "lottery", "-o", "m.bin"], "compress: --method takes admm or magnitude, got 'lottery'"),
            (["compress", "/nonexistent/f.bin", "--prune", "irregular:0.5", "--weight-bits", "4", "--data", "/nonexistent", "-o", "m.bin"], nil),
        ] as [([String], String?)])
        func badOptionsAreUsageErrors(arguments: [String], message: String?) throws {
            let result = try CLI.run(arguments)
            #expect(result.status == 2, "\(result.error)")
            if let message {
                #expect(result.error == "dnngen: error: \(message)\n")
            } else {
                #expect(result.error.contains("/nonexistent/f.bin"), "\(result.error)")
            }
        }
    }
}
