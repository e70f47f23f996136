import Testing
@testable import DNNGen

@Suite("Sparse index formats")
struct SparseIndexFormatTests {
    /// One group, one row of 16 columns, non-zeros at 0, 3 and 12.
    static let gaps = SparseGroupGaps(weights: [5, 0, 0, -2, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0], rows: 1, columns: 16, groups: 1)

    @Test func gapsCountPositionsSkipped() {
        #expect(Self.gaps.gaps == [[0, 2, 8]])
        #expect(Self.gaps.values == [[5, -2, 1]])
    }

    @Test func relativeEscapesLongGaps() {
        // 2-bit deltas: gaps up to 2, escape 3 (all ones). Gap 8: two escapes, then delta 2.
        let cost = Self.gaps.measure(format: .relative(bits: 2), weightBits: 4)
        #expect(cost.codes == [5])
        #expect(cost.escapeBits == 4)
        #expect(cost.positionBits == 6)
        #expect(cost.valueBits == 12)
        let bits = Self.gaps.streamBits(group: 0, cost: cost, kind: WeightKind.int)
        // ROM words: bit i of the stream at bit i mod 8 of word i / 8.
        let words = stride(from: 0, to: bits.count, by: 8).map { start in
            String(format: "%02x", (0..<8).reduce(0) { $0 | (start + $1 < bits.count && bits[start + $1] ? 1 << $1 : 0) })
        }
        // Bits in stream order (LSB first): delta 0 + value 5, delta 2 + value -2, escape, escape,
        // delta 2 + value 1 = 001010 010111 11 11 011000: 22 bits, three 8-bit words.
        #expect(cost.streamWidth == 8)
        #expect(words == ["94", "fe", "06"])
        #expect(cost.fillBits == 2)
    }

    @Test func riceCodesQuotientInUnary() {
        // k = 1: gap 0 -> "1" + "0"; gap 2 -> "0" "1" "0"; gap 8 -> "0000" "1" "0".
        let cost = Self.gaps.measure(format: .rice(k: 1, qmax: 8), weightBits: 4)
        #expect(cost.codes == [3])
        #expect(cost.positionBits == 2 + 3 + 6)
        #expect(cost.escapeBits == 0)
    }

    @Test func bitmapCostsOneBitAPosition() {
        let cost = Self.gaps.measure(format: .bitmap(qmax: 16), weightBits: 4)
        // Positions 0 ... 12: 13 bits.
        #expect(cost.positionBits == 13)
    }

    @Test func autoTakesTheSmallestFormat() throws {
        let auto = try SparseFormatChoice.choose(.auto, gaps: Self.gaps, weightBits: 4, layer: "l")
        for format in SparseIndexFormat.candidates(columns: 16, weightBits: 4) {
            #expect(auto.totalBits <= Self.gaps.measure(format: format, weightBits: 4).totalBits, "\(format)")
        }
    }

    @Test(arguments: [
        ("relative:9", "layer 'l': --index relative:9 cannot encode this layer: the escape 2^9-1 must not exceed 16 rows of its 16 columns, and delta plus 4-bit value at most 32 bits"),
        ("rice:9", "layer 'l': --index rice:9: Rice parameter out of range for this layer (k from 0 while 2^k <= 16 rows of its 16 columns and the code fits 32 bits)"),
    ])
    func badParametersNameTheFlagAndTheLayer(argument: String, message: String) {
        guard let request = SparseIndexRequest(argument: argument) else { Issue.record("parse \(argument)"); return }
        #expect(throws: PlanError(layer: "l", String(message.dropFirst("layer 'l': ".count)))) {
            _ = try SparseFormatChoice.choose(request, gaps: Self.gaps, weightBits: 4, layer: "l")
        }
    }

    @Test(arguments: ["", "rle", "rice:x", "relative:4:1", "auto:3", "bitmap:2"])
    func unknownArgumentsDoNotParse(argument: String) {
        #expect(SparseIndexRequest(argument: argument) == nil)
    }

    /// The storage of a 90%-sparse random matrix in the best format stays near values + floor.
    @Test(arguments: [0.8, 0.9, 0.95])
    func bestFormatIsNearTheFloor(sparsity: Double) throws {
        var generator = SplitMix64(seed: 7)
        let rows = 120, columns = 400
        let weights = (0..<(rows * columns)).map { _ in
            Double.random(in: 0..<1, using: &generator) < sparsity ? 0 : [-3, -1, 2, 5].randomElement(using: &generator) ?? 1
        }
        let gaps = SparseGroupGaps(weights: weights, rows: rows, columns: columns, groups: 4)
        let cost = try SparseFormatChoice.choose(.auto, gaps: gaps, weightBits: 4, layer: "fc")
        let nnz = gaps.nonZeros
        let floor = Double(nnz * 4) + log2Binomial(rows * columns, nnz)
        #expect(Double(cost.totalBits) <= 1.15 * floor, "\(cost.format): \(cost.totalBits) bits, floor \(floor)")
    }
}
