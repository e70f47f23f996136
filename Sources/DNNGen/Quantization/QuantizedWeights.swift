/// Integer weights with the float scale of each output row: `w[r, i] ≈ scales[r] × values[r, i]`.
public struct QuantizedWeights: Equatable, Sendable {
    public var values: [Int]
    public var scales: [Double]
}
