/// A folded matrix–vector unit (`dnngen_mvu`) for one compacted dense layer.
///
/// `PE` rows and `SIMD` columns per cycle. The input vector arrives as `inBeats` beats of
/// `inLanes` elements (the producer's `PE`), so the engine sees `inLanes·inBeats` columns, of
/// which the ones past the layer's real columns are the producer's padding rows (their weights
/// are zero). Cycles per vector = `NF·SF` with `NF = ⌈rows/PE⌉`, `SF = ⌈inLanes·inBeats/SIMD⌉`.
public struct DenseEngine: Engine, Equatable {
    public var layer: CompactedDense
    public var pe: Int
    public var simd: Int
    public var inLanes: Int
    public var inBeats: Int
    public var accumulatorWidth: Int
    /// Width of the signed bias field in the parameter ROM.
    public var biasWidth: Int

    public static let multiplierWidth = 31
    public static let shiftWidth = 6
    /// Output queue depth of `dnngen_mvu`: enough for its pipeline at one row group a cycle.
    public static let fifoDepth = 8

    /// Row groups: beats per output vector.
    public var nf: Int { (layer.rows.count + pe - 1) / pe }
    /// Column groups per row group.
    public var sf: Int { (inputElements + simd - 1) / simd }
    /// Elements per input vector as they arrive, producer padding included.
    public var inputElements: Int { inLanes * inBeats }
    public var cycles: Int { nf * sf }
    public var multipliers: Int { pe * simd }
    public var weightRomBits: Int { pe * nf * sf * simd * layer.weightBits }
    public var paramWordBits: Int { biasWidth + Self.multiplierWidth + Self.shiftWidth }
    public var paramRomBits: Int { nf * pe * paramWordBits }
    public var romBits: Int { weightRomBits + paramRomBits }
    /// Multiply–accumulates the engine performs per inference, zeros and padding included.
    public var scheduledMACs: Int { cycles * multipliers }
}
