/// Chooses one engine configuration per pipeline stage within a multiplier budget so that the
/// slowest stage, which sets the initiation interval, is as fast as the budget allows.
///
/// Every figure comes from the stages' own cost models (`Engine`). A stage's candidates depend
/// on the stream it receives (a producer with padding rows sends more columns; its PE sets the
/// lanes), so for a target interval `T` the solver runs a dynamic program along the pipeline
/// whose state is that stream: per stream, the fewest multipliers that bring every stage so
/// far within `T`. This is exact, so the cheapest cost at `T` never rises with `T`, and a
/// binary search finds the smallest `T` the budget buys. A larger budget can therefore never
/// give a slower plan. Nothing is sped up past `floor` (the network's own streams), where more
/// parallelism would sit idle.
///
/// Among plans of equal multipliers the solver prefers the smaller sum of stage cycles (lower
/// latency), then the candidate each stage lists first.
struct FoldingSolver {
    /// Per stage: every configuration it can be built as when fed a given stream, in order of
    /// preference; empty when that stream cannot feed it.
    var stages: [(StreamShape) -> [any Engine]]
    /// The stream into the first stage.
    var input: StreamShape
    /// Cycles per inference the network's streams need anyway.
    var floor: Int

    init(stages: [(StreamShape) -> [any Engine]], input: StreamShape, floor: Int) {
        self.stages = stages
        self.input = input
        self.floor = floor
    }

    /// What the solver chose, and what the next faster plan would have cost.
    struct Solution {
        /// The chosen configuration of every stage.
        var engines: [any Engine]
        /// The fastest plan faster than the chosen one: its slowest stage and its multipliers
        /// (more than the budget); nil when the chosen plan is already at the floor.
        var nextFaster: (cycles: Int, multipliers: Int)?
    }

    /// The fastest plan within `budget`. When even the cheapest plan exceeds `budget` (fewer
    /// multipliers than layers), that cheapest plan.
    mutating func solve(budget: Int) -> Solution {
        guard let unbounded = cheapest(within: Int.max) else { return Solution(engines: []) }
        let slowest = unbounded.engines.map(\.cycles).max() ?? 0
        guard unbounded.multipliers <= budget else { return Solution(engines: unbounded.engines, nextFaster: nil) }
        var low = max(1, min(floor, slowest))
        var high = max(low, slowest)
        if let atLow = cheapest(within: low), atLow.multipliers <= budget { return Solution(engines: atLow.engines) }
        low += 1
        while low < high {
            let mid = low + (high - low) / 2
            if let plan = cheapest(within: mid), plan.multipliers <= budget { high = mid } else { low = mid + 1 }
        }
        let chosen = cheapest(within: high) ?? unbounded
        let faster = cheapest(within: high - 1).map { ($0.engines.map(\.cycles).max() ?? 0, $0.multipliers) }
        return Solution(engines: chosen.engines, nextFaster: faster)
    }

    private struct Partial {
        var multipliers: Int
        var cycles: Int
        var engines: [any Engine]

        func isBetter(than other: Partial) -> Bool {
            (multipliers, cycles) < (other.multipliers, other.cycles)
        }
    }

    /// Per stage and incoming stream, computed once for all targets: for each stream a
    /// candidate sends, the candidates worth having, ever more multipliers for ever fewer cycles.
    private var cache: [[StreamShape: [(output: StreamShape, frontier: [any Engine])]]] = []

    private mutating func frontiers(_ stage: Int, _ incoming: StreamShape) -> [(output: StreamShape, frontier: [any Engine])] {
        if cache.isEmpty { cache = Array(repeating: [:], count: stages.count) }
        if let known = cache[stage][incoming] { return known }
        var groups: [(output: StreamShape, frontier: [any Engine])] = []
        var index: [StreamShape: Int] = [:]
        for engine in stages[stage](incoming) {
            if let i = index[engine.output] { groups[i].frontier.append(engine) } else {
                index[engine.output] = groups.count
                groups.append((engine.output, [engine]))
            }
        }
        for i in groups.indices {
            // Stable: among equal figures the candidate listed first stays.
            let sorted = groups[i].frontier.enumerated().sorted {
                ($0.element.multipliers, $0.element.cycles, $0.offset) < ($1.element.multipliers, $1.element.cycles, $1.offset)
            }
            var kept: [any Engine] = []
            for (_, engine) in sorted where kept.last.map({ engine.cycles < $0.cycles }) ?? true { kept.append(engine) }
            groups[i].frontier = kept
        }
        cache[stage][incoming] = groups
        return groups
    }

    /// The plan with the fewest multipliers whose every stage takes at most `target` cycles.
    private mutating func cheapest(within target: Int) -> Partial? {
        // States in the order first reached, so that ties resolve the same way on every run.
        var states: [(stream: StreamShape, plan: Partial)] = [(input, Partial(multipliers: 0, cycles: 0, engines: []))]
        for stage in stages.indices {
            var next: [(stream: StreamShape, plan: Partial)] = []
            var index: [StreamShape: Int] = [:]
            for state in states {
                for group in frontiers(stage, state.stream) {
                    // The cheapest candidate within the target: the first, as cycles fall along the frontier.
                    var low = 0
                    var high = group.frontier.count
                    while low < high {
                        let mid = (low + high) / 2
                        if group.frontier[mid].cycles <= target { high = mid } else { low = mid + 1 }
                    }
                    guard low < group.frontier.count else { continue }
                    let engine = group.frontier[low]
                    let plan = Partial(multipliers: state.plan.multipliers + engine.multipliers,
                                       cycles: state.plan.cycles + engine.cycles, engines: state.plan.engines + [engine])
                    if let i = index[group.output] {
                        if plan.isBetter(than: next[i].plan) { next[i].plan = plan }
                    } else {
                        index[group.output] = next.count
                        next.append((group.output, plan))
                    }
                }
            }
            guard !next.isEmpty else { return nil }
            states = next
        }
        var best = states[0].plan
        for state in states.dropFirst() where state.plan.isBetter(than: best) { best = state.plan }
        return best
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
