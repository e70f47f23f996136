import Foundation

/// Whole-file reads and writes for the format readers, with errors that name the file as given.
enum FormatIO {
    /// The bytes of the file at `path`.
    ///
    /// - Throws: `ModelFormatError` naming `path` if it is missing, a directory, or unreadable.
    static func readBytes(path: String) throws(ModelFormatError) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ModelFormatError(file: path, "no such file")
        }
        guard !isDirectory.boolValue else {
            throw ModelFormatError(file: path, "is a directory, not a file")
        }
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            return [UInt8](data)
        } catch {
            throw ModelFormatError(file: path, "cannot read the file (\(reason(error)))")
        }
    }

    /// Writes `bytes` to `path` atomically (a reader never sees half a file).
    ///
    /// - Throws: `ModelFormatError` naming `path` if it cannot be written.
    static func writeBytes(_ bytes: [UInt8], path: String) throws(ModelFormatError) {
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw ModelFormatError(file: path, "cannot write the file (\(reason(error)))")
        }
    }

    /// The most specific description Foundation gives: the POSIX reason when there is one.
    private static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
            underlying.domain == NSPOSIXErrorDomain,
            let code = POSIXErrorCode(rawValue: Int32(truncatingIfNeeded: underlying.code))
        {
            return String(cString: strerror(code.rawValue))
        }
        return nsError.localizedDescription
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
