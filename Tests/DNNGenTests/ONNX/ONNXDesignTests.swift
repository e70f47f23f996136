import Foundation
import Testing
@testable import DNNGen

/// The imported QDQ model, with an output zero point, through `dnngen rtl` and `dnngen sim`:
/// the RTL must match the reference (which adds the zero point) on every vector.
@Suite("ONNX to RTL")
struct ONNXDesignTests {
    @Test func importedQDQModelSimulatesPass() throws {
        let folder = NSTemporaryDirectory() + "/dnngen-onnx-rtl-\(ProcessInfo.processInfo.processIdentifier)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let generate = try CLI.run(["rtl", ONNXFixtures.path("qdq-cnn.onnx"), "-o", folder, "--vectors", "8"])
        #expect(generate.status == 0, "\(generate.error)")
        let top = try String(contentsOfFile: folder + "/rtl/float_cnn_top.v", encoding: .utf8)
        #expect(top.contains(".ZERO_POINT"), "the last layer's zero point must reach dnngen_mvu")
        let simulation = try CLI.run(["sim", folder])
        #expect(simulation.status == 0, "\(simulation.output)\(simulation.error)")
        #expect(simulation.output.contains("PASS mismatches=0 vectors=8"), "\(simulation.output)")
    }
}
