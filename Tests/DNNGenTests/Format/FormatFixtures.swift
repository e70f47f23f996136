import Foundation
import Testing
@testable import DNNGen

/// The parent of every Format suite, so that `swift test --filter Format` selects them all.
@Suite("Format")
struct FormatTests {}

/// Models, generators and byte-level helpers shared by the Format tests.
enum FormatFixtures {
    /// SplitMix64, kept here so the Format tests depend on nothing outside Format and Graph.
    struct Random: RandomNumberGenerator {
        var state: UInt64

        init(seed: UInt64) { state = seed }

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// `count` legal weights of `kind` at `bits` bits, including zeros where the kind allows them.
    static func weights(_ count: Int, kind: WeightKind, bits: Int, random: inout Random) -> [Int] {
        (0..<count).map { _ in
            switch kind {
            case .int: return Int.random(in: -(1 << (bits - 1))...((1 << (bits - 1)) - 1), using: &random)
            case .binary: return Bool.random(using: &random) ? 1 : -1
            case .ternary: return Int.random(in: -1...1, using: &random)
            case .pow2:
                let exponent = Int.random(in: -1...((1 << (bits - 1)) - 2), using: &random)
                guard exponent >= 0 else { return 0 }
                return (Bool.random(using: &random) ? 1 : -1) << exponent
            }
        }
    }

    static func tensor(_ name: String, _ shape: [Int], _ values: [Int], _ dtype: String) -> IntTensor {
        IntTensor(name: name, shape: shape, values: values, dtype: dtype)
    }

    /// A two-layer MLP: fc1 (4-bit int, bias, per-channel multiplier), fc2 (binary, no bias, floor).
    static func denseModel(seed: UInt64 = 1) -> Model {
        var random = Random(seed: seed)
        let fc1 = DenseLayer(
            weight: tensor("fc1.weight", [4, 8], weights(32, kind: .int, bits: 4, random: &random), "I8"),
            bias: tensor("fc1.bias", [4], [-5, 0, 7, 1 << 40], "I64"),
            weightBits: 4, weightKind: .int,
            requant: Requant(multiplier: .perChannel(tensor("fc1.mult", [4], [1, 181, 1 << 30, (1 << 31) - 1], "I32")),
                             shift: .perLayer(13)),
            output: ActivationType(bits: 8, signed: false))
        let fc2 = DenseLayer(
            weight: tensor("fc2.weight", [3, 4], weights(12, kind: .binary, bits: 1, random: &random), "I8"),
            bias: nil, weightBits: 1, weightKind: .binary,
            requant: Requant(multiplier: .perLayer(3), shift: .perLayer(0), rounding: .floor),
            output: ActivationType(bits: 16, signed: true))
        return Model(name: "mlp", inputShape: [8], inputType: ActivationType(bits: 8, signed: false),
                     layers: [Layer(name: "fc1", op: .dense(fc1)), Layer(name: "fc2", op: .dense(fc2))])
    }

    /// conv (ternary, padded, per-channel m and s) → maxpool → conv (pow2, strided) → flatten → dense (16-bit int).
    static func convModel(seed: UInt64 = 2) -> Model {
        var random = Random(seed: seed)
        let conv1 = Conv2DLayer(
            weight: tensor("conv1.weight", [3, 2, 3, 3], weights(54, kind: .ternary, bits: 2, random: &random), "I8"),
            bias: tensor("conv1.bias", [3], [100, -100, 0], "I32"),
            stride: [1, 1], padding: [1, 1], weightBits: 2, weightKind: .ternary,
            requant: Requant(multiplier: .perChannel(tensor("conv1.mult", [3], [5, 6, 7], "U16")),
                             shift: .perChannel(tensor("conv1.shift", [3], [0, 31, 62], "U8")),
                             rounding: .halfEven),
            output: ActivationType(bits: 4, signed: false))
        let pool = MaxPool2DLayer(kernel: [2, 2], stride: [2, 2])
        let conv2 = Conv2DLayer(
            weight: tensor("conv2.weight", [2, 3, 2, 2], weights(24, kind: .pow2, bits: 3, random: &random), "I16"),
            bias: nil, stride: [2, 1], padding: [0, 0], weightBits: 3, weightKind: .pow2,
            requant: Requant(multiplier: .perLayer(1), shift: .perChannel(tensor("conv1.shift2", [2], [1, 2], "I64"))),
            output: ActivationType(bits: 1, signed: false))
        let fc = DenseLayer(
            weight: tensor("fc.weight", [5, 4], weights(20, kind: .int, bits: 16, random: &random), "I16"),
            bias: tensor("fc.bias", [5], [1, 2, 3, 4, -(1 << 47) + 1], "I64"),
            weightBits: 16, weightKind: .int,
            requant: Requant(multiplier: .perLayer((1 << 31) - 1), shift: .perLayer(62)),
            output: ActivationType(bits: 12, signed: true))
        return Model(name: "tiny-cnn ✓", inputShape: [2, 6, 6], inputType: ActivationType(bits: 8, signed: true),
                     layers: [Layer(name: "conv1", op: .conv2d(conv1)), Layer(name: "pool1", op: .maxpool2d(pool)),
                              Layer(name: "conv2", op: .conv2d(conv2)), Layer(name: "flat", op: .flatten),
                              Layer(name: "fc", op: .dense(fc))])
    }

