/// Chooses PE × SIMD per layer within a multiplier budget so that the slowest layer, which
/// sets the initiation interval, is as fast as the budget allows.
///
/// Greedy, as FINN's folding passes do: repeatedly speed up the bottleneck layer by the step
/// that buys the most cycles per added multiplier, until the budget is spent, the bottleneck
/// cannot improve, or it is already faster than the stream that feeds the network (one
/// element per cycle), where more parallelism would sit idle.
enum FoldingSolver {
    /// - Parameters:
    ///   - rows, columns: each layer's compacted matrix size; vectors: its input vectors per inference.
    ///   - rowsMustDivide: layers whose PE must divide the row count (no padding rows), because
    ///     the next layer cannot give a padding column a zero weight (binary weights).
    ///   - fixed: folds the user gave per layer; they are kept as given.
    ///   - ioFloor: cycles per inference the network's streams need anyway.
    static func solve(rows: [Int], columns: [Int], vectors: [Int], rowsMustDivide: [Bool], fixed: [Fold?],
                      budget: Int, ioFloor: Int) -> [Fold] {
        var folds = fixed.map { $0 ?? Fold(pe: 1, simd: 1) }
        func cycles(_ l: Int, _ fold: Fold) -> Int {
            vectors[l] * ceilDiv(rows[l], fold.pe) * ceilDiv(columns[l], fold.simd)
        }
        var used = folds.reduce(0) { $0 + $1.multipliers }
        while true {
            guard let bottleneck = folds.indices.max(by: { cycles($0, folds[$0]) < cycles($1, folds[$1]) }) else { break }
            let now = cycles(bottleneck, folds[bottleneck])
            guard now > ioFloor, fixed[bottleneck] == nil else { break }
            let fold = folds[bottleneck]
            // SIMD first (as FINN does): a wider ROM word and input slice, rather than more ROMs.
            var options: [Fold] = []
            if let simd = nextStep(after: fold.simd, size: columns[bottleneck], divisorsOnly: false) {
                options.append(Fold(pe: fold.pe, simd: simd))
            }
            if let pe = nextStep(after: fold.pe, size: rows[bottleneck], divisorsOnly: rowsMustDivide[bottleneck]) {
                options.append(Fold(pe: pe, simd: fold.simd))
            }
            var best: Fold?
            var bestGain = 0.0
            for option in options where used - fold.multipliers + option.multipliers <= budget {
                let gain = Double(now - cycles(bottleneck, option)) / Double(option.multipliers - fold.multipliers)
                if best == nil || gain > bestGain {
                    best = option
                    bestGain = gain
                }
            }
            guard let best else { break }
            used += best.multipliers - fold.multipliers
            folds[bottleneck] = best
        }
        return folds
    }

    /// The smallest unroll factor above `current` that saves cycles on a dimension of `size`.
    static func nextStep(after current: Int, size: Int, divisorsOnly: Bool) -> Int? {
        let folds = ceilDiv(size, current)
        guard folds > 1 else { return nil }
        for candidate in (current + 1)...size where ceilDiv(size, candidate) < folds {
            if !divisorsOnly || size % candidate == 0 { return candidate }
        }
        return nil
    }
}

func ceilDiv(_ a: Int, _ b: Int) -> Int { (a + b - 1) / b }
