/// Which update rule the trainer uses.
public enum OptimizerKind: String, CaseIterable, Sendable {
    /// Adam (Kingma and Ba 2015) with bias correction, β1 0.9, β2 0.999, ε 1e-8.
    case adam
    /// Stochastic gradient descent with heavy-ball momentum.
    case sgd

    /// A learning rate that works for the shipped architectures.
    public var defaultLearningRate: Double {
        switch self {
        case .adam: return 2e-3
        case .sgd: return 0.05
        }
    }
}
