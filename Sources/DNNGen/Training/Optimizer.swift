/// One role: turn a gradient into a parameter update, keeping whatever state the rule needs.
protocol Optimizer: Sendable {
    /// `parameters -= f(gradient)` at `learningRate`, element by element in index order.
    mutating func update(_ parameters: inout [Float], gradient: [Float], learningRate: Float)
}
