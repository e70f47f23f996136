/// A requantization parameter: one value for the layer, or one per output channel from a tensor.
public enum RequantValue: Equatable, Sendable {
    case perLayer(Int)
    case perChannel(IntTensor)

    /// The value for output channel `channel`.
    public func value(at channel: Int) -> Int {
        switch self {
        case .perLayer(let value): return value
        case .perChannel(let tensor): return tensor.values[channel]
        }
    }

    public var isPerChannel: Bool {
        if case .perChannel = self { return true }
        return false
    }
}

/// `y = clamp(R(acc * m, s))`: the step from a wide accumulator to the output type.
public struct Requant: Equatable, Sendable {
    public var multiplier: RequantValue
    public var shift: RequantValue
    public var rounding: Rounding

    public init(multiplier: RequantValue, shift: RequantValue, rounding: Rounding = .halfUp) {
        self.multiplier = multiplier
        self.shift = shift
        self.rounding = rounding
    }
}
