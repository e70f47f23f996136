import Foundation
import Testing
@testable import DNNGen

@Suite("ONNX import")
struct ONNXImportTests {
    @Test func qonnxCNNBecomesTheChainOfLayers() throws {
        let imported = try ONNXImporter.importModel(try ONNXFixtures.bytes("qonnx-cnn-w4.onnx"), file: "cnn.onnx")
        let model = imported.model
        #expect(model.layers.map(\.op.opName) == ["conv2d", "maxpool2d", "conv2d", "flatten", "dense"])
        #expect(model.inputShape == [1, 8, 8])
        #expect(model.inputType == ActivationType(bits: 8, signed: false))
        #expect(imported.approximateLayers.isEmpty, "power-of-two scales must give exact requantization")
        guard case .conv2d(let conv1) = model.layers[0].op, case .conv2d(let conv2) = model.layers[2].op else {
            Issue.record("layers are not convolutions")
            return
        }
        #expect(conv1.padding == [1, 1] && conv1.weightBits == 4)
        #expect(conv1.output == ActivationType(bits: 4, signed: false))
        // A Relu before a signed 8-bit Quant leaves 7 unsigned bits.
        #expect(conv2.output == ActivationType(bits: 7, signed: false))
        // The fixture prunes output channel 0 of every layer: the zeros survive the import.
        #expect(conv1.weight.values.prefix(9).allSatisfy { $0 == 0 })
    }

    @Test func binaryWeightsImportAsBinaryKind() throws {
        let model = try ONNXImporter.importModel(try ONNXFixtures.bytes("qonnx-mlp-binary.onnx"), file: "mlp.onnx").model
        let kinds = model.layers.compactMap { layer -> WeightKind? in
            if case .dense(let dense) = layer.op { return dense.weightKind }
            return nil
        }
        #expect(kinds == [.binary, .binary])
    }

    @Test func qdqModelKeepsItsZeroPoints() throws {
        let imported = try ONNXImporter.importModel(try ONNXFixtures.bytes("qdq-cnn.onnx"), file: "qdq.onnx")
        let model = imported.model
        #expect(model.layers.map(\.op.opName) == ["conv2d", "maxpool2d", "conv2d", "flatten", "dense", "dense"])
        guard case .dense(let last) = model.layers[5].op else {
            Issue.record("last layer is not dense")
            return
        }
        // onnxruntime's uint8 logits are asymmetric; the ReLU outputs have zero point 0.
        #expect(last.output.zeroPoint == imported.outputZeroPoint)
        #expect(last.output.zeroPoint != 0)
        // The model survives model.bin (version 2) unchanged.
        let decoded = try ModelFile.decode(ModelFile.encode(model), file: "qdq.bin")
        #expect(decoded == model)
    }

    /// (fixture, fragments the one-line message must contain).
    static let badFiles: [(String, [String])] = [
        ("bad-unsupported-ops.onnx", ["bad-unsupported-ops.onnx", "'softmax' (Softmax)", "'gate' (Sigmoid)"]),
        ("bad-float-weight.onnx", ["bad-float-weight.onnx", "node 'fc1' (MatMul)", "float constant"]),
        ("bad-shape.onnx", ["bad-shape.onnx", "node 'fc1' (MatMul)", "[12, 17]"]),
    ]

    @Test(arguments: badFiles)
    func unsupportedGraphsExitTwoNamingFileAndNode(name: String, fragments: [String]) throws {
        let result = try CLI.run(["import", ONNXFixtures.path(name), "-o", NSTemporaryDirectory() + "/never.bin"])
        #expect(result.status == 2)
        let lines = result.error.split(separator: "\n")
        #expect(lines.count == 1, "\(result.error)")
        for fragment in fragments {
            #expect(result.error.contains(fragment), "'\(fragment)' not in: \(result.error)")
        }
    }
}
