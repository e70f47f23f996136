import Testing
@testable import DNNGen

@Suite struct InspectReportTests {
    static func lenetLike() -> Model {
        let u8 = ActivationType(bits: 8, signed: false)
        var conv = [Int](repeating: 1, count: 4 * 1 * 3 * 3)
        for j in 0..<9 { conv[9 + j] = 0 }   // filter 1 pruned
        conv[0] = 0                           // an irregular zero
        var fc = [Int](repeating: -1, count: 3 * 36)
        for i in 0..<36 { fc[36 + i] = 0 }    // row 1 pruned
        return Model(name: "tiny", inputShape: [1, 8, 8], inputType: u8, layers: [
            Layer(name: "conv1", op: .conv2d(Conv2DLayer(
                weight: IntTensor(name: "conv1.weight", shape: [4, 1, 3, 3], values: conv, dtype: "I8"),
                bias: nil, stride: [1, 1], padding: [0, 0], weightBits: 2, weightKind: .ternary,
                requant: Requant(multiplier: .perLayer(3), shift: .perLayer(4)), output: u8))),
            Layer(name: "pool1", op: .maxpool2d(MaxPool2DLayer(kernel: [2, 2], stride: [2, 2]))),
            Layer(name: "flat", op: .flatten),
            Layer(name: "fc1", op: .dense(DenseLayer(
                weight: IntTensor(name: "fc1.weight", shape: [3, 36], values: fc, dtype: "I8"),
                bias: IntTensor(name: "fc1.bias", shape: [3], values: [1, 2, 3], dtype: "I32"),
                weightBits: 2, weightKind: .ternary,
                requant: Requant(multiplier: .perLayer(1), shift: .perLayer(8), rounding: .floor),
                output: ActivationType(bits: 8, signed: true)))),
        ])
    }

    @Test func textHasOneRowPerLayerAndTotals() {
        let text = InspectReport.text(for: Self.lenetLike(), file: "tiny.bin")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "tiny.bin: model 'tiny', input [1, 8, 8] u8, output [3] s8, 4 layers")
        let conv = lines.first { $0.hasPrefix("conv1 ") } ?? ""
        #expect(conv.contains("[1, 8, 8] u8 -> [4, 6, 6] u8"))
        #expect(conv.contains("2b ternary"))
        #expect(conv.contains("26 (72.2%)"))
        #expect(conv.contains("filters 1/4, irregular 1"))
        #expect(conv.contains("1296"))   // 36 weights x 36 pixels
        #expect(conv.contains("936"))    // 26 x 36
        let fc = lines.first { $0.hasPrefix("fc1 ") } ?? ""
        #expect(fc.contains("rows 1/3"))
        #expect(fc.contains("216"))      // 108 weights x 2 bits
        #expect(fc.contains("144"))      // 2 x 36 x 2 bits
        let pool = lines.first { $0.hasPrefix("pool1 ") } ?? ""
        #expect(pool.contains("[4, 6, 6] u8 -> [4, 3, 3] u8"))
        let total = lines.first { $0.hasPrefix("total ") } ?? ""
        #expect(total.contains("144"))   // params 36 + 108
        #expect(total.contains("98 (68.1%)"))
        #expect(total.contains("1404"))  // MACs dense 1296 + 108
        // Columns line up: the header's column starts match the rule's.
        let header = lines.first { $0.hasPrefix("layer ") } ?? ""
        let rule = lines.first { $0.hasPrefix("---") } ?? ""
        #expect(header.count == rule.count)
        #expect(text == InspectReport.text(for: Self.lenetLike(), file: "tiny.bin"))
    }

    @Test func jsonIsDeterministicAndComplete() {
        let json = InspectReport.json(for: Self.lenetLike())
        #expect(json == InspectReport.json(for: Self.lenetLike()))
        #expect(json.contains("\"model\": \"tiny\""))
        #expect(json.contains("\"pruned_rows\": [1]"))
        #expect(json.contains("\"irregular_zeros\": 1"))
        #expect(json.contains("\"accumulator_ranges\": [[-9179, 1], [2, 2], [-9177, 3]]"))
        #expect(InspectReport.quoted("a\"b\\c\n\u{1}") == "\"a\\\"b\\\\c\\n\\u0001\"")
    }

    @Test(arguments: [(0, 3, "0.0%"), (1, 3, "33.3%"), (2, 3, "66.7%"), (1, 8, "12.5%"), (1, 1, "100.0%"), (1, 2000, "0.1%")])
    func percentRoundsToOneDecimal(part: Int, total: Int, text: String) {
        #expect(InspectReport.percent(part, of: total) == text)
    }
}
