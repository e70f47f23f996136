import Testing
@testable import DNNGen

extension FormatTests {
    /// Each malformed file gets one message naming the file, the layer and the field at fault.
    @Suite("ModelFile errors")
    struct ModelFileErrorTests {
        typealias Case = (name: String, bytes: [UInt8], expected: String)

        /// One row of a table: a mutated file and the start (or a part) of the message it must get.
        struct ErrorCase: Sendable, CustomTestStringConvertible {
            var name: String
            var bytes: [UInt8]
            var expected: String
            var testDescription: String { name }
        }

        static func table(_ cases: [Case]...) -> [ErrorCase] {
            cases.flatMap { $0.map { ErrorCase(name: $0.name, bytes: $0.bytes, expected: $0.expected) } }
        }

        static let dense = ModelFile.encode(FormatFixtures.denseModel())
        static let conv = ModelFile.encode(FormatFixtures.convModel())

        static func graph(_ base: [UInt8], at path: [JSONPathStep], _ value: JSONValue?) -> [UInt8] {
            FormatFixtures.mutatingGraph(base) { $0.set(path, value) }
        }

        static func graph(_ path: [JSONPathStep], _ value: JSONValue?) -> [UInt8] {
            graph(dense, at: path, value)
        }

        static func convGraph(_ path: [JSONPathStep], _ value: JSONValue?) -> [UInt8] {
            graph(conv, at: path, value)
        }

        static func metadata(_ key: String, _ value: String?) -> [UInt8] {
            FormatFixtures.mutatingContainer(dense) { $0.metadata[key] = value }
        }

        static func tensor(_ name: String, _ dtype: SafeTensorsDType, _ shape: [Int], _ values: [Int]) -> [UInt8] {
            FormatFixtures.replacingTensor(dense, name, dtype: dtype, shape: shape, data: .integers(CompactIntegers(values)))
        }

        static func convTensor(_ name: String, _ dtype: SafeTensorsDType, _ shape: [Int], _ values: [Int]) -> [UInt8] {
            FormatFixtures.replacingTensor(conv, name, dtype: dtype, shape: shape, data: .integers(CompactIntegers(values)))
        }

        static func weight(_ values: [(Int, Int)]) -> [Int] {
            var all = Array(repeating: 0, count: 32)
            for (index, value) in values { all[index] = value }
            return all
        }

        static let metadataCases: [Case] = [
            ("format missing", metadata("format", nil), "model.bin: metadata has no 'format' (not a dnngen model file)"),
            ("format wrong", metadata("format", "pytorch"), "model.bin: metadata 'format' is 'pytorch', expected 'dnngen-model'"),
            ("version missing", metadata("version", nil), "model.bin: metadata has no 'version'"),
            ("version wrong", metadata("version", "3"), "model.bin: metadata 'version' is '3', but this dnngen reads model version 1 and 2"),
            ("graph missing", metadata("graph", nil), "model.bin: metadata has no 'graph'"),
            ("graph not JSON", metadata("graph", "{name: 1}"), "model.bin: metadata 'graph' is not valid JSON: expected a string key, found 'n' at byte 1"),
            ("graph not an object", metadata("graph", "[]"), "model.bin: graph must be a JSON object, found []"),
            ("no metadata at all", FormatFixtures.mutatingContainer(dense) { $0.metadata = [:] }, "model.bin: metadata has no 'format'"),
        ]

