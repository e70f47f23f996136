/// How much of a layer (or network) to keep: parsed from `0.9` (the fraction pruned) or `10x`
/// (the compression rate: weights before / weights after, as the ADMM papers state it).
public struct PruningRate: Equatable, Sendable {
    /// The fraction of weights (or units) kept, in `(0, 1]`.
    public var keptFraction: Double

    public init(keptFraction: Double) {
        self.keptFraction = keptFraction
    }

    /// Parses `0.9` (prune 90%: a number in `[0, 1)`) or `10x` (keep one in 10: a number ≥ 1
    /// followed by `x`).
    ///
    /// - Throws: `CompressionError` saying what the two forms are.
    public init(parsing text: String) throws(CompressionError) {
        if text.hasSuffix("x") || text.hasSuffix("X"), let rate = Double(text.dropLast()), rate >= 1, rate.isFinite {
            keptFraction = 1 / rate
        } else if let pruned = Double(text), pruned >= 0, pruned < 1 {
            keptFraction = 1 - pruned
        } else {
            throw CompressionError("rate '\(text)' is neither a pruned fraction in [0, 1) (e.g. 0.9) nor a compression rate of at least 1 (e.g. 10x)")
        }
    }

    /// The compression rate `1 / keptFraction`.
    public var compressionRate: Double { 1 / keptFraction }
}
