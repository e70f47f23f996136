import Foundation

/// Writes a generated design to disk, never outside the folder asked for and never half.
public enum DesignFolder {
    /// The entries of a folder `dnngen rtl` wrote (and `make sim`/`synth` added to): a folder
    /// holding only these may be replaced by a new design.
    static let generatedEntries: Set<String> = ["Makefile", "files.f", "report.json", "rom", "rtl", "tb", "build"]

    /// Writes every file of `design` into `directory`.
    ///
    /// The design is written to a temporary sibling folder and renamed into place, so a failure
    /// leaves no half-written folder and an earlier design is replaced whole (no stale ROM
    /// images). Refused: an empty path, the file-system root, the home folder, the current folder
    /// or one of its ancestors, a symbolic link, a file, and a non-empty folder holding anything
    /// `dnngen rtl` does not write.
    ///
    /// - Throws: `FileError` naming `directory` (or the file that could not be written).
    public static func write(_ design: GeneratedDesign, to directory: String) throws(FileError) {
        try checkTarget(directory)
        let manager = FileManager.default
        let target = URL(fileURLWithPath: directory).standardizedFileURL
        let parent = target.deletingLastPathComponent()
        do {
            try manager.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw FileError.cannotWrite(parent.path, error)
        }
        let suffix = "\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
        let staging = parent.appendingPathComponent(".\(target.lastPathComponent).dnngen-new-\(suffix)")
        let retired = parent.appendingPathComponent(".\(target.lastPathComponent).dnngen-old-\(suffix)")
        do throws(FileError) {
            for file in design.files {
                let url = staging.appendingPathComponent(file.path)
                do {
                    try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try Data(file.bytes).write(to: url)
                } catch {
                    throw FileError.cannotWrite((directory as NSString).appendingPathComponent(file.path), error)
                }
            }
            try moveIntoPlace(staging, target: target, retired: retired, name: directory)
        } catch {
            try? manager.removeItem(at: staging)
            throw error
        }
    }

    /// Renames `staging` to `target`, first moving an earlier design aside and then deleting it.
    private static func moveIntoPlace(_ staging: URL, target: URL, retired: URL, name: String) throws(FileError) {
        let manager = FileManager.default
        let hadEarlier = manager.fileExists(atPath: target.path)
        do {
            if hadEarlier { try manager.moveItem(at: target, to: retired) }
            try manager.moveItem(at: staging, to: target)
        } catch {
            if hadEarlier && !manager.fileExists(atPath: target.path) { try? manager.moveItem(at: retired, to: target) }
            throw FileError.cannotWrite(name, error)
        }
        if hadEarlier { try? manager.removeItem(at: retired) }
    }

    /// Refuses a folder that is to hold design folders (`dnngen compare -o`): an empty path,
    /// the file-system root, or something that exists and is not a folder. The design folders
    /// inside it are checked with `checkTarget`.
    public static func checkWorkFolder(_ directory: String) throws(FileError) {
        guard !directory.isEmpty else { throw FileError(path: "''", "an empty output folder name is refused; give -o DIR") }
        let target = URL(fileURLWithPath: directory).standardizedFileURL.resolvingSymlinksInPath().path
        if target == "/" { throw FileError(path: directory, "is the file-system root; choose a folder of its own with -o") }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw FileError(path: directory, "exists and is not a folder")
        }
    }

    /// Refuses a target that is not a fresh or earlier design folder of a safe path (so a command
    /// can refuse it before it does any work).
    public static func checkTarget(_ directory: String) throws(FileError) {
        guard !directory.isEmpty else { throw FileError(path: "''", "an empty output folder name is refused; give -o DIR") }
        let target = URL(fileURLWithPath: directory).standardizedFileURL.resolvingSymlinksInPath().path
        let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL
            .resolvingSymlinksInPath().path
        let home = URL(fileURLWithPath: NSHomeDirectory()).standardizedFileURL.resolvingSymlinksInPath().path
        if target == "/" { throw FileError(path: directory, "is the file-system root; choose a folder of its own with -o") }
        if target == home { throw FileError(path: directory, "is the home folder; choose a folder of its own with -o") }
        if current == target || current.hasPrefix(target + "/") {
            throw FileError(path: directory, "is the current folder or holds it; choose a new folder with -o")
        }
        let manager = FileManager.default
        let attributes = try? manager.attributesOfItem(atPath: directory)
        guard let type = attributes?[.type] as? FileAttributeType else { return }  // does not exist yet
        if type == .typeSymbolicLink { throw FileError(path: directory, "is a symbolic link; give the folder itself with -o") }
        guard type == .typeDirectory else { throw FileError(path: directory, "exists and is not a folder") }
        let entries = (try? manager.contentsOfDirectory(atPath: directory)) ?? []
        guard !entries.isEmpty else { return }
        guard entries.contains("files.f") else {
            throw FileError(path: directory, "is not empty and was not made by dnngen rtl; choose another folder with -o")
        }
        let foreign = entries.filter { !generatedEntries.contains($0) }.sorted()
        guard foreign.isEmpty else {
            let names = foreign.prefix(3).map { "'\($0)'" }.joined(separator: ", ") + (foreign.count > 3 ? ", …" : "")
            throw FileError(path: directory, "holds files dnngen rtl did not write (\(names)); move them or choose another folder with -o")
        }
    }
}
