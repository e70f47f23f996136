/// How one output of a hardwired layer is made from its adder network.
enum HardwiredOutput: Equatable, Sendable {
    /// The row has no non-zero weight (or a zero multiplier): its requantized bias.
    case constant(Int)
    /// `clamp(R(value, shift))`: `value` is the node holding `acc · m` (with the rounding
    /// offset of `half_up` already added), `R` an arithmetic shift right, corrected to round
    /// half to even when `halfEven`; then clamped to the output type.
    case computed(value: Int, shift: Int, halfEven: Bool)
}
