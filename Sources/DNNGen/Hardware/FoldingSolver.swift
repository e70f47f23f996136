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
            // Cheapest first; among equals the faster, then fewer output beats a vector (the
            // next stage reads fewer), then more SIMD (a wider ROM word rather than more ROMs).
            return all.sorted {
                ($0.fold.multipliers, $0.cycles, ceilDiv(rows[l], $0.fold.pe), -$0.fold.simd)
                    < ($1.fold.multipliers, $1.cycles, ceilDiv(rows[l], $1.fold.pe), -$1.fold.simd)
            }
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
        return rows.indices.map { cheapest($0, within: high)?.fold ?? fixed[$0] ?? Fold(pe: 1, simd: 1) }
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
