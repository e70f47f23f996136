/// The testbench's verdict, read from its summary line
/// `PASS mismatches=0 vectors=N cycles_per_inference=C latency=L`.
public struct SimulationResult: Equatable, Sendable {
    public var passed: Bool
    public var mismatches: Int
    public var vectors: Int
    public var cyclesPerInference: Int
    public var latency: Int
    /// The summary line as printed.
    public var summary: String
    /// Everything vvp printed (MISMATCH lines included).
    public var log: String

    /// Finds and reads the last summary line of a vvp log; nil when there is none.
    public static func parse(log: String) -> SimulationResult? {
        for line in log.split(separator: "\n").reversed() {
            let words = line.split(separator: " ")
            guard let verdict = words.first, verdict == "PASS" || verdict == "FAIL" else { continue }
            var fields: [String: Int] = [:]
            for word in words.dropFirst() {
                let parts = word.split(separator: "=", maxSplits: 1)
                if parts.count == 2, let value = Int(parts[1]) { fields[String(parts[0])] = value }
            }
            guard let mismatches = fields["mismatches"], let vectors = fields["vectors"],
                  let cycles = fields["cycles_per_inference"], let latency = fields["latency"] else { continue }
            return SimulationResult(passed: verdict == "PASS", mismatches: mismatches, vectors: vectors,
                                    cyclesPerInference: cycles, latency: latency, summary: String(line), log: log)
        }
        return nil
    }
}
