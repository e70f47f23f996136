import Foundation

/// Runs the built `dnngen` binary, as a user would.
enum CLI {
    /// Repository root, from this file's location.
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// `DNNGEN_BIN` (set by `make test`) or the default debug build.
    static var binary: String {
        ProcessInfo.processInfo.environment["DNNGEN_BIN"] ?? root + "/.build/debug/dnngen"
    }

    struct Result {
        var status: Int32
        var output: String
        var error: String
    }

    static func run(_ arguments: [String], in directory: String = root, binary: String = binary) throws -> Result {
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw CLIError("dnngen binary not found at \(binary): run `swift build` first (make test does)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes at once: a long output must not block the child while we wait for stderr.
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      output: String(decoding: outData, as: UTF8.self),
                      error: String(decoding: errData, as: UTF8.self))
    }
}

struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
