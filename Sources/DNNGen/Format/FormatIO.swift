import Foundation

/// Whole-file reads and writes for the format readers, with errors that name the file as given.
public enum FormatIO {
    /// The largest input file dnngen reads (models, arrays, data sets): far beyond any model it
    /// can build hardware for, and a bound on what a read may allocate.
    public static let maximumFileSize = 1 << 31

    /// The bytes of the regular file at `path`.
    ///
    /// - Throws: `ModelFormatError` naming `path` if it is missing, a folder, a device, pipe or
    ///   socket, larger than `maximumFileSize`, or unreadable.
    public static func readBytes(path: String) throws(ModelFormatError) -> [UInt8] {
        guard !path.isEmpty else { throw ModelFormatError(file: "''", "an empty path names no file") }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ModelFormatError(file: path, "no such file")
        }
        guard !isDirectory.boolValue else {
            throw ModelFormatError(file: path, "is a directory, not a file")
        }
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        guard attributes?[.type] as? FileAttributeType == .typeRegular else {
            throw ModelFormatError(file: path, "is not a regular file (a device, pipe or socket cannot be read as a model or array)")
        }
        if let size = (attributes?[.size] as? NSNumber)?.intValue, size > maximumFileSize {
            throw ModelFormatError(file: path, "is \(size) bytes, larger than the \(maximumFileSize) bytes dnngen reads")
        }
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            return [UInt8](data)
        } catch {
            throw ModelFormatError(file: path, "cannot read the file (\(SystemErrorText.reason(error)))")
        }
    }

    /// Writes `bytes` to `path` atomically (a reader never sees half a file).
    ///
    /// - Throws: `ModelFormatError` naming `path` if it cannot be written (see `checkOutputFile`).
    static func writeBytes(_ bytes: [UInt8], path: String) throws(ModelFormatError) {
        do throws(FileError) {
            try checkOutputFile(path)
        } catch {
            throw ModelFormatError(file: error.path, error.message)
        }
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw ModelFormatError(file: path, "cannot write the file (\(SystemErrorText.reason(error)))")
        }
    }

    /// Refuses, before any work, a path a command could not write a file to: an empty one, a
    /// folder, a device, pipe or socket (an atomic write would replace `/dev/null` itself), or
    /// one whose folder does not exist.
    ///
    /// - Throws: `FileError` naming `path`.
    public static func checkOutputFile(_ path: String) throws(FileError) {
        guard !path.isEmpty else { throw FileError(path: "''", "an empty path names no file to write") }
        let manager = FileManager.default
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path  // what a link points at
        if let type = (try? manager.attributesOfItem(atPath: target))?[.type] as? FileAttributeType {
            if type == .typeDirectory { throw FileError(path: path, "is a folder; give the name of the file to write") }
            guard type == .typeRegular else {
                throw FileError(path: path, "is not a regular file (a device, pipe or socket); give the name of a file to write")
            }
        }
        // Split by hand: NSString.deletingLastPathComponent traps on a one-character path.
        let folder = path.lastIndex(of: "/").map { path[..<$0].isEmpty ? "/" : String(path[..<$0]) } ?? ""
        var isDirectory: ObjCBool = false
        guard folder.isEmpty || (manager.fileExists(atPath: folder, isDirectory: &isDirectory) && isDirectory.boolValue) else {
            throw FileError(path: path, "cannot be written: its folder '\(folder)' does not exist")
        }
    }
}

/// Little-endian integer reads and writes on byte arrays; callers check bounds first.
enum LittleEndian {
    /// The unsigned integer in `bytes[offset..<offset+width]`, `width` at most 8.
    static func unsigned(_ bytes: [UInt8], at offset: Int, width: Int) -> UInt64 {
        var value: UInt64 = 0
        var index = width - 1
        while index >= 0 {
            value = value << 8 | UInt64(bytes[offset + index])
            index -= 1
        }
        return value
    }

    /// Appends the low `width` bytes of `value`, least significant first.
    static func append(_ value: UInt64, width: Int, to bytes: inout [UInt8]) {
        for index in 0..<width {
            bytes.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(index))))
        }
    }
}
