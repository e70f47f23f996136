import Foundation
@testable import DNNGen

/// The ONNX files of Tests/DNNGenTests/Fixtures/onnx (written by tools/make_onnx_fixtures.py).
enum ONNXFixtures {
    static let folder = CLI.root + "/Tests/DNNGenTests/Fixtures/onnx"
    static let validNames = ["qonnx-cnn-w4.onnx", "qonnx-mlp-binary.onnx", "qdq-cnn.onnx"]

    static func path(_ name: String) -> String { folder + "/" + name }

    static func bytes(_ name: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path(name)) else {
            throw CLIError("fixture \(path(name)) is missing (tools/make_onnx_fixtures.py writes it)")
        }
        return [UInt8](data)
    }
}
