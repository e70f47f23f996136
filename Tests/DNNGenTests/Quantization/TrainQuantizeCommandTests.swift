import Foundation
import Testing
@testable import DNNGen

extension QuantizationTests {
    /// `dnngen train`, `quantize`, `eval` and `rtl` on a toy IDX data set, as a user runs them.
    @Suite struct TrainQuantizeCommandTests {
        /// Writes the toy patterns as plain IDX files (train and t10k) into a fresh folder.
        static func writeToyIDX() throws -> String {
            let folder = FileManager.default.temporaryDirectory
                .appendingPathComponent("dnngen-train-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            func bigEndian(_ value: Int) -> [UInt8] { (0..<4).map { UInt8((value >> (24 - 8 * $0)) & 0xFF) } }
            for (split, data) in [("train", TrainingFixtures.patterns(count: 800, seed: 11)),
                                  ("t10k", TrainingFixtures.patterns(count: 400, seed: 12))] {
                let images = [0, 0, 8, 3] + bigEndian(data.count) + bigEndian(8) + bigEndian(8) + data.images
                let labels = [0, 0, 8, 1] + bigEndian(data.count) + data.labels
                try Data(images).write(to: URL(fileURLWithPath: "\(folder)/\(split)-images-idx3-ubyte"))
                try Data(labels).write(to: URL(fileURLWithPath: "\(folder)/\(split)-labels-idx1-ubyte"))
            }
            return folder
        }

        @Test func trainQuantizeEvalAndRTLRunEndToEnd() throws {
            let folder = try Self.writeToyIDX()
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let train = try CLI.run(["train", "--arch", "mlp:64-24-4", "--data", folder, "-o", "\(folder)/float.bin",
                                     "--epochs", "12", "--lr", "0.01", "--batch", "32", "--seed", "3"])
            #expect(train.status == 0, "\(train.error)")
            #expect(train.output.contains("epoch 12/12: loss "))
            #expect(train.output.contains("images/s"))
            let model = try FloatModelFile.read(path: "\(folder)/float.bin")
            #expect(model.inputScale == 1.0 / 255 && model.name == "mlp-64-24-4")

            let quantize = try CLI.run(["quantize", "\(folder)/float.bin", "--data", folder, "--weight-bits", "4",
                                        "--per-channel", "-o", "\(folder)/model.bin"])
            #expect(quantize.status == 0, "\(quantize.error)")
            #expect(quantize.output.contains("fc1: weight scale "))
            #expect(quantize.output.contains("test accuracy on 400 images: float "))

            let eval = try CLI.run(["eval", "\(folder)/model.bin", "--data", folder])
            #expect(eval.status == 0, "\(eval.error)")
            let accuracyText = eval.output.components(separatedBy: "top-1 accuracy ").last ?? ""
            let percent = Double(accuracyText.prefix(while: { $0 != "%" })) ?? 0
            #expect(percent >= 90, "\(eval.output)")

            let rtl = try CLI.run(["rtl", "\(folder)/model.bin", "-o", "\(folder)/rtl"])
            #expect(rtl.status == 0, "\(rtl.error)")
        }

        @Test(arguments: [
            (["train", "--data", "/nonexistent", "-o", "f.bin"], "train: give exactly one of --arch (fresh weights) and --init FLOAT.bin (fine-tuning)"),
            (["train", "--arch", "lenet7", "-o", "f.bin"], "train: --arch: architecture 'lenet7' is not lenet5, lenet300 or mlp:N-N-...-N (at least an input and an output size, each 1 to 65536)"),
            (["train", "--arch", "lenet5", "-o", "f.bin", "--fake-quant", "int:1"], "train: --fake-quant: int weights take 2 to 16 bits, not 1"),
            (["train", "--arch", "lenet5", "-o", "f.bin", "--optimizer", "rmsprop"], "train: --optimizer takes adam or sgd, got 'rmsprop'"),
            (["quantize", "f.bin", "-o", "m.bin"], "quantize: give --weight-bits (int weights take 2 to 16)"),
            (["quantize", "f.bin", "--weight-kind", "pow2", "--weight-bits", "8", "-o", "m.bin"], "quantize: pow2 weights are quantized with at most 6 bits (levels up to ±2^30), not 8"),
            (["quantize", "f.bin", "--weight-bits", "4", "--percentile", "0", "-o", "m.bin"], "quantize: --percentile takes a number above 0 and at most 100, got '0'"),
        ])
        func badOptionsAreUsageErrors(arguments: [String], message: String) throws {
            let result = try CLI.run(arguments)
            #expect(result.status == 2)
            #expect(result.error == "dnngen: error: \(message)\n")
        }
    }
}