        static let graphCases: [Case] = [
            ("unknown graph key", graph(["nmae"], "x"), "model.bin: graph: unknown key 'nmae'"),
            ("reserved graph key", graph(["inputs"], ["x"]), "model.bin: graph: 'inputs' is reserved for a later version"),
            ("graph name missing", graph(["name"], nil), "model.bin: graph: missing key 'name'"),
            ("graph name not a string", graph(["name"], 5), "model.bin: graph: 'name' must be a string, found 5"),
            ("input missing", graph(["input"], nil), "model.bin: graph: missing key 'input'"),
            ("input not an object", graph(["input"], [8]), "model.bin: graph: 'input' must be an object, found [8]"),
            ("input unknown key", graph(["input", "zero_point"], 0), "model.bin: graph input: unknown key 'zero_point'"),
            ("input shape rank", graph(["input", "shape"], [8, 1]), "model.bin: graph input: 'shape' must be [n] or [C, H, W], found [8,1]"),
            ("input shape zero", graph(["input", "shape"], [0]), "model.bin: graph input: 'shape' [0] must hold positive integers"),
            ("input shape double", graph(["input", "shape"], [8.0]), "model.bin: graph input: 'shape' must be an integer, found 8.0"),
            ("input shape huge", graph(["input", "shape"], [65536, 65536, 2]), "model.bin: graph input: 'shape' [65536,65536,2] has more than 4294967296 elements"),
            ("input bits too big", graph(["input", "bits"], 17), "model.bin: graph input: 'bits' 17 is out of range 1...16"),
            ("input bits zero", graph(["input", "bits"], 0), "model.bin: graph input: 'bits' 0 is out of range 1...16"),
            ("input bits double", graph(["input", "bits"], 8.0), "model.bin: graph input: 'bits' must be an integer, found 8.0"),
            ("input bits bool", graph(["input", "bits"], true), "model.bin: graph input: 'bits' must be an integer, found true"),
            ("input signed string", graph(["input", "signed"], "no"), "model.bin: graph input: 'signed' must be true or false, found \"no\""),
            ("input signed missing", graph(["input", "signed"], nil), "model.bin: graph input: missing key 'signed'"),
            ("layers missing", graph(["layers"], nil), "model.bin: graph: missing key 'layers'"),
            ("layers not an array", graph(["layers"], ["a": 1]), "model.bin: graph: 'layers' must be an array, found {\"a\":1}"),
            ("layer not an object", graph(["layers", 1], "fc2"), "model.bin: graph: layers[1] must be an object, found \"fc2\""),
            ("layer name missing", graph(["layers", 1, "name"], nil), "model.bin: graph: layers[1]: missing key 'name'"),
            ("layer name empty", graph(["layers", 0, "name"], ""), "model.bin: graph: layers[0]: 'name' must not be empty"),
            ("layer name not a string", graph(["layers", 0, "name"], 3), "model.bin: graph: layers[0]: 'name' must be a string, found 3"),
            ("duplicate layer name", graph(["layers", 1, "name"], "fc1"), "model.bin: layer 'fc1': duplicate layer name (layers[0] and layers[1])"),
            ("op missing", graph(["layers", 0, "op"], nil), "model.bin: layer 'fc1': missing key 'op'"),
            ("unknown op", graph(["layers", 0, "op"], "relu"), "model.bin: layer 'fc1': unknown op 'relu' (expected dense, conv2d, maxpool2d or flatten)"),
            ("op not a string", graph(["layers", 0, "op"], 1), "model.bin: layer 'fc1': 'op' must be a string, found 1"),
            ("unknown layer key", graph(["layers", 0, "paddin"], [1, 1]), "model.bin: layer 'fc1': unknown key 'paddin' for a dense layer"),
            ("conv key on dense", graph(["layers", 0, "padding"], [1, 1]), "model.bin: layer 'fc1': unknown key 'padding' for a dense layer"),
            ("reserved inputs", graph(["layers", 1, "inputs"], ["fc1"]), "model.bin: layer 'fc2': 'inputs' is reserved for a later version"),
            ("reserved groups", convGraph(["layers", 0, "groups"], 2), "model.bin: layer 'conv1': 'groups' is reserved for a later version"),
            ("weight missing", graph(["layers", 0, "weight"], nil), "model.bin: layer 'fc1': missing key 'weight'"),
            ("weight not a name", graph(["layers", 0, "weight"], 3), "model.bin: layer 'fc1': 'weight' must be a string, found 3"),
            ("weight tensor missing", graph(["layers", 0, "weight"], "nope"), "model.bin: layer 'fc1': weight tensor 'nope' is not in the file"),
            ("bias tensor missing", graph(["layers", 0, "bias"], "fc1.biass"), "model.bin: layer 'fc1': bias tensor 'fc1.biass' is not in the file"),
            ("bias null", graph(["layers", 0, "bias"], .null), "model.bin: layer 'fc1': 'bias' must be a string, found null"),
            ("weight_bits missing", graph(["layers", 0, "weight_bits"], nil), "model.bin: layer 'fc1': missing key 'weight_bits'"),
            ("weight_bits double", graph(["layers", 0, "weight_bits"], 4.0), "model.bin: layer 'fc1': 'weight_bits' must be an integer, found 4.0"),
            ("weight_bits too big", graph(["layers", 0, "weight_bits"], 17), "model.bin: layer 'fc1': 'weight_bits' 17 is out of range 1...16"),
            ("weight_bits 1 for int", graph(["layers", 0, "weight_bits"], 1), "model.bin: layer 'fc1': 'weight_bits' 1 is not allowed for weight_kind 'int' (allowed: 2...16)"),
            ("weight_bits 2 for binary", graph(["layers", 1, "weight_bits"], 2), "model.bin: layer 'fc2': 'weight_bits' 2 is not allowed for weight_kind 'binary' (allowed: 1)"),
            ("weight_bits 3 for ternary", convGraph(["layers", 0, "weight_bits"], 3), "model.bin: layer 'conv1': 'weight_bits' 3 is not allowed for weight_kind 'ternary' (allowed: 2)"),
            ("weight_bits 9 for pow2", convGraph(["layers", 2, "weight_bits"], 9), "model.bin: layer 'conv2': 'weight_bits' 9 is not allowed for weight_kind 'pow2' (allowed: 2...8)"),
            ("unknown weight_kind", graph(["layers", 0, "weight_kind"], "quad"), "model.bin: layer 'fc1': 'weight_kind' 'quad' is not one of int, binary, ternary, pow2"),
            ("weight_kind default is int", graph(["layers", 1, "weight_kind"], nil), "model.bin: layer 'fc2': 'weight_bits' 1 is not allowed for weight_kind 'int'"),
            ("requant missing", graph(["layers", 0, "requant"], nil), "model.bin: layer 'fc1': missing key 'requant'"),
            ("requant not an object", graph(["layers", 0, "requant"], 3), "model.bin: layer 'fc1': 'requant' must be an object, found 3"),
            ("requant unknown key", graph(["layers", 0, "requant", "zero_point"], 0), "model.bin: layer 'fc1': requant: unknown key 'zero_point'"),
            ("requant shift missing", graph(["layers", 0, "requant", "shift"], nil), "model.bin: layer 'fc1': requant: missing key 'shift'"),
            ("multiplier zero", graph(["layers", 1, "requant", "multiplier"], 0), "model.bin: layer 'fc2': requant: 'multiplier' 0 is out of range (1 <= m < 2^31)"),
            ("multiplier 2^31", graph(["layers", 1, "requant", "multiplier"], 2_147_483_648), "model.bin: layer 'fc2': requant: 'multiplier' 2147483648 is out of range (1 <= m < 2^31)"),
            ("multiplier double", graph(["layers", 1, "requant", "multiplier"], 3.0), "model.bin: layer 'fc2': requant: 'multiplier' must be an integer or the name of a tensor, found 3.0"),
            ("multiplier bool", graph(["layers", 1, "requant", "multiplier"], true), "model.bin: layer 'fc2': requant: 'multiplier' must be an integer or the name of a tensor, found true"),
            ("shift 63", graph(["layers", 0, "requant", "shift"], 63), "model.bin: layer 'fc1': requant: 'shift' 63 is out of range (0 <= s <= 62)"),
            ("shift negative", graph(["layers", 0, "requant", "shift"], -1), "model.bin: layer 'fc1': requant: 'shift' -1 is out of range (0 <= s <= 62)"),
            ("shift tensor missing", graph(["layers", 0, "requant", "shift"], "fc1.shift"), "model.bin: layer 'fc1': requant: shift tensor 'fc1.shift' is not in the file"),
            ("unknown rounding", graph(["layers", 0, "requant", "rounding"], "nearest"), "model.bin: layer 'fc1': requant: 'rounding' 'nearest' is not one of half_up, half_even, floor"),
            ("output missing", graph(["layers", 0, "output"], nil), "model.bin: layer 'fc1': missing key 'output'"),
            ("output bits", graph(["layers", 0, "output", "bits"], 0), "model.bin: layer 'fc1': output: 'bits' 0 is out of range 1...16"),
            ("output unknown key", graph(["layers", 0, "output", "scale"], 0.5), "model.bin: layer 'fc1': output: unknown key 'scale'"),
            ("stride zero", convGraph(["layers", 0, "stride"], [0, 1]), "model.bin: layer 'conv1': 'stride' [0,1] must hold integers >= 1"),
            ("stride one element", convGraph(["layers", 0, "stride"], [1]), "model.bin: layer 'conv1': 'stride' must be an array of 2 integers, found [1]"),
            ("stride double", convGraph(["layers", 0, "stride"], [1, 1.5]), "model.bin: layer 'conv1': 'stride' must be an integer, found 1.5"),
            ("padding negative", convGraph(["layers", 0, "padding"], [-1, 0]), "model.bin: layer 'conv1': 'padding' [-1,0] must hold integers >= 0"),
            ("padding huge", convGraph(["layers", 0, "padding"], [.int(Int.max / 2 + 1), 0]), "model.bin: layer 'conv1': padding [4611686018427387904, 0] is too large"),
            ("padding makes a huge output", convGraph(["layers", 0, "padding"], [100_000, 100_000]), "model.bin: layer 'conv1': output shape [3, 200004, 200004] is too large"),
            ("kernel key on conv", convGraph(["layers", 0, "kernel"], [3, 3]), "model.bin: layer 'conv1': unknown key 'kernel' for a conv2d layer"),
            ("pool kernel missing", convGraph(["layers", 1, "kernel"], nil), "model.bin: layer 'pool1': missing key 'kernel'"),
            ("pool kernel zero", convGraph(["layers", 1, "kernel"], [0, 2]), "model.bin: layer 'pool1': 'kernel' [0,2] must hold integers >= 1"),
            ("pool stride zero", convGraph(["layers", 1, "stride"], [2, 0]), "model.bin: layer 'pool1': 'stride' [2,0] must hold integers >= 1"),
            ("pool padding", convGraph(["layers", 1, "padding"], [1, 1]), "model.bin: layer 'pool1': unknown key 'padding' for a maxpool2d layer"),
            ("pool kernel larger than input", convGraph(["layers", 1, "kernel"], [7, 2]), "model.bin: layer 'pool1': kernel [7, 2] is larger than the input [3, 6, 6]"),
            ("flatten with a field", convGraph(["layers", 3, "weight"], "fc.weight"), "model.bin: layer 'flat': unknown key 'weight' for a flatten layer"),
            ("conv kernel larger than input", convGraph(["layers", 0, "padding"], [0, 0]) |> { graph($0, at: ["input", "shape"], [2, 2, 6]) }, "model.bin: layer 'conv1': kernel [3, 3] is larger than the padded input [2, 2, 6]"),
            ("conv channels", convGraph(["input", "shape"], [3, 6, 6]), "model.bin: layer 'conv1': weight 'conv1.weight' has shape [3, 2, 3, 3], expected 3 input channels"),
            ("dense on a feature map", convGraph(["layers", 3], nil), "model.bin: layer 'fc': dense needs a vector input, got shape [2, 1, 2] (add a flatten layer)"),
            ("flatten on a vector", graph(["layers", 1, "op"], "flatten") |> { graph($0, at: ["layers", 1], ["name": "flat", "op": "flatten"]) }, "model.bin: layer 'flat': flatten needs a [C, H, W] input, got shape [4]"),
            ("conv on a vector", convGraph(["input", "shape"], [72]), "model.bin: layer 'conv1': conv2d needs a [C, H, W] input, got shape [72]"),
        ]

