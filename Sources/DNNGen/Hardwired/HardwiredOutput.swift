/// How one output of a hardwired layer is made from its adder network.
enum HardwiredOutput: Equatable, Sendable {
    /// The row has no non-zero weight (or a zero multiplier): its requantized bias.
    case constant(Int)
    /// `clamp(R(v, shift))` with `v = acc · m` (plus the rounding offset of `half_up`): `v`
    /// is node `value`'s bits plus its offset (one constant add at the output). `R` is an
    /// arithmetic shift right, corrected to round half to even when `halfEven`; then the clamp.
    case computed(value: Int, shift: Int, halfEven: Bool)
}
