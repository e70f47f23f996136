/// Common subexpressions across the rows of a constant matrix–vector product.
///
/// Every row is a sum of signed, shifted signals (at first the inputs, one term per CSD digit
/// of each weight). A *pattern* is two terms at a fixed relative shift and sign,
/// `a + (±b · 2^d)`, wherever it occurs. Greedily, the pattern that occurs most often becomes
/// one adder and replaces its occurrences, until no pattern occurs twice; each replacement of
/// `k` occurrences saves `k - 1` adders (Hartley's method, as da4ml also builds on). Counts
/// are kept incrementally, so a step costs the terms of the rows it touches.
enum SubexpressionElimination {
    /// The rows with shared pairs extracted into `graph`; the remaining terms of each row
    /// still have to be summed.
    static func extract(rows: [[ShiftTerm]], graph: inout AdderGraph) -> [[ShiftTerm]] {
        var state = State(rows: rows, widths: graph.nodes.indices.map { graph.width($0) })
        while let (key, _) = state.nextPattern() {
            let pattern = Pattern(key: key)
            let candidates = state.rowsHolding(pattern.first).sorted()
            var created: ShiftTerm?
            for r in candidates {
                for lowShift in state.shifts(of: pattern.first, inRow: r) {
                    guard let low = state.term(pattern.first, lowShift, inRow: r),
                          let high = state.term(pattern.second, lowShift + pattern.distance, inRow: r),
                          low != high, (low.negative != high.negative) == pattern.subtract else { continue }
                    if created == nil {
                        created = graph.combine(low, high)
                        if let node = created?.signal, node >= state.widths.count { state.widths.append(graph.width(node)) }
                    }
                    guard let node = created?.signal else { continue }
                    state.replace(low, high, with: ShiftTerm(signal: node, shift: low.shift, negative: low.negative), inRow: r)
                }
            }
        }
        return state.rows.map { row in row.values.sorted { ($0.signal, $0.shift) < ($1.signal, $1.shift) } }
    }

    /// Two terms at a relative shift: `first` at the lower shift (or the same shift and the
    /// smaller signal), `second` `distance` bits above it.
    struct Pattern: Equatable {
        var first: Int
        var second: Int
        var distance: Int
        var subtract: Bool

        init(_ a: ShiftTerm, _ b: ShiftTerm) {
            let (low, high) = a.shift < b.shift || (a.shift == b.shift && a.signal < b.signal) ? (a, b) : (b, a)
            first = low.signal
            second = high.signal
            distance = high.shift - low.shift
            subtract = low.negative != high.negative
        }

        init(key: UInt64) {
            first = Int(key >> 36)
            second = Int((key >> 8) & 0x0FFF_FFFF)
            distance = Int((key >> 1) & 0x7F)
            subtract = key & 1 == 1
        }

        /// 28 bits per signal, 7 for the distance, 1 for the sign: the heap orders by this.
        var key: UInt64 {
            UInt64(first) << 36 | UInt64(second) << 8 | UInt64(distance) << 1 | (subtract ? 1 : 0)
        }
    }

    /// Rows as sets of terms, how often each pattern occurs, which rows hold each signal.
    private struct State {
        /// Per row: term by `signal << 8 | shift`.
        var rows: [[Int: ShiftTerm]]
        var counts: [UInt64: Int] = [:]
        /// Per signal: its width in bits.
        var widths: [Int]
        /// Per signal: the rows holding it, and in each the shifts of its terms.
        var holders: [Int: [Int: [Int]]] = [:]
        var heap = PairHeap()

        init(rows terms: [[ShiftTerm]], widths: [Int]) {
            self.widths = widths
            rows = terms.map { row in Dictionary(row.map { (Self.slot($0.signal, $0.shift), $0) }, uniquingKeysWith: { a, _ in a }) }
            for (r, row) in terms.enumerated() {
                for (i, a) in row.enumerated() {
                    holders[a.signal, default: [:]][r, default: []].append(a.shift)
                    for b in row[(i + 1)...] { counts[Pattern(a, b).key, default: 0] += 1 }
                }
            }
            // One heap entry per pattern to start with; later increments push their own.
            for (key, count) in counts { push(key, count: count) }
        }

        /// Adder bits saved by sharing `key` among `count` rows (see the type's comment).
        func gain(_ key: UInt64, count: Int) -> Int {
            let pattern = Pattern(key: key)
            let lowWidth = pattern.first < widths.count ? widths[pattern.first] : 0
            let highWidth = pattern.second < widths.count ? widths[pattern.second] : 0
            let overlap = max(0, min(lowWidth, pattern.distance + highWidth) - pattern.distance)
            return count * (overlap - 1) - overlap
        }

        mutating func push(_ key: UInt64, count: Int) {
            guard count >= 2 else { return }
            let g = gain(key, count: count)
            if g > 0 { heap.push(count: g, key: key) }
        }

        static func slot(_ signal: Int, _ shift: Int) -> Int { signal << 8 | shift }

        mutating func bump(_ key: UInt64, by delta: Int) {
            let count = counts[key, default: 0] + delta
            counts[key] = count == 0 ? nil : count
            if delta > 0 { push(key, count: count) }
        }

        /// The pattern that saves the most bits, if any saves some.
        mutating func nextPattern() -> (UInt64, Int)? {
            while let top = heap.pop() {
                let current = counts[top.key] ?? 0
                guard current >= 2 else { continue }
                let g = gain(top.key, count: current)
                if g == top.count { return (top.key, current) }
                // Lazily: a pattern whose count fell goes back in at its current gain (one that
                // rose was pushed when it rose).
                if g < top.count { push(top.key, count: current) }
            }
            return nil
        }

        func rowsHolding(_ signal: Int) -> [Int] { Array((holders[signal] ?? [:]).keys) }

        func shifts(of signal: Int, inRow r: Int) -> [Int] { (holders[signal]?[r] ?? []).sorted() }

        func term(_ signal: Int, _ shift: Int, inRow r: Int) -> ShiftTerm? { rows[r][Self.slot(signal, shift)] }

        mutating func replace(_ a: ShiftTerm, _ b: ShiftTerm, with merged: ShiftTerm, inRow r: Int) {
            remove(a, inRow: r)
            remove(b, inRow: r)
            for other in rows[r].values { bump(Pattern(merged, other).key, by: 1) }
            rows[r][Self.slot(merged.signal, merged.shift)] = merged
            holders[merged.signal, default: [:]][r, default: []].append(merged.shift)
        }

        private mutating func remove(_ t: ShiftTerm, inRow r: Int) {
            rows[r][Self.slot(t.signal, t.shift)] = nil
            for other in rows[r].values { bump(Pattern(t, other).key, by: -1) }
            var left = holders[t.signal]?[r] ?? []
            left.removeAll { $0 == t.shift }
            holders[t.signal]?[r] = left.isEmpty ? nil : left
        }
    }
}
