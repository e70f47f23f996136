extension HardwarePlan {
    /// Busy cycles of every stage for each input vector: data-dependent for the sparse engine,
    /// which skips zero activations; the plan's fixed figure for everything else.
    ///
    /// The activations each sparse layer sees come from the reference, run layer by layer; a
    /// convolution's sparse engine is given its worst case (every window element non-zero).
    public func stageCycles(model: Model, inputs: [[Int]]) -> [[Int]] {
        let layerIndex = Dictionary(model.layers.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        var prefixes: [Int: ReferenceModel] = [:]
        func activations(before index: Int, _ input: [Int]) -> [Int] {
            guard index > 0 else { return input }
            if prefixes[index] == nil {
                prefixes[index] = ReferenceModel(Model(name: model.name, inputShape: model.inputShape,
                                                       inputType: model.inputType, layers: Array(model.layers[0..<index])))
            }
            return prefixes[index]?.infer(input) ?? input
        }
        return inputs.map { input in
            stages.map { stage -> Int in
                switch stage {
                case .pool(let pool):
                    return pool.cycles
                case .matrix(let engine):
                    guard let sparse = engine.sparse, let index = layerIndex[engine.layer.layerName] else { return engine.cycles }
                    let x = activations(before: index, input)
                    let active: [Bool]
                    switch engine.layer.source {
                    case .vector(let columns):
                        active = (0..<sparse.columns).map { $0 < columns.count && x[columns[$0]] != 0 }
                    case .flattened(let pixels, let channels):
                        let slots = sparse.columns / max(1, pixels)
                        active = (0..<sparse.columns).map { q in
                            let (pixel, slot) = (q / slots, q % slots)
                            return slot < channels.count && x[channels[slot] * pixels + pixel] != 0
                        }
                    case .window:
                        return engine.cycles
                    }
                    return engine.layer.vectorsPerInference * sparse.cyclesPerVector(activeColumns: active, inBeats: engine.inBeats)
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
