import DNNGen
import Foundation

/// Standard output without buffering, so progress appears as it happens even through a pipe.
enum Console {
    /// Writes `text`; control characters other than line feeds, carriage returns and tabs (which
    /// could come from names in a model file) are escaped, never sent to the terminal raw.
    static func write(_ text: String) {
        let safe = PrintableText.escaped(text, keeping: ["\n", "\r", "\t"])
        FileHandle.standardOutput.write(Data(safe.utf8))
    }

    static func line(_ text: String) {
        write(text + "\n")
    }
}
