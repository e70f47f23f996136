/// How far one layer is unrolled: `pe` output rows and `simd` input columns per cycle, in
/// `copies` identical units. A convolution with several copies computes that many output
/// pixels at once: its windows are dealt to the copies in turn (each holds its own weight
/// ROMs), so the fold need not divide the matrix to spend a budget that PE × SIMD cannot.
public struct Fold: Equatable, Hashable, Sendable, CustomStringConvertible {
    public var pe: Int
    public var simd: Int
    public var copies: Int

    public init(pe: Int, simd: Int, copies: Int = 1) {
        self.pe = pe
        self.simd = simd
        self.copies = copies
    }

    public var multipliers: Int { pe * simd * copies }
    public var description: String { copies > 1 ? "\(pe)x\(simd)x\(copies)" : "\(pe)x\(simd)" }
}
