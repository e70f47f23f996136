/// A quadratic pull of the weights towards a target, `ρ/2 ‖w − target‖²`, that `Trainer` adds
/// to the loss: ADMM's W-step penalty, with `target = Z − U`.
public struct ProximalTerm: Sendable {
    /// One value per parameter (flat layout); only the weights' entries are read.
    public var target: [Float]
    /// The penalty ρ.
    public var rho: Float

    public init(target: [Float], rho: Float) {
        self.target = target
        self.rho = rho
    }
}
