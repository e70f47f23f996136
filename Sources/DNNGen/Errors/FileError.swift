import Foundation

/// A file or folder the tool could not read or write, named as the user gave it. Exit status 2.
public struct FileError: DNNGenError, Equatable {
    public var path: String
    public var message: String
    public var exitStatus: ExitStatus { .badInput }

    public init(path: String, _ message: String) {
        self.path = path
        self.message = message
    }

    /// `path` could not be written because of `error` (a Foundation or POSIX error).
    public static func cannotWrite(_ path: String, _ error: any Error) -> FileError {
        FileError(path: path, "cannot write (\(SystemErrorText.reason(error)))")
    }

    public var description: String { "\(path): \(message)" }
}

/// The most specific words the system gives for a failed file operation.
public enum SystemErrorText {
    /// The POSIX reason (`No space left on device`) when there is one, else Foundation's text
    /// without its domain and code.
    public static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
            underlying.domain == NSPOSIXErrorDomain
        {
            return String(cString: strerror(Int32(truncatingIfNeeded: underlying.code)))
        }
        if nsError.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(truncatingIfNeeded: nsError.code)))
        }
        switch nsError.code {
        case NSFileNoSuchFileError, NSFileReadNoSuchFileError: return "no such file or folder"
        case NSFileWriteOutOfSpaceError: return "no space left on the device"
        case NSFileWriteNoPermissionError, NSFileReadNoPermissionError: return "permission denied"
        case NSFileWriteFileExistsError: return "a file of that name exists"
        case NSFileWriteVolumeReadOnlyError: return "the file system is read-only"
        default: return "the system refused the operation"
        }
    }
}
