import Testing
@testable import DNNGen

extension QuantizationTests {
    @Suite struct WeightQuantizerTests {
        static let settings: [(WeightKind, Int)] = [(.int, 2), (.int, 4), (.int, 8), (.int, 16), (.binary, 1),
                                                     (.ternary, 2), (.pow2, 2), (.pow2, 4), (.pow2, 6)]

        @Test(arguments: [1, 2] as [UInt64])
        func quantizedValuesAreLegalWeightsOfTheKind(seed: UInt64) throws {
            var generator = SplitMix64(seed: seed)
            let weights = (0..<600).map { _ in Float(generator.nextGaussian() * 0.1) }
            for (kind, bits) in Self.settings {
                for perChannel in [false, true] {
                    let quantizer = try WeightQuantizer(kind: kind, bits: bits, perChannel: perChannel)
                    let result = quantizer.quantize(weights, rows: 6)
                    #expect(result.scales.count == 6)
                    #expect(result.scales.allSatisfy { $0 > 0 })
                    #expect(perChannel || Set(result.scales).count == 1)
                    for value in result.values {
                        #expect(kind.allows(value, bits: bits), "seed \(seed) \(kind)\(bits): \(value)")
                    }
                    // fake quantization is scale x level, to the bit
                    var fake = weights
                    fake.withUnsafeMutableBufferPointer { quantizer.fakeQuantize($0, rows: 6) }
                    for index in weights.indices {
                        #expect(fake[index] == Float(result.values[index]) * Float(result.scales[index / 100]))
                    }
                }
            }
        }

        @Test func moreBitsGiveSmallerErrors() throws {
            var generator = SplitMix64(seed: 5)
            let weights = (0..<1000).map { _ in Float(generator.nextGaussian()) }
            var previous = Double.infinity
            for bits in [2, 3, 4, 6, 8] {
                let result = try WeightQuantizer(kind: .int, bits: bits, perChannel: false).quantize(weights, rows: 1)
                let error = zip(weights, result.values).reduce(0.0) { sum, pair in
                    let difference = Double(pair.0) - Double(pair.1) * result.scales[0]
                    return sum + difference * difference
                }
                #expect(error < previous, "\(bits) bits")
                previous = error
            }
        }

        @Test func binaryScaleIsNearTheMeanMagnitude() throws {
            var generator = SplitMix64(seed: 6)
            let weights = (0..<2000).map { _ in Float(generator.nextGaussian()) }
            let mean = weights.reduce(0.0) { $0 + Double(abs($1)) } / Double(weights.count)
            let result = try WeightQuantizer(kind: .binary, bits: 1, perChannel: false).quantize(weights, rows: 1)
            #expect(abs(result.scales[0] / mean - 1) < 0.05, "scale \(result.scales[0]), mean |w| \(mean)")
            #expect(Set(result.values) == [-1, 1])
        }

        @Test func pow2LevelsAreTheNearestPowers() throws {
            let quantizer = try WeightQuantizer(kind: .pow2, bits: 4, perChannel: false)
            #expect(quantizer.largestLevel == 64)
            let cases: [(Float, Float)] = [(0.4, 0), (0.6, 1), (1.4, 1), (1.6, 2), (2.9, 2), (3.1, 4), (-5.9, -4),
                                           (-6.1, -8), (100, 64), (-1000, -64)]
            for (ratio, level) in cases { #expect(quantizer.level(ratio) == level, "\(ratio)") }
        }

        @Test func starvedChannelsAreFlooredAndPruned() throws {
            let weights: [Float] = [0.5, -0.25, 0.125, 0.3] + [1e-30, -2e-30, 0, 1e-31] + [0, 0, 0, 0]
            let result = try WeightQuantizer(kind: .int, bits: 8, perChannel: true).quantize(weights, rows: 3)
            #expect(result.scales[1] == result.scales[2])
            #expect(result.scales[1] >= result.scales[0] * 0x1p-16)
            #expect(Array(result.values[4...]) == [Int](repeating: 0, count: 8))
        }

        @Test(arguments: [
            (WeightKind.int, 1, "int weights take 2 to 16 bits, not 1"),
            (.binary, 2, "binary weights take 1 bits, not 2"),
            (.ternary, 3, "ternary weights take 2 bits, not 3"),
            (.pow2, 7, "pow2 weights are quantized with at most 6 bits (levels up to ±2^30), not 7"),
        ])
        func illegalBitWidthsAreRejected(kind: WeightKind, bits: Int, message: String) {
            let error = #expect(throws: QuantizationError.self) { try WeightQuantizer(kind: kind, bits: bits, perChannel: false) }
            #expect(error?.description == message)
        }
    }
}
