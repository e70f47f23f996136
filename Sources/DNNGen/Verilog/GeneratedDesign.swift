/// One generated output folder, as relative path → file contents, before anything touches disk.
public struct GeneratedDesign: Equatable, Sendable {
    public var files: [GeneratedFile]
    public var topModule: String

    public func contents(of path: String) -> String? {
        files.first { $0.path == path }?.contents
    }
}

/// One file of a design: text, or a ROM image kept packed until it is written (the ROMs of a
/// large model would take several times their bits as text).
public struct GeneratedFile: Equatable, Sendable {
    public enum Source: Equatable, Sendable {
        case text(String)
        case rom(RomImage)
    }

    public var path: String
    public var source: Source

    public init(path: String, text: String) {
        self.path = path
        source = .text(text)
    }

    public init(path: String, rom: RomImage) {
        self.path = path
        source = .rom(rom)
    }

    public var contents: String {
        switch source {
        case .text(let text): return text
        case .rom(let image): return image.hexText
        }
    }

    /// The file's bytes (UTF-8).
    public var bytes: [UInt8] {
        switch source {
        case .text(let text): return Array(text.utf8)
        case .rom(let image): return image.hexBytes
        }
    }
}
