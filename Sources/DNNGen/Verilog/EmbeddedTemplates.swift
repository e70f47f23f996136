/// The Verilog the binary carries: rtl-templates/ and testbenches/dnngen_tb.v, embedded by SwiftPM
/// at build time (see Package.swift), so a design can be written from any folder.
enum EmbeddedTemplates {
    /// Every synthesizable template, `dnngen_*.v`, sorted by file name.
    static let rtl: [(name: String, text: String)] = files.filter { $0.name.hasSuffix(".v") }.map { file in
        (file.name, String(decoding: file.bytes, as: UTF8.self))
    }

    /// The generic self-checking bench every generated design uses.
    static let bench: (name: String, text: String) = ("dnngen_tb.v", String(decoding: PackageResources.dnngen_tb_v, as: UTF8.self))
}
