import Testing
@testable import DNNGen

@Suite("ROM images")
struct RomImageTests {
    /// The packed image prints each word as a word built on its own would (fields of 1 to 150
    /// bits, negative values sign-extended past 128 bits).
    @Test func packedWordsPrintAsSeparateWords() {
        var generator = SplitMix64(seed: 3)
        for _ in 0..<40 {
            let fields = (0..<Int.random(in: 1...5, using: &generator)).map { _ in Int.random(in: 1...150, using: &generator) }
            var image = RomImage(fileName: "x.hex", width: fields.reduce(0, +))
            var expected = ""
            for _ in 0..<Int.random(in: 1...6, using: &generator) {
                var word = BitWord()
                for width in fields {
                    let value = Int128(Int64.random(in: Int64.min...Int64.max, using: &generator)) << Int.random(in: 0...60, using: &generator)
                    word.append(value, width: width)
                    image.append(value, width: width)
                }
                expected += word.hex + "\n"
            }
            #expect(image.hexText == expected, "fields \(fields), seed 3")
            #expect(image.depth == expected.split(separator: "\n").count)
        }
    }

    @Test func wordsPrintMostSignificantDigitFirst() {
        var word = BitWord()
        word.append(0xA, width: 4)
        word.append(-1, width: 3)
        #expect(word.hex == "7a")
        var wide = BitWord()
        wide.append(-2, width: 130)
        #expect(wide.hex == "3" + String(repeating: "f", count: 31) + "e")
        #expect(BitWord().hex == "0")
    }
}
