import Foundation

/// Bits to write the numbers `0 ... value`.
func bitsToHold(_ value: Int) -> Int {
    var bits = 0
    while (1 << bits) <= value { bits += 1 }
    return bits
}

/// `log2 C(n, k)`: the fewest bits that can say which `k` of `n` positions hold the non-zeros.
public func log2Binomial(_ n: Int, _ k: Int) -> Double {
    guard k > 0, k < n else { return 0 }
    return (lgamma(Double(n + 1)) - lgamma(Double(k + 1)) - lgamma(Double(n - k + 1))) / log(2.0)
}
