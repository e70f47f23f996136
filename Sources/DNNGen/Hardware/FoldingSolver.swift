/// Chooses PE × SIMD per layer within a multiplier budget so that the slowest layer, which
/// sets the initiation interval, is as fast as the budget allows.
///
/// Minimises the bottleneck `T` directly: for a candidate `T`, each layer takes the cheapest
/// fold that finishes within `T` cycles; a binary search finds the smallest `T` whose folds fit
/// the budget. Nothing is sped up past the stream that feeds the network (one element per
/// cycle), where more parallelism would sit idle.
enum FoldingSolver {
    /// - Parameters:
    ///   - rows, columns: each layer's compacted matrix size; vectors: its input vectors per inference.
    ///   - rowsMustDivide: layers whose PE must divide the row count (no padding rows), because
    ///     the next layer cannot give a padding column a zero weight (binary weights).
    ///   - fixed: folds the user gave per layer; they are kept as given.
    ///   - ioFloor: cycles per inference the network's streams need anyway.
    ///   - pooledPixels: pixels a max-pool right after the layer reads (0 if none); the pool
    ///     takes one beat a cycle, `⌈rows/PE⌉` beats a pixel, so PE speeds it up too.
    static func solve(rows: [Int], columns: [Int], vectors: [Int], rowsMustDivide: [Bool], fixed: [Fold?],
                      budget: Int, ioFloor: Int, pooledPixels: [Int]? = nil) -> [Fold] {
        func cycles(_ l: Int, _ fold: Fold) -> Int {
            let rowGroups = ceilDiv(rows[l], fold.pe)
            return max(vectors[l] * rowGroups * ceilDiv(columns[l], fold.simd), (pooledPixels?[l] ?? 0) * rowGroups)
        }
        // Per layer, the folds worth having: for each cycle count, the fewest multipliers.
        let options: [[(fold: Fold, cycles: Int)]] = rows.indices.map { l in
            if let fold = fixed[l] {
                return [(fold, cycles(l, fold))]
            }
            let pes = usefulFactors(rows[l]).filter { !rowsMustDivide[l] || rows[l] % $0 == 0 }
            let simds = usefulFactors(columns[l])
            var all: [(fold: Fold, cycles: Int)] = []
            for pe in pes {
                for simd in simds {
                    all.append((Fold(pe: pe, simd: simd), cycles(l, Fold(pe: pe, simd: simd))))
                }
            }
            // Cheapest first; among equals the faster; then, where a pool reads the output,
            // fewer output beats a pixel; then more SIMD (a wider ROM word rather than more ROMs).
            let pooled = (pooledPixels?[l] ?? 0) > 0
            func key(_ option: (fold: Fold, cycles: Int)) -> [Int] {
                [option.fold.multipliers, option.cycles, pooled ? ceilDiv(rows[l], option.fold.pe) : 0, -option.fold.simd]
            }
            return all.sorted { key($0).lexicographicallyPrecedes(key($1)) }
        }
        func cheapest(_ l: Int, within target: Int) -> (fold: Fold, cycles: Int)? {
            options[l].first { $0.cycles <= target }
        }
        func cost(_ target: Int) -> Int? {
            var total = 0
            for l in rows.indices {
                guard let option = cheapest(l, within: target) else { return nil }
                total += option.fold.multipliers
            }
            return total
        }
        let slowest = options.map { $0.map(\.cycles).max() ?? 0 }.max() ?? 0
        var low = max(1, min(ioFloor, slowest))
        var high = max(low, slowest)
        // The slowest folds (1x1) always fit the search; the budget may not: then 1x1 it is.
        guard let atSlowest = cost(high), atSlowest <= budget || fixed.allSatisfy({ $0 != nil }) else {
            return rows.indices.map { fixed[$0] ?? Fold(pe: 1, simd: 1) }
        }
        if let atFloor = cost(low), atFloor <= budget {
            high = low
        }
        while low < high {
            let mid = (low + high) / 2
            if let c = cost(mid), c <= budget { high = mid } else { low = mid + 1 }
        }
        var folds = rows.indices.map { cheapest($0, within: high)?.fold ?? fixed[$0] ?? Fold(pe: 1, simd: 1) }
        // Spend what the budget has left on fewer PEs (fewer, wider ROMs) at the same interval,
        // except where a pool reads the output and prefers fewer beats a pixel.
        var spare = budget - folds.reduce(0) { $0 + $1.multipliers }
        for l in rows.indices where fixed[l] == nil && (pooledPixels?[l] ?? 0) == 0 {
            let better = options[l]
                .filter { $0.cycles <= high && $0.fold.multipliers - folds[l].multipliers <= spare }
                .min { ($0.fold.pe, $0.fold.multipliers) < ($1.fold.pe, $1.fold.multipliers) }
            if let better, better.fold.pe < folds[l].pe {
                spare -= better.fold.multipliers - folds[l].multipliers
                folds[l] = better.fold
            }
        }
        return folds
    }

    /// The unroll factors of a dimension of `size` that each save cycles over the one below:
    /// the smallest factor for every distinct `⌈size / factor⌉`.
    static func usefulFactors(_ size: Int) -> [Int] {
        guard size > 1 else { return [1] }
        var result: [Int] = []
        var factor = 1
        while factor <= size {
            let folds = ceilDiv(size, factor)
            result.append(factor)
            // Next factor that reduces the fold count.
            factor = folds > 1 ? ceilDiv(size, folds - 1) : size + 1
        }
        return result
    }
}

func ceilDiv(_ a: Int, _ b: Int) -> Int { (a + b - 1) / b }
