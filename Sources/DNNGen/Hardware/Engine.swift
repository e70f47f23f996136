/// What every layer engine answers, so the folding solver, the report and the tests read the
/// same numbers.
public protocol Engine: Sendable {
    /// Clock cycles the engine is busy per inference (its share of the initiation interval).
    var cycles: Int { get }
    /// Multipliers (or multiplier-free lanes for binary/ternary/pow2 weights) instantiated.
    var multipliers: Int { get }
    /// Bits held in all of the engine's ROMs (weights and per-row parameters).
    var romBits: Int { get }
    /// Width of the signed accumulator, from the worst case of the real weights.
    var accumulatorWidth: Int { get }
}
