extension HardwarePlan {
    /// Busy cycles of every stage for each input vector. Every engine's cycles are data-independent
    /// today (the sparse lane engine shares each weight among vectors, so it skips no
    /// activation); the per-vector form stays for engines that will not be.
    public func stageCycles(model: Model, inputs: [[Int]]) -> [[Int]] {
        return inputs.map { input in
            stages.map { stage -> Int in
                switch stage {
                case .pool(let pool):
                    return pool.cycles
                case .matrix(let engine):
                    // Every engine's cycles are data-independent (the sparse lane engine
                    // shares each weight among vectors, so it skips no activation).
                    return engine.cycles
                }
            }
        }
    }

    /// The interval the bench measures (mean time between consecutive inferences, from the
    /// second vector on), predicted from `stageCycles`: each inference waits for its slowest stage.
    public func predictedInterval(stageCycles: [[Int]]) -> Double {
        let floor = streamFloor
        let intervals = stageCycles.dropFirst().map { max(floor, $0.max() ?? 0) }
        guard !intervals.isEmpty else { return Double(initiationInterval) }
        return Double(intervals.reduce(0, +)) / Double(intervals.count)
    }
}
