import Foundation

// Build tool run by TemplateIndexPlugin: `template-index OUTPUT NAME...` writes the Swift list of
// the embedded templates NAME..., sorted by name, each with its `PackageResources` member.

/// The identifier SwiftPM gives an embedded file: every character that cannot appear in a Swift
/// identifier becomes "_" ("dnngen_fifo.v" -> "dnngen_fifo_v"), and a leading digit gets one before it.
func resourceIdentifier(_ fileName: String) -> String {
    let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
    var name = String(fileName.map { allowed.contains($0) ? $0 : "_" })
    if let first = name.first, first.isNumber { name = "_" + name }
    return name
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard let output = arguments.first else {
    FileHandle.standardError.write(Data("usage: template-index OUTPUT NAME...\n".utf8))
    exit(2)
}
var text = """
    // Generated at build time by the TemplateIndexPlugin from rtl-templates/; do not edit.

    extension EmbeddedTemplates {
        /// Every file of rtl-templates/, sorted by name, with its embedded bytes.
        static let files: [(name: String, bytes: [UInt8])] = [

    """
for name in arguments.dropFirst().sorted() {
    text += "        (\"\(name)\", PackageResources.\(resourceIdentifier(name))),\n"
}
text += "    ]\n}\n"
do {
    try Data(text.utf8).write(to: URL(fileURLWithPath: output))
} catch {
    FileHandle.standardError.write(Data("template-index: cannot write \(output): \(error)\n".utf8))
    exit(1)
}
