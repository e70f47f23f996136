import Testing
@testable import DNNGen

extension FormatTests {
@Suite("JSON")
struct JSONTests {
    @Test func parsesEveryKindOfValue() throws {
        let value = try JSONValue.parse(#" { "a" : [1, -2, 3.5, -0.25e2, 1E3, true, false, null], "b": {"c": "d\n\u00e9\ud83d\ude00"}, "e": -0 } "#)
        let expected: JSONValue = [
            "a": [1, -2, 3.5, -25.0, 1000.0, true, false, nil],
            "b": ["c": "d\né😀"],
            "e": 0,
        ]
        #expect(value == expected)
        #expect(value["b"]?["c"]?.stringValue == "d\né😀")
        #expect(value["a"]?[2]?.doubleValue == 3.5)
        #expect(value["a"]?[0]?.intValue == 1)
        #expect(value["a"]?[2]?.intValue == nil)
        #expect(value["missing"] == nil)
    }

    @Test func integersAtTheLimitsOfInt() throws {
        #expect(try JSONValue.parse("9223372036854775807") == .int(Int.max))
        #expect(try JSONValue.parse("-9223372036854775808") == .int(Int.min))
        #expect(try JSONValue.parse("1.0") == .double(1.0))
    }

    /// Valid JSON, but beyond `Int`: kept as a number so the field's reader can name it.
    @Test func integersBeyond64BitsParseAsNumbers() throws {
        #expect(try JSONValue.parse("9223372036854775808") == .double(9223372036854775808.0))
        #expect(try JSONValue.parse("-9223372036854775809") == .double(-9223372036854775809.0))
        #expect(try JSONValue.parse("9223372036854775807") == .int(Int.max))
    }

    @Test(arguments: [
        ("", "expected a value, found the end"),
        ("   ", "expected a value"),
        ("01", "leading zeros"),
        ("-01", "leading zeros"),
        ("1.", "expected a digit after '.'"),
        (".5", "expected a value"),
        ("-", "expected a digit"),
        ("+1", "expected a value"),
        ("1e", "expected a digit in the exponent"),
        ("1e+", "expected a digit in the exponent"),
        ("[1,]", "expected a value"),
        ("[1 2]", "expected ',' or ']'"),
        ("{\"a\":1,}", "expected a string key"),
        ("{\"a\" 1}", "expected ':'"),
        ("{\"a\":1 \"b\":2}", "expected ',' or '}'"),
        ("{'a':1}", "expected a string key"),
        ("{1:1}", "expected a string key"),
        ("\"abc", "unterminated string"),
        ("\"a\\x\"", "invalid escape"),
        ("\"a\u{01}\"", "unescaped control character"),
        ("\"a\tb\"", "unescaped control character"),
        ("\"\\u12G4\"", "invalid hex digit"),
        ("\"\\u12", "truncated"),
        ("\"\\ud800\"", "unpaired surrogate"),
        ("\"\\udc00\"", "unpaired surrogate"),
        ("\"\\ud800\\u0041\"", "unpaired surrogate"),
        ("tru", "invalid literal"),
        ("nul", "invalid literal"),
        ("True", "expected a value"),
        ("NaN", "expected a value"),
        ("[1] 2", "unexpected '2' after the value"),
        ("{\"a\":1,\"a\":2}", "duplicate key \"a\""),
        ("1e400", "out of range"),
        ("\u{FEFF}{}", "expected a value"),
    ])
    func rejectsInvalidText(text: String, expected: String) {
        do {
            let value = try JSONValue.parse(text)
            Issue.record("parsed \(text.debugDescription) as \(value)")
        } catch {
            #expect(error.description.contains(expected), "\(text.debugDescription): \(error)")
        }
    }

    @Test func errorsCarryTheByteOffset() {
        #expect(throws: JSONParseError("expected ',' or ']' in an array, found 'x'", offset: 3)) {
            try JSONValue.parse("[1 x]")
        }
    }

    @Test func nestingIsLimited() throws {
        let depth = JSONValue.maximumDepth
        let ok = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        _ = try JSONValue.parse(ok)
        let tooDeep = String(repeating: "[", count: depth + 1) + String(repeating: "]", count: depth + 1)
        #expect(throws: JSONParseError.self) { try JSONValue.parse(tooDeep) }
        // Deep garbage must not exhaust the stack either.
        #expect(throws: JSONParseError.self) { try JSONValue.parse(String(repeating: "[{\"a\":", count: 100_000)) }
    }

    @Test func serializesCompactAndPrettyDeterministically() {
        let value: JSONValue = ["b": [1, 2.5, "x"], "a": [:], "c": [], "d": ["e": nil, "f": false]]
        #expect(value.serialized() == #"{"b":[1,2.5,"x"],"a":{},"c":[],"d":{"e":null,"f":false}}"#)
        #expect(value.serialized(pretty: true) == """
            {
              "b": [
                1,
                2.5,
                "x"
              ],
              "a": {},
              "c": [],
              "d": {
                "e": null,
                "f": false
              }
            }
            """)
    }

    @Test func escapesStrings() {
        let value = JSONValue.string("q\"b\\n\n\r\t\u{08}\u{0C}\u{01}\u{1F}é/\u{2028}")
        #expect(value.serialized() == #""q\"b\\n\n\r\t\b\f\u0001\u001fé/"# + "\u{2028}\"")
    }

    @Test func doublesRoundTrip() throws {
        for double in [0.1, -0.0, 1e-7, 1e20, 123456789.125, Double.leastNonzeroMagnitude, Double.greatestFiniteMagnitude, 3.0] {
            let text = JSONValue.double(double).serialized()
            #expect(try JSONValue.parse(text) == .double(double), "\(text)")
        }
        #expect(JSONValue.double(.infinity).serialized() == "null")
        #expect(JSONValue.double(.nan).serialized() == "null")
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func serializedValuesParseBack(seed: UInt64) throws {
        var random = FormatFixtures.Random(seed: seed)
        for _ in 0..<200 {
            let value = Self.randomValue(depth: 0, random: &random)
            #expect(try JSONValue.parse(value.serialized()) == value, "seed \(seed)")
            #expect(try JSONValue.parse(value.serialized(pretty: true)) == value, "seed \(seed)")
        }
    }

    static func randomValue(depth: Int, random: inout FormatFixtures.Random) -> JSONValue {
        switch Int.random(in: 0...(depth > 3 ? 4 : 6), using: &random) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &random))
        case 2: return .int(Int(bitPattern: UInt(random.next())) >> Int.random(in: 0...63, using: &random))
        case 3: return .double(Double(Int.random(in: -1_000_000...1_000_000, using: &random)) / 64 + 0.5)
        case 4:
            let scalars = (0..<Int.random(in: 0...6, using: &random)).compactMap { _ in
                Unicode.Scalar(UInt32.random(in: 0...0x1_F000, using: &random))
            }
            return .string(String(String.UnicodeScalarView(scalars)))
        case 5:
            return .array((0..<Int.random(in: 0...4, using: &random)).map { _ in randomValue(depth: depth + 1, random: &random) })
        default:
            return .object((0..<Int.random(in: 0...4, using: &random)).map { index in
                JSONMember(key: "k\(index)", value: randomValue(depth: depth + 1, random: &random))
            })
        }
    }
}
}
