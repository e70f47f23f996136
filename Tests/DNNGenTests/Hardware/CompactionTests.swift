import Testing
@testable import DNNGen

/// Compaction drops pruned rows and columns and folds constants into biases without changing
/// a single output: a software run of the compacted network equals the reference.
@Suite("Compaction")
struct CompactionTests {
    /// Runs the compacted network the way the hardware does: stream in the kept inputs, each
    /// stage reads only its kept columns (window positions, channels) in arrival order, constants
    /// fill the output. Feature maps are `[pixel][slot]`.
    static func runCompacted(_ network: CompactedNetwork, input: [Int]) -> [Int] {
        var map: [[Int]] = []
        var height = 0
        var width = 0
        var vector: [Int] = []
        if network.inputShape.count == 3 {
            let (c, h, w) = (network.inputShape[0], network.inputShape[1], network.inputShape[2])
            let channels = (0..<c).filter { ch in network.inputKeep[ch] }
            (height, width) = (h, w)
            map = (0..<(h * w)).map { p in channels.map { input[$0 * h * w + p] } }
            if case .matrix(let first) = network.stages.first, case .vector(let columns) = first.source {
                vector = columns.map { input[$0] }
            }
        } else {
            vector = network.inputOrder.indices.filter { network.inputKeep[$0] }.map { input[network.inputOrder[$0]] }
        }
        func requantize(_ layer: CompactedMatrix, _ r: Int, _ acc: Int128) -> Int {
            Requantization.apply(accumulator: acc, multiplier: layer.multipliers[r], shift: layer.shifts[r],
                                 rounding: layer.rounding, output: layer.outputType)
        }
        func apply(_ layer: CompactedMatrix, _ x: [Int], slots: Int? = nil) -> [Int] {
            let built = layer.matrix(incomingSlots: slots ?? x.count)
            return (0..<layer.rows.count).map { r in
                var acc = layer.bias[r]
                for c in 0..<built.columns { acc += Int128(built.weights[r * built.columns + c]) * Int128(x[c]) }
                return requantize(layer, r, acc)
            }
        }
        for stage in network.stages {
            switch stage {
            case .pool(let pool):
                let g = pool.window
                let (oh, ow) = (g.outputHeight, g.outputWidth)
                map = (0..<(oh * ow)).map { p in
                    let (y, x) = (p / ow, p % ow)
                    return (0..<(map.first?.count ?? 0)).map { s in
                        var best = Int.min
                        for i in 0..<pool.kernel[0] {
                            for j in 0..<pool.kernel[1] {
                                best = max(best, map[(y * pool.stride[0] + i) * width + x * pool.stride[1] + j][s])
                            }
                        }
                        return best
                    }
                }
                (height, width) = (oh, ow)
            case .matrix(let layer):
                switch layer.source {
                case .vector:
                    vector = apply(layer, vector)
                case .flattened:
                    vector = apply(layer, map.flatMap { $0 }, slots: map.first?.count ?? 0)
                case .window(let positions, _):
                    guard let g = layer.window else { return [] }
                    map = (0..<(g.outputHeight * g.outputWidth)).map { p in
                        let (oy, ox) = (p / g.outputWidth, p % g.outputWidth)
                        let column = positions.map { q -> Int in
                            let y = oy * g.stride[0] - g.padding[0] + q.row
                            let x = ox * g.stride[1] - g.padding[1] + q.column
                            return y < 0 || y >= height || x < 0 || x >= width ? 0 : map[y * width + x][q.slot]
                        }
                        return apply(layer, column)
                    }
                    (height, width) = (g.outputHeight, g.outputWidth)
                }
            }
        }
        var computed = vector.makeIterator()
        return network.outputConstants.map { $0 ?? computed.next() ?? Int.min }
    }

    @Test("compacted MLP equals the reference", arguments: 0..<60)
    func compactedNetworkEqualsReference(seed: Int) throws {
        try check(RandomModels.mlp(seed: UInt64(1000 + seed)), seed: 1000 + seed)
    }

    @Test("compacted CNN equals the reference", arguments: 0..<60)
    func compactedCNNEqualsReference(seed: Int) throws {
        try check(RandomModels.cnn(seed: UInt64(2000 + seed)), seed: 2000 + seed)
    }

    func check(_ model: Model, seed: Int) throws {
        let network = try CompactedNetwork(model: model)
        let reference = ReferenceModel(model)
        var inputs = RandomModels.extremeInputs(for: model)
        for k in 0..<6 { inputs.append(RandomModels.input(for: model, seed: UInt64(seed * 100 + k))) }
        for input in inputs {
            #expect(Self.runCompacted(network, input: input) == reference.infer(input), "seed \(seed)")
        }
        // Consecutive matrices agree on what flows between them.
        let matrices = network.matrices
        for (a, b) in zip(matrices, matrices.dropFirst()) {
            switch b.source {
            case .vector(let columns): #expect(a.rows == columns, "seed \(seed)")
            case .window(_, let channels), .flattened(_, let channels): #expect(a.rows == channels, "seed \(seed)")
            }
        }
    }

    @Test func prunedRowsAndColumnsLeaveTheMatrix() throws {
        // 4x5 layer: row 1 all zero, column 3 all zero.
        let w = IntTensor(name: "w", shape: [4, 5], values: [
            1, 2, 0, 0, 1,
            0, 0, 0, 0, 0,
            0, 1, 1, 0, 0,
            3, 0, 0, 0, -1,
        ], dtype: "I8")
        let bias = IntTensor(name: "b", shape: [4], values: [0, 700, 0, 0], dtype: "I32")
        let layer = DenseLayer(weight: w, bias: bias, weightBits: 4, weightKind: .int,
                               requant: Requant(multiplier: .perLayer(1), shift: .perLayer(2)),
                               output: ActivationType(bits: 8, signed: false))
        let model = Model(name: "t", inputShape: [5], inputType: ActivationType(bits: 4, signed: false),
                          layers: [Layer(name: "fc", op: .dense(layer))])
        let network = try CompactedNetwork(model: model)
        #expect(network.matrices[0].rows == [0, 2, 3])
        #expect(network.matrices[0].source == .vector(columns: [0, 1, 2, 4]))
        // Row 1 is the constant clamp(R(700 * 1, 2)) = 175.
        #expect(network.outputConstants == [nil, 175, nil, nil])
    }
}
