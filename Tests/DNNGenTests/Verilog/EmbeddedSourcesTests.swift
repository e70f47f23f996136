import Foundation
import Testing
@testable import DNNGen

/// The binary carries copies of rtl-templates/ and the example model; they must not go stale.
@Suite("Embedded sources")
struct EmbeddedSourcesTests {
    @Test func templatesMatchTheFilesOnDisk() throws {
        let folder = CLI.root + "/rtl-templates"
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".v") }.sorted()
        #expect(EmbeddedTemplates.rtl.map(\.name) == names, "run `make embed`")
        for template in EmbeddedTemplates.rtl {
            let disk = try String(contentsOfFile: folder + "/" + template.name, encoding: .utf8)
            #expect(template.text == disk, "\(template.name) is stale: run `make embed`")
        }
        let bench = try String(contentsOfFile: CLI.root + "/testbenches/dnngen_tb.v", encoding: .utf8)
        #expect(EmbeddedTemplates.bench.text == bench, "dnngen_tb.v is stale: run `make embed`")
    }

    @Test func builtInExampleMatchesTheFile() {
        let disk = FileManager.default.contents(atPath: CLI.root + "/examples/digits-mlp.bin").map { [UInt8]($0) }
        #expect(disk == BuiltInExample.bytes, "run `make embed`")
    }
}
