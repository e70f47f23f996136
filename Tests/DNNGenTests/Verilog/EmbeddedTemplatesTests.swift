import Foundation
import Testing

/// The binary carries rtl-templates/ and the generic bench: copied away from the repository it
/// still writes every template, unchanged, into the design folder.
@Suite("Embedded templates")
struct EmbeddedTemplatesTests {
    @Test func copiedBinaryWritesEveryTemplateUnchanged() throws {
        let files = FileManager.default
        let folder = files.temporaryDirectory.appendingPathComponent("dnngen-copied-\(getpid())").path
        try? files.removeItem(atPath: folder)
        try files.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? files.removeItem(atPath: folder) }
        let copy = folder + "/dnngen"
        try files.copyItem(atPath: CLI.binary, toPath: copy)

        let result = try CLI.run(["rtl", "-o", "design"], in: folder, binary: copy)
        #expect(result.status == 0, "\(result.error)")

        let templates = try files.contentsOfDirectory(atPath: CLI.root + "/rtl-templates").filter { $0.hasSuffix(".v") }.sorted()
        let written = try files.contentsOfDirectory(atPath: folder + "/design/rtl").filter { $0.hasPrefix("dnngen_") }.sorted()
        #expect(written == templates)
        for name in templates {
            let original = files.contents(atPath: CLI.root + "/rtl-templates/" + name)
            #expect(files.contents(atPath: folder + "/design/rtl/" + name) == original, "rtl/\(name) differs from rtl-templates/\(name)")
        }
        let bench = files.contents(atPath: CLI.root + "/testbenches/dnngen_tb.v")
        #expect(files.contents(atPath: folder + "/design/tb/dnngen_tb.v") == bench)
    }
}
