import Foundation

/// Writes a generated design to disk.
public enum DesignFolder {
    /// Writes every file of `design` under `directory`. A folder from an earlier run keeps no
    /// stale files: its `rtl/`, `rom/`, `tb/` and `build/` are emptied first. A non-empty folder
    /// that `dnngen rtl` did not make is refused rather than overwritten.
    public static func write(_ design: GeneratedDesign, to directory: String) throws(FileError) {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw FileError(path: directory, "exists and is not a folder") }
            let entries = (try? manager.contentsOfDirectory(atPath: directory)) ?? []
            if !entries.isEmpty && !entries.contains("files.f") {
                throw FileError(path: directory, "is not empty and was not made by dnngen rtl; choose another folder with -o")
            }
            for sub in ["rtl", "rom", "tb", "build"] { try? manager.removeItem(atPath: directory + "/" + sub) }
        }
        for file in design.files {
            let path = directory + "/" + file.path
            let folder = (path as NSString).deletingLastPathComponent
            do {
                try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
                try Data(file.contents.utf8).write(to: URL(fileURLWithPath: path))
            } catch {
                throw FileError.cannotWrite(path, error)
            }
        }
    }
}
