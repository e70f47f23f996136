import Foundation
import Testing
@testable import DNNGen

extension DataTests {
    /// The real data set, from Debian's dataset-fashion-mnist. Where it is missing these tests fail
    /// with a message saying how to install it (CI installs it): a skipped check is never a pass.
    @Suite("Fashion-MNIST")
    struct FashionMNISTTests {
        static func requireDataset() -> Bool {
            guard FileManager.default.fileExists(atPath: Dataset.defaultFolder) else {
                Issue.record("Fashion-MNIST is not installed at \(Dataset.defaultFolder): run scripts/install-tools.sh (apt-get install -y dataset-fashion-mnist)")
                return false
            }
            return true
        }

        @Test func testSplitHasTenThousandBalancedImages() throws {
            guard Self.requireDataset() else { return }
            let data = try Dataset.load(split: .test)
            #expect(data.count == 10_000 && data.imageShape == [1, 28, 28])
            var perClass = [Int](repeating: 0, count: 10)
            for label in data.labels { perClass[Int(label)] += 1 }
            #expect(perClass == [Int](repeating: 1000, count: 10))
            #expect(data.labels.prefix(3) == [9, 2, 1])  // ankle boot, pullover, trouser
        }

        /// `dnngen eval` on the shipped LeNet-5 agrees with the script that built it.
        ///
        /// 447/500 was computed once with the example's own numpy reference:
        ///     cd tools && python3 -c "import json; from modelbin import read_safetensors, run_graph;
        ///       from make_lenet5_example import load_fashion_mnist as L; m, t = read_safetensors('../examples/lenet5.bin');
        ///       X, y = L('/usr/share/datasets/fashion-mnist')[2:]; p = run_graph(json.loads(m['graph']), t,
        ///       X[:500].reshape(-1, 1, 28, 28)).argmax(1); print((p == y[:500]).sum())"
        /// (no ties among the top logits); on all 10,000 images it gives 8865, the 88.65% the script reported.
        @Test func evalOfLeNet5MatchesTheExampleScript() throws {
            guard Self.requireDataset() else { return }
            let result = try CLI.run(["eval", "examples/lenet5.bin", "--limit", "500"])
            #expect(result.status == 0, "\(result.error)")
            #expect(result.output.contains("on 500 t10k images"), "\(result.output)")
            #expect(result.output.contains("top-1 accuracy 89.40% (447/500)"), "\(result.output)")
        }

        /// The ADMM pair (`make admm-pair`): `dnngen eval` agrees with the numpy reference of
        /// `tools/example_vectors.py` (448/500 and 438/500; on all 10,000 images it prints
        /// 88.57% and 88.42%, the figures `dnngen compress` reported).
        @Test(arguments: [("lenet5-admm-irregular", "89.60% (448/500)"), ("lenet5-admm-structured", "87.60% (438/500)")])
        func evalOfTheADMMPairMatchesTheNumpyReference(model: String, accuracy: String) throws {
            guard Self.requireDataset() else { return }
            let result = try CLI.run(["eval", "examples/\(model).bin", "--limit", "500"])
            #expect(result.status == 0, "\(result.error)")
            #expect(result.output.contains("top-1 accuracy \(accuracy)"), "\(result.output)")
        }

        @Test func evalOfAFloatModelOnAToySet() throws {
            let folder = try TemporaryFolder.make("eval-float")
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let modelPath = DataFixtures.path("float/tiny-cnn.bin")
            let model = try FloatModelFile.read(path: modelPath)
            var random = FormatFixtures.Random(seed: 3)
            let images = (0..<5 * 36).map { _ in UInt8.random(in: 0...255, using: &random) }
            let predicted = (0..<5).map { index in
                TopOneAccuracy.argmax(model.infer(images[(index * 36)..<((index + 1) * 36)].map { Float(Double($0) / 255) }))
            }
            // Right for the first three images, wrong for the last two.
            let labels = predicted.enumerated().map { UInt8($0.offset < 3 ? $0.element : ($0.element + 1) % 3) }
            let imageFile: [UInt8] = [0, 0, 8, 3, 0, 0, 0, 5, 0, 0, 0, 6, 0, 0, 0, 6] + images
            try Data(imageFile).write(to: URL(fileURLWithPath: folder + "/t10k-images-idx3-ubyte"))
            try Data([0, 0, 8, 1, 0, 0, 0, 5] + labels).write(to: URL(fileURLWithPath: folder + "/t10k-labels-idx1-ubyte"))

            let result = try CLI.run(["eval", modelPath, "--data", folder])
            #expect(result.status == 0, "\(result.error)")
            #expect(result.output.contains("(float model) on 5 t10k images"), "\(result.output)")
            #expect(result.output.contains("top-1 accuracy 60.00% (3/5)"), "\(result.output)")
        }

        @Test(arguments: [
            (["eval", "examples/lenet5.bin", "--data", "/nonexistent-dnngen"],
             "dnngen: error: /nonexistent-dnngen: no such folder (\(Dataset.installHint))"),
            (["eval", "--limit", "5"], "dnngen: error: eval: give the model, e.g. dnngen eval examples/lenet5.bin"),
            (["eval", "examples/lenet5.bin", "--split", "dev"], "dnngen: error: eval: --split takes t10k or train, got 'dev'"),
            (["eval", "examples/lenet5.bin", "--limit", "0"], "dnngen: error: eval: --limit takes a whole number from 1 to 2147483647, got '0'"),
        ])
        func evalReportsBadInput(arguments: [String], expected: String) throws {
            let result = try CLI.run(arguments)
            #expect(result.status == 2)
            #expect(result.error.trimmingCharacters(in: .whitespacesAndNewlines) == expected)
        }
    }
}
