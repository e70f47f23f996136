@testable import DNNGen

/// The value rules of docs/model-format.md §2, checked independently of the model.bin reader, so that random models
/// can be shown valid. Returns the first violation, or nil.
func specViolation(in model: Model) -> String? {
    guard (try? model.inferShapes()) != nil else { return "shapes do not chain" }
    guard model.inputType.bits >= 1, model.inputType.bits <= 16 else { return "input bits" }
    var names = Set<String>()
    var tensorNames = Set<String>()
    func tensor(_ t: IntTensor, _ shape: [Int]) -> String? {
        guard t.shape == shape, t.values.count == shape.reduce(1, *) else { return "tensor \(t.name) shape" }
        guard tensorNames.insert(t.name).inserted else { return "tensor \(t.name) reused" }
        return nil
    }
    func weighted(_ name: String, _ weight: IntTensor, _ shape: [Int], _ bias: IntTensor?, bits: Int,
                  kind: WeightKind, requant: Requant, output: ActivationType) -> String? {
        let rows = shape[0]
        if let problem = tensor(weight, shape) { return problem }
        guard kind.allowedBits.contains(bits) else { return "\(name): bits \(bits) for \(kind)" }
        guard weight.values.allSatisfy({ kind.allows($0, bits: bits) }) else { return "\(name): weight value" }
        if let bias {
            if let problem = tensor(bias, [rows]) { return problem }
            guard bias.values.allSatisfy({ abs($0) < (1 << 47) }) else { return "\(name): bias range" }
        }
        for (value, range) in [(requant.multiplier, 1...((1 << 31) - 1)), (requant.shift, 0...62)] {
            if case .perChannel(let t) = value, let problem = tensor(t, [rows]) { return problem }
            guard (0..<rows).allSatisfy({ range.contains(value.value(at: $0)) }) else { return "\(name): requant range" }
        }
        guard output.bits >= 1, output.bits <= 16 else { return "\(name): output bits" }
        return nil
    }
    for layer in model.layers {
        guard names.insert(layer.name).inserted else { return "duplicate layer \(layer.name)" }
        switch layer.op {
        case .dense(let d):
            if let p = weighted(layer.name, d.weight, d.weight.shape, d.bias, bits: d.weightBits,
                                kind: d.weightKind, requant: d.requant, output: d.output) { return p }
        case .conv2d(let c):
            guard c.stride.allSatisfy({ $0 >= 1 }), c.padding.allSatisfy({ $0 >= 0 }) else { return "\(layer.name): stride/padding" }
            if let p = weighted(layer.name, c.weight, c.weight.shape, c.bias, bits: c.weightBits,
                                kind: c.weightKind, requant: c.requant, output: c.output) { return p }
        case .maxpool2d(let p):
            guard p.kernel.allSatisfy({ $0 >= 1 }), p.stride.allSatisfy({ $0 >= 1 }) else { return "\(layer.name): pool" }
        case .flatten:
            break
        }
    }
    return nil
}
