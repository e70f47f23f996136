import Foundation
import Testing

/// `make test-long` (DNNGEN_LONG=1) adds the rest of the simulation sweeps: more seeds of the
/// random-network suites, whose first seeds in `make test` already cycle through every budget,
/// engine and index format the sweep draws from. Without the variable those tests are reported
/// as skipped, never as passed.
enum LongRuns {
    static let enabled = ProcessInfo.processInfo.environment["DNNGEN_LONG"] == "1"
}

extension Trait where Self == ConditionTrait {
    /// Runs only under `make test-long`; `make test` lists the test as skipped.
    static var longRun: Self {
        .enabled(if: LongRuns.enabled, "long run: make test-long (DNNGEN_LONG=1)")
    }
}
