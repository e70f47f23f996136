/// How far one layer is unrolled: `pe` output rows and `simd` input columns per cycle.
public struct Fold: Equatable, Hashable, Sendable, CustomStringConvertible {
    public var pe: Int
    public var simd: Int

    public init(pe: Int, simd: Int) {
        self.pe = pe
        self.simd = simd
    }

    public var multipliers: Int { pe * simd }
    public var description: String { "\(pe)x\(simd)" }
}
