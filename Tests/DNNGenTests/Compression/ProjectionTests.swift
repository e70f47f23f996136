import Foundation
import Testing
@testable import DNNGen

extension CompressionTests {
    @Suite struct ProjectionTests {
        /// A conv layer `[3 filters, 2 channels, 2x2]` at offset 5 of a flat array.
        static let layer = PrunableLayer(name: "c", modelIndex: 0, weights: 5..<29, bias: 29..<32,
                                         rows: 3, channels: 2, kernelArea: 4)

        static func randomValues(seed: UInt64) -> [Float] {
            var generator = SplitMix64(seed: seed)
            return (0..<32).map { _ in Float(generator.nextGaussian()) }
        }

        @Test(arguments: PruningKind.allCases)
        func unitsPartitionTheWeightsEvenly(kind: PruningKind) {
            let layer = Self.layer
            var members = [Int](repeating: 0, count: layer.unitCount(kind))
            for offset in 0..<layer.weightCount { members[layer.unit(kind, ofWeight: offset)] += 1 }
            #expect(members.allSatisfy { $0 == layer.unitSize(kind) })
            #expect(layer.unitCount(kind) == [PruningKind.irregular: 24, .filter: 3, .channel: 2, .shape: 8][kind])
        }

        /// The projection is the nearest point of the set: no other choice of k units is closer.
        @Test(arguments: [(PruningKind.filter, 1), (.filter, 2), (.channel, 1), (.shape, 3), (.shape, 5), (.irregular, 7)])
        func theProjectionIsTheNearestPointOfTheSparsitySet(kind: PruningKind, keep: Int) {
            let layer = Self.layer
            for seed in 1...20 as ClosedRange<UInt64> {
                let values = Self.randomValues(seed: seed)
                var projected = values
                SparsityProjection(layer: layer, kind: kind, keep: keep).project(&projected)
                #expect(projected[0..<5] == values[0..<5] && projected[29...] == values[29...], "only the layer's weights change")
                let kept = Set(layer.weights.filter { projected[$0] != 0 }.map { layer.unit(kind, ofWeight: $0 - 5) })
                #expect(kept.count == keep)
                func distance(keeping units: Set<Int>) -> Double {
                    layer.weights.reduce(0.0) { sum, index in
                        units.contains(layer.unit(kind, ofWeight: index - 5)) ? sum : sum + Double(values[index] * values[index])
                    }
                }
                let best = distance(keeping: kept)
                // every other set that swaps one kept unit for a pruned one is no closer
                for dropped in kept {
                    for added in 0..<layer.unitCount(kind) where !kept.contains(added) {
                        var other = kept
                        other.remove(dropped)
                        other.insert(added)
                        #expect(distance(keeping: other) >= best)
                    }
                }
            }
        }

        @Test func deadUnitsPropagateThroughPoolingAndFlatten() throws {
            let model = CompressionFixtures.deeperCNN(seed: 4)
            let network = try TrainingNetwork(model)
            let layers = PrunableLayer.layers(of: network)
            #expect(layers.map(\.name) == ["conv1", "conv2", "fc1", "fc2"])
            var mask = [Float](repeating: 1, count: network.parameterCount)
            let conv1 = layers[0], conv2 = layers[1], fc1 = layers[2], fc2 = layers[3]
            // conv1 filter 2 pruned; every fc2 column 5 pruned (nobody reads fc1 neuron 5);
            // conv2 filter 7's 9 flattened columns pruned in every fc1 row
            for i in 0..<conv1.columns { mask[conv1.weights.lowerBound + 2 * conv1.columns + i] = 0 }
            for row in 0..<fc2.rows { mask[fc2.weights.lowerBound + row * fc2.columns + 5] = 0 }
            for row in 0..<fc1.rows { for j in 63..<72 { mask[fc1.weights.lowerBound + row * fc1.columns + j] = 0 } }
            DeadUnitPropagation.apply(to: &mask, layers: layers)
            #expect(mask[conv1.bias.lowerBound + 2] == 0, "a pruned filter's bias goes too")
            for row in 0..<conv2.rows {
                for p in 0..<9 { #expect(mask[conv2.weights.lowerBound + row * conv2.columns + 2 * 9 + p] == 0, "conv2 channel 2 is read from a dead filter") }
            }
            #expect((0..<conv2.columns).allSatisfy { mask[conv2.weights.lowerBound + 7 * conv2.columns + $0] == 0 }, "conv2 filter 7 is read by nobody")
            #expect(mask[conv2.bias.lowerBound + 7] == 0)
            #expect((0..<fc1.columns).allSatisfy { mask[fc1.weights.lowerBound + 5 * fc1.columns + $0] == 0 }, "fc1 neuron 5 is read by nobody")
            let kept = mask.filter { $0 != 0 }.count
            // conv1 row 2 + bias (10), conv2 channel 2 (8·9), the rest of conv2 row 7 + bias (5·9 + 1),
            // fc1 columns 63..<72 (12·9), the rest of fc1 row 5 + bias (63 + 1), fc2 column 5 (4)
            #expect(kept == network.parameterCount - (10 + 72 + 46 + 108 + 64 + 4), "nothing else is pruned")
            // fc2 is the last layer: its rows keep their biases even when its weights are all pruned
            var lastRow = [Float](repeating: 1, count: network.parameterCount)
            for i in 0..<fc2.columns { lastRow[fc2.weights.lowerBound + i] = 0 }
            DeadUnitPropagation.apply(to: &lastRow, layers: layers)
            #expect(lastRow[fc2.bias.lowerBound] == 1)
        }
    }
}
