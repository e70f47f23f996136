import Testing
@testable import DNNGen

/// Compaction drops pruned rows and columns and folds constants into biases without changing
/// a single output: a software run of the compacted network equals the reference.
@Suite("Compaction")
struct CompactionTests {
    /// Runs the compacted network the way the hardware does: stream in the kept inputs, each
    /// layer's rows feed the next layer's columns in order, constants fill the output.
    static func runCompacted(_ network: CompactedNetwork, input: [Int]) -> [Int] {
        var x = network.layers[0].columns.map { input[$0] }
        for layer in network.layers {
            x = (0..<layer.rows.count).map { r in
                var acc = layer.bias[r]
                for c in 0..<layer.columns.count { acc += Int128(layer.weight(row: r, column: c)) * Int128(x[c]) }
                return Requantization.apply(accumulator: acc, multiplier: layer.multipliers[r], shift: layer.shifts[r],
                                            rounding: layer.rounding, output: layer.outputType)
            }
        }
        var computed = x.makeIterator()
        return network.outputConstants.map { $0 ?? computed.next() ?? Int.min }
    }

    @Test("compacted network equals the reference", arguments: 0..<60)
    func compactedNetworkEqualsReference(seed: Int) throws {
        let model = RandomModels.mlp(seed: UInt64(1000 + seed))
        let network = try CompactedNetwork(model: model)
        let reference = ReferenceModel(model)
        var inputs = RandomModels.extremeInputs(for: model)
        for k in 0..<8 { inputs.append(RandomModels.input(for: model, seed: UInt64(seed * 100 + k))) }
        for input in inputs {
            #expect(Self.runCompacted(network, input: input) == reference.infer(input), "seed \(1000 + seed)")
        }
        // Consecutive layers agree on the vector between them.
        for (a, b) in zip(network.layers, network.layers.dropFirst()) {
            #expect(a.rows == b.columns, "seed \(1000 + seed)")
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
        #expect(network.layers[0].rows == [0, 2, 3])
        #expect(network.layers[0].columns == [0, 1, 2, 4])
        // Row 1 is the constant clamp(R(700 * 1, 2)) = 175.
        #expect(network.outputConstants == [nil, 175, nil, nil])
    }
}
