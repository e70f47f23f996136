import DNNGen

/// The words after the subcommand, consumed flag by flag; whatever is left must be positional.
struct ArgumentList {
    private var words: [String]
    private let command: String

    init(_ words: [String], command: String) {
        self.words = words
        self.command = command
    }

    /// Removes `--name` (or any alias) and says whether it was there.
    mutating func flag(_ names: String...) throws(UsageError) -> Bool {
        guard let index = words.firstIndex(where: { names.contains($0) }) else { return false }
        words.remove(at: index)
        if words.contains(where: { names.contains($0) }) {
            throw UsageError("\(command): \(names.joined(separator: "/")) is given more than once")
        }
        return true
    }

    /// Removes `--name VALUE` or `--name=VALUE` and returns VALUE, which must not be empty; an
    /// option given twice is refused rather than one of its values silently winning.
    mutating func option(_ names: String...) throws(UsageError) -> String? {
        try option(names)
    }

    private mutating func option(_ names: [String]) throws(UsageError) -> String? {
        guard let value = try takeOption(names) else { return nil }
        guard value.isEmpty == false else { throw UsageError("\(command): \(names[0]) needs a non-empty value") }
        if try takeOption(names) != nil {
            throw UsageError("\(command): \(names.joined(separator: "/")) is given more than once")
        }
        return value
    }

    /// Removes `--name PATH` or `--name=PATH` and returns PATH. A separate word that looks like
    /// a flag is refused (in `-o --seed 3` the folder was forgotten, and `--seed` would become
    /// one); a path that starts with '-' can be given as `./-name` or `--name=-name`.
    mutating func path(_ names: String...) throws(UsageError) -> String? {
        if let index = words.firstIndex(where: { names.contains($0) }), index + 1 < words.count {
            let next = words[index + 1]
            if next.count > 1, next.hasPrefix("-") {
                throw UsageError("\(command): \(words[index]) needs a path, but the next word '\(next)' looks like a flag (write ./\(next) for a path that starts with '-')")
            }
        }
        return try option(names)
    }

    private mutating func takeOption(_ names: [String]) throws(UsageError) -> String? {
        for (index, word) in words.enumerated() {
            for name in names {
                if word == name {
                    guard index + 1 < words.count else { throw UsageError("\(command): \(name) needs a value") }
                    let value = words[index + 1]
                    words.removeSubrange(index...(index + 1))
                    return value
                }
                if word.hasPrefix(name + "=") {
                    words.remove(at: index)
                    return String(word.dropFirst(name.count + 1))
                }
            }
        }
        return nil
    }

    /// `-o FILE` / `--output FILE`, which the command cannot run without; missing, it is a usage
    /// error showing `example` (e.g. "-o model.bin").
    mutating func outputFile(example: String) throws(UsageError) -> String {
        guard let output = try path("-o", "--output") else {
            throw UsageError("\(command): give the output file, e.g. \(example)")
        }
        return output
    }

    /// `--data DIR`: the folder of the IDX files, or the default one.
    mutating func dataFolder() throws(UsageError) -> String {
        try path("--data") ?? Dataset.defaultFolder
    }

    /// `--limit N`: only the first N images (N from 1).
    mutating func imageLimit() throws(UsageError) -> Int? {
        try integer("--limit", in: 1...Int(Int32.max))
    }

    /// `--name N` as an integer within `range`.
    mutating func integer(_ name: String, in range: ClosedRange<Int>) throws(UsageError) -> Int? {
        guard let text = try option(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw UsageError("\(command): \(name) takes a whole number from \(range.lowerBound) to \(range.upperBound), got '\(text)'")
        }
        return value
    }

    /// The positional words left, after checking that no unknown flag remains.
    mutating func positionals(max: Int) throws(UsageError) -> [String] {
        if let unknown = words.first(where: { $0.hasPrefix("-") && $0 != "-" }) {
            throw UsageError("\(command): unknown option '\(unknown)' (see dnngen \(command) --help)")
        }
        guard words.count <= max else {
            throw UsageError("\(command): unexpected argument '\(words[max])' (see dnngen \(command) --help)")
        }
        return words
    }
}
