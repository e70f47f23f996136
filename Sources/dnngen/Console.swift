import Foundation

/// Standard output without buffering, so progress appears as it happens even through a pipe.
enum Console {
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func line(_ text: String) {
        write(text + "\n")
    }
}
