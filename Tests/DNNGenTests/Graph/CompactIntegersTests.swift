import Testing
@testable import DNNGen

@Suite("Compact integers")
struct CompactIntegersTests {
    @Test func holdsEachValueInTheNarrowestWidth() {
        #expect(CompactIntegers([-128, 127, 0]).byteWidth == 1)
        #expect(CompactIntegers([-129, 0]).byteWidth == 2)
        #expect(CompactIntegers([255]).byteWidth == 2)
        #expect(CompactIntegers([Int(Int16.max) + 1]).byteWidth == 4)
        #expect(CompactIntegers([Int.min, Int.max]).byteWidth == 8)
        #expect(Array(CompactIntegers([Int.min, -1, 0, Int.max])) == [Int.min, -1, 0, Int.max])
    }

    @Test func appendAndAssignWidenWithoutChangingEarlierValues() {
        var generator = SplitMix64(seed: 11)
        var reference: [Int] = []
        var compact = CompactIntegers()
        for step in 0..<400 {
            // Ever wider magnitudes, so every widening happens with values already held.
            let bits = 1 + step / 7
            let value = Int.random(in: -(1 << (bits - 1))...((1 << (bits - 1)) - 1), using: &generator)
            if step % 3 == 2, !reference.isEmpty {
                let index = Int.random(in: 0..<reference.count, using: &generator)
                reference[index] = value
                compact[index] = value
            } else {
                reference.append(value)
                compact.append(value)
            }
            #expect(Array(compact) == reference, "step \(step), seed 11")
        }
        #expect(compact.byteWidth == 8)
    }

    @Test func equalityComparesValuesWhateverTheWidth() {
        var widened = CompactIntegers([1, 2, 3])
        widened[0] = 1 << 40
        widened[0] = 1
        #expect(widened.byteWidth == 8)
        #expect(widened == [1, 2, 3])
        #expect(widened != [1, 2, 4])
        #expect(CompactIntegers(repeating: -5, count: 4) == [-5, -5, -5, -5])
    }

    @Test func readerReadsWhatTheSubscriptDoes() {
        for values in [[-3, 7, 0], [300, -300], [1 << 20, -(1 << 20)], [Int.min, 5]] {
            let compact = CompactIntegers(values)
            #expect(compact.withReader { reader in values.indices.map { reader[$0] } } == values)
        }
    }
}
