import Foundation

extension SplitMix64 {
    /// A standard normal value (Box–Muller on two uniform draws of 53 bits).
    mutating func nextGaussian() -> Double {
        let u1 = (Double(next() >> 11) + 1) / 9_007_199_254_740_993  // (0, 1]
        let u2 = Double(next() >> 11) / 9_007_199_254_740_992  // [0, 1)
        return (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
    }

    /// A uniform integer in `0..<bound` (modulo; the bias is below 2^-40 for our bounds).
    mutating func nextIndex(below bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }
}
