import Foundation
import Testing
@testable import DNNGen

/// Generates a design for a model into a fresh temporary folder, for tests that simulate it.
struct DesignHarness {
    let directory: String
    let plan: HardwarePlan
    let design: GeneratedDesign
    let vectors: TestVectors

    /// - Parameters:
    ///   - model: goes through model.bin bytes first, so the reader is part of the path.
    ///   - extraInputs: added after the random vectors (all-min and all-max come first anyway).
    init(model: Model, folding: FoldingRequest = FoldingRequest(), vectors count: Int = 6,
         extraInputs: [[Int]] = [], seed: UInt64, label: String) throws {
        let bytes = ModelFile.encode(model)
        let decoded = try ModelFile.decode(bytes, file: "\(label).bin")
        plan = try HardwarePlan(model: decoded, folding: folding)
        var vectors = TestVectors.random(for: decoded, count: count, seed: seed)
        if !extraInputs.isEmpty {
            let extra = TestVectors.given(extraInputs, for: decoded)
            vectors.inputs += extra.inputs
            vectors.expected += extra.expected
        }
        self.vectors = vectors
        let context = GenerationContext(command: "dnngen rtl \(label).bin", modelBytes: bytes)
        design = DesignWriter(plan: plan, vectors: vectors, context: context, seed: seed).design()
        directory = try TemporaryFolder.make(label)
        try DesignFolder.write(design, to: directory)
    }

    func simulate() throws -> SimulationResult {
        try Simulator().simulate(directory: directory)
    }

    /// Verilator's complaints about the synthesizable sources; empty when lint-clean.
    func lintWarnings() throws -> String {
        let output = try Simulator().lint(directory: directory, top: design.topModule)
        let text = (output.standardOutput + output.standardError).trimmingCharacters(in: .whitespacesAndNewlines)
        return output.status == 0 && text.isEmpty ? "" : text
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }
}

enum TemporaryFolder {
    static func make(_ label: String) throws -> String {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("dnngen-tests")
        let path = base.appendingPathComponent("\(label)-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
