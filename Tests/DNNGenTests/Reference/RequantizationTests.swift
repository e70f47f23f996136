import Testing
@testable import DNNGen

@Suite struct RequantizationTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var v: Int128
        var shift: Int
        /// Expected results for half_up, half_even and floor.
        var expected: (halfUp: Int128, halfEven: Int128, floor: Int128)
        var testDescription: String { "R(\(v), \(shift))" }
    }

    static let twoTo61 = Int128(1) << 61
    static let twoTo62 = Int128(1) << 62
    static let twoTo65 = Int128(1) << 65

    /// Hand-computed: value / 2^shift, and what each rounding makes of it.
    static let cases: [Case] = [
        Case(v: 0, shift: 0, expected: (0, 0, 0)),
        Case(v: -7, shift: 0, expected: (-7, -7, -7)),
        Case(v: 12345, shift: 0, expected: (12345, 12345, 12345)),
        Case(v: 1, shift: 1, expected: (1, 0, 0)),          // 0.5
        Case(v: 3, shift: 1, expected: (2, 2, 1)),          // 1.5
        Case(v: 5, shift: 1, expected: (3, 2, 2)),          // 2.5
        Case(v: -1, shift: 1, expected: (0, 0, -1)),        // -0.5
        Case(v: -3, shift: 1, expected: (-1, -2, -2)),      // -1.5
        Case(v: -5, shift: 1, expected: (-2, -2, -3)),      // -2.5
        Case(v: 4, shift: 1, expected: (2, 2, 2)),          // 2
        Case(v: -4, shift: 1, expected: (-2, -2, -2)),      // -2
        Case(v: 5, shift: 2, expected: (1, 1, 1)),          // 1.25
        Case(v: 6, shift: 2, expected: (2, 2, 1)),          // 1.5
        Case(v: 7, shift: 2, expected: (2, 2, 1)),          // 1.75
        Case(v: 10, shift: 2, expected: (3, 2, 2)),         // 2.5
        Case(v: -5, shift: 2, expected: (-1, -1, -2)),      // -1.25
        Case(v: -6, shift: 2, expected: (-1, -2, -2)),      // -1.5
        Case(v: -7, shift: 2, expected: (-2, -2, -2)),      // -1.75
        Case(v: -10, shift: 2, expected: (-2, -2, -3)),     // -2.5
        Case(v: 1, shift: 3, expected: (0, 0, 0)),          // 0.125
        Case(v: -1, shift: 3, expected: (0, 0, -1)),        // -0.125
        Case(v: 181 * 100, shift: 13, expected: (2, 2, 2)), // 2.209...
        Case(v: twoTo62, shift: 62, expected: (1, 1, 1)),
        Case(v: twoTo61, shift: 62, expected: (1, 0, 0)),   // 0.5
        Case(v: 3 * twoTo61, shift: 62, expected: (2, 2, 1)),  // 1.5
        Case(v: -twoTo61, shift: 62, expected: (0, 0, -1)),    // -0.5
        Case(v: -3 * twoTo61, shift: 62, expected: (-1, -2, -2)), // -1.5
        Case(v: twoTo61 - 1, shift: 62, expected: (0, 0, 0)),
        Case(v: twoTo61 + 1, shift: 62, expected: (1, 1, 0)),
        Case(v: .max, shift: 62, expected: (twoTo65, twoTo65, twoTo65 - 1)),  // 2^65 - 2^-62
        Case(v: .min, shift: 62, expected: (-twoTo65, -twoTo65, -twoTo65)),
        Case(v: .max, shift: 127, expected: (1, 1, 0)),     // 1 - 2^-127
        Case(v: .min, shift: 127, expected: (-1, -1, -1)),
        Case(v: .min, shift: 128, expected: (0, 0, -1)),    // -0.5
        Case(v: .max, shift: 200, expected: (0, 0, 0)),
    ]

    @Test(arguments: cases)
    func roundShiftMatchesHandComputedValues(_ c: Case) {
        #expect(Requantization.roundShift(c.v, shift: c.shift, rounding: .halfUp) == c.expected.halfUp)
        #expect(Requantization.roundShift(c.v, shift: c.shift, rounding: .halfEven) == c.expected.halfEven)
        #expect(Requantization.roundShift(c.v, shift: c.shift, rounding: .floor) == c.expected.floor)
    }

    @Test(arguments: 0..<20)
    func roundShiftMatchesFloorDivision(seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed))
        for _ in 0..<2000 {
            let shift = Int.random(in: 0...62, using: &rng)
            let bits = Int.random(in: 1...100, using: &rng)
            var v = Int128(Int.random(in: .min ... .max, using: &rng)) << Int128(Swift.max(0, bits - 64))
            v >>= Int128(Int.random(in: 0...63, using: &rng))
            if shift > 0, Bool.random(using: &rng) {
                // Force an exact tie: v = (2q + 1) · 2^(shift-1).
                v = (v >> Int128(shift)) << Int128(shift) | (Int128(1) << Int128(shift - 1))
            }
            for rounding in Rounding.allCases {
                #expect(Requantization.roundShift(v, shift: shift, rounding: rounding)
                        == IndependentReference.round(v, shift: shift, rounding: rounding),
                        "seed \(seed): R(\(v), \(shift)) \(rounding)")
            }
        }
    }

    @Test func applyClampsToTheOutputType() {
        let s8 = ActivationType(bits: 8, signed: true)
        let u4 = ActivationType(bits: 4, signed: false)
        #expect(Requantization.apply(accumulator: 1_000_000, multiplier: 1, shift: 0, rounding: .halfUp, output: s8) == 127)
        #expect(Requantization.apply(accumulator: -1_000_000, multiplier: 1, shift: 0, rounding: .halfUp, output: s8) == -128)
        #expect(Requantization.apply(accumulator: -5, multiplier: 3, shift: 1, rounding: .floor, output: u4) == 0)
        #expect(Requantization.apply(accumulator: 11, multiplier: 3, shift: 1, rounding: .halfUp, output: u4) == 15)   // 16.5
        #expect(Requantization.apply(accumulator: 9, multiplier: 3, shift: 1, rounding: .halfEven, output: u4) == 14)  // 13.5
        #expect(Requantization.apply(accumulator: -85, multiplier: 3, shift: 1, rounding: .halfEven, output: s8) == -128) // -127.5
        #expect(Requantization.apply(accumulator: -85, multiplier: 3, shift: 1, rounding: .halfUp, output: s8) == -127)
    }

    @Test func applyWithTheLargestMultiplier() {
        let s16 = ActivationType(bits: 16, signed: true)
        let m = (1 << 31) - 1
        // 1000 · (2^31 - 1) / 2^31 = 1000 - 1000/2^31.
        #expect(Requantization.apply(accumulator: 1000, multiplier: m, shift: 31, rounding: .halfUp, output: s16) == 1000)
        #expect(Requantization.apply(accumulator: 1000, multiplier: m, shift: 31, rounding: .halfEven, output: s16) == 1000)
        #expect(Requantization.apply(accumulator: 1000, multiplier: m, shift: 31, rounding: .floor, output: s16) == 999)
        #expect(Requantization.apply(accumulator: -1000, multiplier: m, shift: 31, rounding: .floor, output: s16) == -1000)
        // 2^40 · (2^31 - 1) / 2^62 = 512 - 2^-22.
        #expect(Requantization.apply(accumulator: 1 << 40, multiplier: m, shift: 62, rounding: .floor, output: s16) == 511)
        #expect(Requantization.apply(accumulator: 1 << 40, multiplier: m, shift: 62, rounding: .halfUp, output: s16) == 512)
    }

    @Test func applyBeyond128BitsClampsByTheExactValue() {
        let s8 = ActivationType(bits: 8, signed: true)
        let huge = Int128.max / 3
        #expect(Requantization.apply(accumulator: huge, multiplier: 1 << 30, shift: 62, rounding: .halfUp, output: s8) == 127)
        #expect(Requantization.apply(accumulator: -huge, multiplier: 1 << 30, shift: 62, rounding: .floor, output: s8) == -128)
        #expect(Requantization.apply(accumulator: .min, multiplier: (1 << 31) - 1, shift: 0, rounding: .halfEven, output: s8) == -128)
        // Shifts far beyond the spec's 62 bring an overflowing product back into range.
        #expect(Requantization.apply(accumulator: Int128(1) << 126, multiplier: 3, shift: 127, rounding: .halfEven, output: s8) == 2) // 1.5
        #expect(Requantization.apply(accumulator: Int128(1) << 126, multiplier: 5, shift: 127, rounding: .halfEven, output: s8) == 2) // 2.5
        #expect(Requantization.apply(accumulator: -(Int128(1) << 126), multiplier: 5, shift: 127, rounding: .halfUp, output: s8) == -2) // -2.5
        #expect(Requantization.apply(accumulator: -(Int128(1) << 126), multiplier: 5, shift: 127, rounding: .floor, output: s8) == -3)
    }

    /// `R(a · 2^k, s) == R(a, s - k)` for `s >= k`: checks the 256-bit path against the 128-bit one.
    @Test(arguments: 0..<10)
    func wideRoundingAgreesWithNarrowRounding(seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed) &+ 1000)
        for _ in 0..<1000 {
            let a = Int128(Int.random(in: .min ... .max, using: &rng)) << Int128(Int.random(in: 0...63, using: &rng))
            let k = Int.random(in: 0...126, using: &rng)
            let narrowShift = Int.random(in: 0...126, using: &rng)
            let (high, low) = a.multipliedFullWidth(by: Int128(1) << Int128(k))
            let wide = WideInteger(high: high, low: low)
            for rounding in Rounding.allCases {
                let expected = Requantization.roundShift(a, shift: narrowShift, rounding: rounding)
                let actual = wide.roundShift(narrowShift + k, rounding: rounding)
                #expect(actual == WideInteger(high: expected < 0 ? -1 : 0, low: UInt128(bitPattern: expected)),
                        "seed \(seed): a \(a) k \(k) s \(narrowShift) \(rounding)")
            }
        }
    }

    @Test func splitMix64IsDeterministic() {
        var a = SplitMix64(seed: 42)
        var b = SplitMix64(seed: 42)
        var c = SplitMix64(seed: 43)
        let first = (0..<8).map { _ in a.next() }
        #expect(first == (0..<8).map { _ in b.next() })
        #expect(first != (0..<8).map { _ in c.next() })
        // The published SplitMix64 sequence for seed 0.
        var zero = SplitMix64(seed: 0)
        #expect(zero.next() == 0xE220_A839_7B1D_CDAF)
        #expect(zero.next() == 0x6E78_9E6A_A1B9_65F4)
    }
}