        static let tensorCases: [Case] = [
            ("weight in-features mismatch", tensor("fc1.weight", .i8, [4, 7], Array(repeating: 1, count: 28)), "model.bin: layer 'fc1': weight 'fc1.weight' has shape [4, 7], expected [4, 8]"),
            ("weight rank", tensor("fc1.weight", .i8, [32], Array(repeating: 1, count: 32)), "model.bin: layer 'fc1': weight 'fc1.weight' has shape [32], expected [out, in]"),
            ("conv weight rank", convTensor("conv1.weight", .i8, [3, 18], Array(repeating: 1, count: 54)), "model.bin: layer 'conv1': weight 'conv1.weight' has shape [3, 18], expected [K, C, kh, kw]"),
            ("weight empty dimension", tensor("fc1.weight", .i8, [0, 8], []), "model.bin: layer 'fc1': weight 'fc1.weight' has shape [0, 8], expected [out, in] with every dimension at least 1"),
            ("weight dtype F32", FormatFixtures.replacingTensor(dense, "fc1.weight", dtype: .f32, shape: [4, 8], data: .floats(Array(repeating: 1, count: 32))), "model.bin: layer 'fc1': weight 'fc1.weight' has dtype F32, expected an integer dtype (I8, U8, I16, U16, I32, I64)"),
            ("int weight too large", tensor("fc1.weight", .i8, [4, 8], weight([(10, 8)])), "model.bin: layer 'fc1': weight 'fc1.weight' value 8 at [1, 2] is not allowed: 4-bit int weights lie in [-8, 7]"),
            ("int weight too small", tensor("fc1.weight", .i16, [4, 8], weight([(31, -9)])), "model.bin: layer 'fc1': weight 'fc1.weight' value -9 at [3, 7] is not allowed: 4-bit int weights lie in [-8, 7]"),
            ("binary zero", tensor("fc2.weight", .i8, [3, 4], [1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1]), "model.bin: layer 'fc2': weight 'fc2.weight' value 0 at [1, 1] is not allowed: binary weights are -1 or +1"),
            ("binary two", tensor("fc2.weight", .i8, [3, 4], [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2]), "binary weights are -1 or +1"),
            ("ternary two", convTensor("conv1.weight", .i8, [3, 2, 3, 3], Array(repeating: 0, count: 53) + [-2]), "model.bin: layer 'conv1': weight 'conv1.weight' value -2 at [2, 1, 2, 2] is not allowed: ternary weights are -1, 0 or +1"),
            ("pow2 not a power", convTensor("conv2.weight", .i16, [2, 3, 2, 2], [3] + Array(repeating: 0, count: 23)), "model.bin: layer 'conv2': weight 'conv2.weight' value 3 at [0, 0, 0, 0] is not allowed: 3-bit pow2 weights are 0 or ±2^k with 0 <= k <= 2"),
            ("pow2 too large", convTensor("conv2.weight", .i16, [2, 3, 2, 2], [0, -8] + Array(repeating: 0, count: 22)), "value -8 at [0, 0, 0, 1] is not allowed: 3-bit pow2 weights"),
            ("bias dtype", tensor("fc1.bias", .i16, [4], [0, 0, 0, 0]), "model.bin: layer 'fc1': bias 'fc1.bias' has dtype I16, expected I32 or I64"),
            ("bias shape", tensor("fc1.bias", .i32, [3], [0, 0, 0]), "model.bin: layer 'fc1': bias 'fc1.bias' has shape [3], expected [4]"),
            ("bias too big", tensor("fc1.bias", .i64, [4], [0, 0, 1 << 47, 0]), "model.bin: layer 'fc1': bias 'fc1.bias' value 140737488355328 at [2] is out of range (|bias| < 2^47)"),
            ("bias too negative", tensor("fc1.bias", .i64, [4], [-(1 << 47), 0, 0, 0]), "model.bin: layer 'fc1': bias 'fc1.bias' value -140737488355328 at [0] is out of range (|bias| < 2^47)"),
            ("multiplier tensor shape", tensor("fc1.mult", .i32, [2, 2], [1, 1, 1, 1]), "model.bin: layer 'fc1': requant: multiplier 'fc1.mult' has shape [2, 2], expected [4]"),
            ("multiplier tensor value", tensor("fc1.mult", .i32, [4], [1, 0, 1, 1]), "model.bin: layer 'fc1': requant: multiplier 'fc1.mult' value 0 at [1] is out of range (1 <= m < 2^31)"),
            ("multiplier tensor value too big", tensor("fc1.mult", .i64, [4], [1, 1, 1, 1 << 31]), "model.bin: layer 'fc1': requant: multiplier 'fc1.mult' value 2147483648 at [3] is out of range (1 <= m < 2^31)"),
            ("multiplier tensor dtype", FormatFixtures.replacingTensor(dense, "fc1.mult", dtype: .f32, shape: [4], data: .floats([1, 1, 1, 1])), "model.bin: layer 'fc1': requant: multiplier 'fc1.mult' has dtype F32, expected an integer dtype"),
            ("shift tensor value", convTensor("conv1.shift", .u8, [3], [0, 63, 1]), "model.bin: layer 'conv1': requant: shift 'conv1.shift' value 63 at [1] is out of range (0 <= s <= 62)"),
            ("shift tensor shape", convTensor("conv1.shift2", .i64, [3], [1, 2, 3]), "model.bin: layer 'conv2': requant: shift 'conv1.shift2' has shape [3], expected [2]"),
        ]

