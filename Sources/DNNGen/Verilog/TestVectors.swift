/// Input vectors and the reference's outputs for them: what the testbench drives and expects.
public struct TestVectors: Equatable, Sendable {
    /// Each in C order, `model input count` elements.
    public var inputs: [[Int]]
    /// Each in C order, `model output count` elements, from the bit-exact reference.
    public var expected: [[Int]]

    public init(inputs: [[Int]], expected: [[Int]]) {
        self.inputs = inputs
        self.expected = expected
    }

    /// `count` vectors for `model`: all-minimum and all-maximum first (the accumulator's
    /// extremes), then uniformly random ones from a seeded generator; expected values from the reference.
    public static func random(for model: Model, count: Int, seed: UInt64) -> TestVectors {
        let n = model.inputShape.reduce(1, *)
        let type = model.inputType
        var generator = SplitMix64(seed: seed)
        var inputs: [[Int]] = []
        for index in 0..<count {
            switch index {
            case 0: inputs.append([Int](repeating: type.min, count: n))
            case 1: inputs.append([Int](repeating: type.max, count: n))
            default: inputs.append((0..<n).map { _ in Int.random(in: type.min...type.max, using: &generator) })
            }
        }
        return given(inputs, for: model)
    }

    /// The given inputs with the reference's outputs.
    public static func given(_ inputs: [[Int]], for model: Model) -> TestVectors {
        TestVectors(inputs: inputs, expected: ReferenceModel(model).inferBatch(inputs))
    }
}
