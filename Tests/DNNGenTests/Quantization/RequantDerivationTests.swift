import Foundation
import Testing
@testable import DNNGen

extension QuantizationTests {
    @Suite struct RequantDerivationTests {
        @Test(arguments: [1, 2, 3] as [UInt64])
        func multiplierAndShiftApproximateTheRatioToTheMultiplierWidth(seed: UInt64) throws {
            var generator = SplitMix64(seed: seed)
            for bits in [8, 16, 31] {
                for _ in 0..<200 {
                    let ratio = Foundation.pow(2, Double(generator.nextIndex(below: 48)) - 40) * (1 + Double(generator.next() % 1000) / 1000)
                    let pair = try #require(RequantDerivation.multiplierShift(for: ratio, multiplierBits: bits), "seed \(seed) ratio \(ratio)")
                    #expect(pair.multiplier >= 1 && pair.multiplier < 1 << bits)
                    #expect((0...62).contains(pair.shift))
                    #expect(pair.multiplier >= 1 << (bits - 1) || pair.shift == 62 || pair.shift == 0, "the multiplier uses its width")
                    let approximation = Double(pair.multiplier) / Foundation.pow(2, Double(pair.shift))
                    // rounding m is the only error: at most half a unit of m
                    #expect(abs(approximation / ratio - 1) <= 0.5 / Double(pair.multiplier) * (1 + 1e-9), "seed \(seed) bits \(bits) ratio \(ratio): \(pair)")
                }
            }
        }

        @Test func exactPowersAndLimits() {
            #expect(RequantDerivation.multiplierShift(for: 1, multiplierBits: 16)! == (32768, 15))
            #expect(RequantDerivation.multiplierShift(for: 0.5, multiplierBits: 31)! == (1 << 30, 31))
            #expect(RequantDerivation.multiplierShift(for: 70_000, multiplierBits: 16) == nil)
            #expect(RequantDerivation.multiplierShift(for: 65_535, multiplierBits: 16)! == (65_535, 0))
            #expect(RequantDerivation.multiplierShift(for: 0x1p-70, multiplierBits: 16) == nil)
            #expect(RequantDerivation.multiplierShift(for: 0, multiplierBits: 16) == nil)
            #expect(RequantDerivation.multiplierShift(for: .nan, multiplierBits: 16) == nil)
        }
    }
}
