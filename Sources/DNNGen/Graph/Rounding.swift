/// The rounding of the requantization shift `R(v, s)` (docs/model-format.md §2, Requantization).
public enum Rounding: String, CaseIterable, Sendable {
    /// `floor((v + 2^(s-1)) / 2^s)`: ties toward +infinity.
    case halfUp = "half_up"
    /// `v / 2^s` to nearest, ties to the even integer.
    case halfEven = "half_even"
    /// `floor(v / 2^s)`: arithmetic shift right.
    case floor
}
