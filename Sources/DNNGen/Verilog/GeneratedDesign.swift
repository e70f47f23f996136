/// One generated output folder, as relative path → file contents, before anything touches disk.
public struct GeneratedDesign: Equatable, Sendable {
    public var files: [(path: String, contents: String)]
    public var topModule: String

    public static func == (a: GeneratedDesign, b: GeneratedDesign) -> Bool {
        a.topModule == b.topModule && a.files.map(\.path) == b.files.map(\.path)
            && a.files.map(\.contents) == b.files.map(\.contents)
    }

    public func contents(of path: String) -> String? {
        files.first { $0.path == path }?.contents
    }
}
