// Placeholder until scripts/embed_sources.py runs; do not edit.
enum EmbeddedTemplates {
    static let rtl: [(name: String, text: String)] = []
    static let bench: (name: String, text: String) = ("dnngen_tb.v", "")
}