    /// A model where two layers share tensors and a maxpool strides unlike its kernel.
    static func sharedTensorModel() -> Model {
        let shift = tensor("shared.shift", [2], [3, 4], "I32")
        let weight = tensor("shared.weight", [2, 2], [1, -1, 0, 1], "I8")
        func dense() -> LayerOp {
            .dense(DenseLayer(weight: weight, bias: nil, weightBits: 2, weightKind: .ternary,
                              requant: Requant(multiplier: .perLayer(1), shift: .perChannel(shift)),
                              output: ActivationType(bits: 2, signed: true)))
        }
        let conv = Conv2DLayer(weight: tensor("c.weight", [1, 1, 1, 1], [1], "U8"), bias: nil, stride: [1, 1],
                               padding: [0, 0], weightBits: 2, weightKind: .int,
                               requant: Requant(multiplier: .perLayer(1), shift: .perLayer(0)),
                               output: ActivationType(bits: 2, signed: true))
        return Model(name: "", inputShape: [1, 3, 4], inputType: ActivationType(bits: 1, signed: false),
                     layers: [Layer(name: "c", op: .conv2d(conv)),
                              Layer(name: "p", op: .maxpool2d(MaxPool2DLayer(kernel: [3, 2], stride: [1, 2]))),
                              Layer(name: "f", op: .flatten), Layer(name: "a", op: dense()),
                              Layer(name: "b", op: dense())])
    }

    /// One model per weight kind and bit width allowed for it, each a single dense layer.
    static func everyWeightKindModels() -> [Model] {
        var random = Random(seed: 99)
        var models: [Model] = []
        for kind in WeightKind.allCases {
            for bits in kind.allowedBits {
                let dtype = kind == .pow2 && bits >= 5 ? "I64" : bits <= 8 ? "I8" : "I16"
                let dense = DenseLayer(
                    weight: tensor("w", [6, 5], weights(30, kind: kind, bits: bits, random: &random), dtype),
                    bias: tensor("b", [6], (0..<6).map { $0 - 3 }, "I32"), weightBits: bits, weightKind: kind,
                    requant: Requant(multiplier: .perLayer(7), shift: .perLayer(bits)),
                    output: ActivationType(bits: 8, signed: true))
                models.append(Model(name: "\(kind.rawValue)\(bits)", inputShape: [5],
                                    inputType: ActivationType(bits: 4, signed: true),
                                    layers: [Layer(name: "only", op: .dense(dense))]))
            }
        }
        return models
    }

    // MARK: byte-level helpers

    /// A safetensors file with the given header text (padded to 8 bytes) and data buffer.
    static func rawSafeTensors(header: String, data: [UInt8]) -> [UInt8] {
        var headerBytes = Array(header.utf8)
        while headerBytes.count % 8 != 0 { headerBytes.append(UInt8(ascii: " ")) }
        var bytes: [UInt8] = []
        LittleEndian.append(UInt64(headerBytes.count), width: 8, to: &bytes)
        return bytes + headerBytes + data
    }

    /// Re-encodes `bytes` (a valid model file) after changing its container.
    static func mutatingContainer(_ bytes: [UInt8], _ change: (inout SafeTensorsFile) -> Void) -> [UInt8] {
        guard var container = try? SafeTensors.decode(bytes, file: "fixture") else { return [] }
        change(&container)
        return SafeTensors.encode(container)
    }

    /// Re-encodes `bytes` (a valid model file) after changing its graph JSON.
    static func mutatingGraph(_ bytes: [UInt8], _ change: (inout JSONValue) -> Void) -> [UInt8] {
        mutatingContainer(bytes) { container in
            guard var graph = try? JSONValue.parse(container.metadata["graph"] ?? "") else { return }
            change(&graph)
            container.metadata["graph"] = graph.serialized()
        }
    }

    /// Replaces one tensor of the container.
    static func replacingTensor(_ bytes: [UInt8], _ name: String, dtype: SafeTensorsDType, shape: [Int],
                                data: SafeTensorData) -> [UInt8]
    {
        mutatingContainer(bytes) { container in
            guard let index = container.tensors.firstIndex(where: { $0.name == name }) else { return }
            container.tensors[index] = SafeTensor(name: name, dtype: dtype, shape: shape, data: data)
        }
    }

    /// The directory holding the package (for `examples/`).
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }
}

/// A step into a JSON value: an object key or an array index.
enum JSONPathStep: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, Sendable {
    case key(String)
    case index(Int)

    init(stringLiteral value: String) { self = .key(value) }
    init(integerLiteral value: Int) { self = .index(value) }
}

extension JSONValue {
    /// Sets (or, with nil, removes) the value at `path`; missing keys are appended.
    mutating func set(_ path: [JSONPathStep], _ newValue: JSONValue?) {
        guard let step = path.first else {
            if let newValue { self = newValue }
            return
        }
        let rest = Array(path.dropFirst())
        switch (self, step) {
        case (.object(var members), .key(let key)):
            if let index = members.firstIndex(where: { $0.key == key }) {
                if rest.isEmpty && newValue == nil {
                    members.remove(at: index)
                } else {
                    members[index].value.set(rest, newValue)
                }
            } else if rest.isEmpty, let newValue {
                members.append(JSONMember(key: key, value: newValue))
            }
            self = .object(members)
        case (.array(var elements), .index(let index)) where elements.indices.contains(index):
            if rest.isEmpty && newValue == nil {
                elements.remove(at: index)
            } else {
                elements[index].set(rest, newValue)
            }
            self = .array(elements)
        default:
            break
        }
    }
}
