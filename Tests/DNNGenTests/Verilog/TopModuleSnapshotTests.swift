import Foundation
import Testing
@testable import DNNGen

/// The generated top of two tiny models, compared with the reviewed files in Snapshots/.
/// After a deliberate change, `DNNGEN_RECORD=1 swift test --filter TopModuleSnapshotTests`
/// rewrites them; review the diff like code.
@Suite("Top module snapshots")
struct TopModuleSnapshotTests {
    /// conv (padded) → maxpool tiling its image → strided conv → flatten → dense, on dense engines:
    /// FIFOs, sliding windows, `dnngen_mvu` with its ROMs, `dnngen_maxpool`, both stream adapters.
    @Test func convPipelineTop() throws {
        try check(FormatFixtures.convModel(), folding: FoldingRequest(multipliers: 16), snapshot: "convPipelineTop")
    }

    /// conv → maxpool striding unlike its kernel → two dense layers, on sparse lane engines
    /// within 16 multipliers: `dnngen_swu` + `dnngen_window_max`, `dnngen_sparse_lane_mvu` with
    /// its code and parameter ROMs (the conv's 12 output pixels in one batch of 12 lanes).
    @Test func sparseEnginesTop() throws {
        try check(FormatFixtures.sharedTensorModel(), folding: FoldingRequest(multipliers: 16, engine: .sparse), snapshot: "sparseEnginesTop")
    }

    private func check(_ model: Model, folding: FoldingRequest, snapshot: String) throws {
        let plan = try HardwarePlan(model: model, folding: folding)
        let context = GenerationContext(command: "dnngen rtl \(snapshot).bin", modelBytes: ModelFile.encode(model))
        let text = TopModuleWriter(plan: plan, context: context).text()
        let path = CLI.root + "/Tests/DNNGenTests/Snapshots/\(snapshot).v"
        if ProcessInfo.processInfo.environment["DNNGEN_RECORD"] == "1" {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == expected, "\(snapshot).v differs from the generated top: \(firstDifference(text, expected))")
    }

    private func firstDifference(_ a: String, _ b: String) -> String {
        let (left, right) = (a.components(separatedBy: "\n"), b.components(separatedBy: "\n"))
        for index in 0..<max(left.count, right.count) {
            let (x, y) = (index < left.count ? left[index] : "<end>", index < right.count ? right[index] : "<end>")
            if x != y { return "line \(index + 1): generated '\(x)', snapshot '\(y)'" }
        }
        return "none"
    }
}