        @Test(arguments: table(metadataCases, graphCases, tensorCases))
        func reportsTheFault(_ row: ErrorCase) {
            #expect(!row.bytes.isEmpty, "\(row.name): the mutation failed to apply")
            do {
                _ = try ModelFile.decode(row.bytes, file: "model.bin")
                Issue.record("\(row.name): decoded without error")
            } catch {
                #expect(error.file == "model.bin")
                #expect(error.description.contains(row.expected), "\(row.name): got \"\(error)\"")
            }
        }

        @Test func containerErrorsNameTheFile() {
            var hugeLength = Self.dense
            for index in 0..<8 { hugeLength[index] = 0xFF }
            var pastTheEnd = Self.dense
            pastTheEnd[0] &+= 8
            pastTheEnd[1] &+= 1
            let headerLength = Int(LittleEndian.unsigned(Self.dense, at: 0, width: 8))
            var notJSON = Self.dense
            notJSON[8] = UInt8(ascii: "x")
            var notUTF8 = Self.dense
            notUTF8[12] = 0xC3
            notUTF8[13] = 0x28
            let cases: [Case] = [
                ("empty", [], "model.bin: file is 0 bytes, too short for a safetensors header length (8 bytes)"),
                ("huge header length", hugeLength, "model.bin: safetensors header length 18446744073709551615 is larger than the limit of 100000000 bytes"),
                ("header past the end", pastTheEnd, "model.bin: safetensors header length \(headerLength + 256 + 8) runs past the end of the file"),
                ("header not JSON", notJSON, "model.bin: safetensors header is not valid JSON: expected a value, found 'x' at byte 0"),
                ("header not UTF-8", notUTF8, "model.bin: safetensors header is not valid UTF-8"),
                ("data cut short", Array(Self.dense.dropLast()), "model.bin: safetensors header: tensor 'fc2.weight': data_offsets"),
            ]
            for (name, bytes, expected) in cases {
                #expect(throws: ModelFormatError.self, "\(name)") { try ModelFile.decode(bytes, file: "model.bin") }
                do {
                    _ = try ModelFile.decode(bytes, file: "model.bin")
                } catch {
                    #expect(error.description.hasPrefix(expected), "\(name): got \"\(error)\"")
                }
            }
        }

        @Test func everyTruncationIsAnError() {
            for base in [Self.dense, Self.conv] {
                for length in 0..<base.count {
                    do {
                        _ = try ModelFile.decode(Array(base.prefix(length)), file: "cut.bin")
                        Issue.record("a file cut to \(length) of \(base.count) bytes decoded")
                    } catch {
                        #expect(error.file == "cut.bin")
                        #expect(error.layer == nil, "truncation is a container fault: \(error)")
                    }
                }
            }
        }
    }
}

infix operator |>: AdditionPrecedence

/// Applies a second mutation to bytes produced by a first (reads left to right in the tables).
private func |> (bytes: [UInt8], next: ([UInt8]) -> [UInt8]) -> [UInt8] {
    next(bytes)
}
