import Foundation
import Testing
@testable import DNNGen

/// `dnngen compare`: every figure is real (ROM images, simulation, synthesis) or marked predicted.
@Suite("Compare")
struct CompareCommandTests {
    /// Sum of words × width over a design folder's ROM images for one layer prefix.
    static func romBits(_ folder: String, prefix: String, kinds: [String]) throws -> Int {
        let files = try FileManager.default.contentsOfDirectory(atPath: folder + "/rom").filter { name in
            name.hasPrefix(prefix) && kinds.contains { name.contains($0) }
        }
        var bits = 0
        for file in files {
            let lines = try String(contentsOfFile: folder + "/rom/" + file, encoding: .utf8).split(separator: "\n")
            // Width from the instantiation is what counts; the image's hex digits round it up,
            // so read the width from the top module's ROM instance.
            bits += lines.count * (try Self.romWidth(folder, file: file))
        }
        return bits
    }

    static func romWidth(_ folder: String, file: String) throws -> Int {
        let top = try FileManager.default.contentsOfDirectory(atPath: folder + "/rtl").first { !$0.hasPrefix("dnngen_") } ?? ""
        let text = try String(contentsOfFile: folder + "/rtl/" + top, encoding: .utf8)
        guard let range = text.range(of: "\"rom/\(file)\"") else { throw CLIError("\(file) not instantiated") }
        let before = text[..<range.lowerBound]
        guard let width = before.range(of: ".WIDTH", options: .backwards) else { throw CLIError("no WIDTH for \(file)") }
        // The top aligns its connections: `.WIDTH (8)` with any run of spaces before the parenthesis.
        let digits = before[width.upperBound...].drop { $0 == " " || $0 == "(" }.prefix { $0.isNumber }
        return Int(digits) ?? 0
    }

    @Test func figuresComeFromRealRuns() throws {
        let folder = try TemporaryFolder.make("compare")
        let json = folder + "/c.json"
        let html = folder + "/c.html"
        let result = try CLI.run(["compare", "examples/digits-mlp.bin", "--engines", "dense,sparse", "--no-synth",
                                  "-o", folder + "/designs", "--json", json, "--html", html])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.error.contains("compare: digits-mlp (sparse): simulating"))
        let report = try JSONValue.parse(String(contentsOfFile: json, encoding: .utf8))
        let entries = report["entries"]?.arrayValue ?? []
        #expect(entries.count == 2)
        for entry in entries {
            guard let design = entry["design_folder"]?.stringValue else { Issue.record("no design folder"); continue }
            // Simulated cycles equal dnngen sim's for the same design.
            #expect(entry["cycles_per_inference"]?["source"]?.stringValue == "simulated")
            let sim = try CLI.run(["sim", design])
            let measured = SimulationResult.parse(log: sim.output)?.cyclesPerInference
            #expect(entry["cycles_per_inference"]?["value"]?.doubleValue == measured.map(Double.init))
            // Storage equals what the ROM images hold (the sparse group constants are wiring).
            for (index, layer) in (entry["layers"]?.arrayValue ?? []).enumerated() {
                let name = layer["name"]?.stringValue ?? ""
                let storage = layer["storage"]
                let reported = (storage?["value_bits"]?.intValue ?? 0) + (storage?["position_bits"]?.intValue ?? 0)
                    + (storage?["padding_bits"]?.intValue ?? 0)
                let onDisk = try Self.romBits(design, prefix: "l\(index + 1)_\(name)_", kinds: ["_w_pe", "_codes_g"])
                #expect(reported == onDisk, "\(name): reported \(reported), images hold \(onDisk)")
            }
            #expect(entry["area"] == .null)
        }
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(page.contains("<svg") && page.contains("Weight storage per layer"))
        #expect(!page.contains("http://") || page.components(separatedBy: "http://").count == page.components(separatedBy: "http://www.w3.org/2000/svg").count)
        try? FileManager.default.removeItem(atPath: folder)
    }

    @Test func synthesisFillsTheArea() throws {
        let folder = try TemporaryFolder.make("compare-synth")
        let json = folder + "/c.json"
        let result = try CLI.run(["compare", "examples/digits-mlp-structured.bin", "--no-sim", "-o", folder + "/designs", "--json", json])
        #expect(result.status == 0, "\(result.error)")
        let report = try JSONValue.parse(String(contentsOfFile: json, encoding: .utf8))
        let entry = report["entries"]?[0]
        #expect(entry?["cycles_per_inference"]?["source"]?.stringValue == "predicted")
        #expect(entry?["area"]?["source"]?.stringValue == "synthesized")
        #expect((entry?["area"]?["luts"]?.intValue ?? 0) > 0)
        try? FileManager.default.removeItem(atPath: folder)
    }
}
