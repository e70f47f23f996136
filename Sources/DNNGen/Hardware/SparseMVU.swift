/// The cost of an EIE-style sparse unit (`dnngen_sparse_mvu`) with `P` PEs, fed by one stream:
/// the sparse engine's answer to `Engine`, worst case (no zero activation to skip).
///
/// Cycles per vector: `SparseEncoding.cyclesPerVector`; a convolution runs one vector per
/// output pixel, scheduled with its sliding window (`WindowSchedule`). Multipliers: `P`. ROMs: per PE, the
/// fullest PE's entries (index + value) and `columns + 1` pointers; `⌈rows/P⌉·P` parameter words.
public struct SparseMVU: Engine, Equatable {
    public var encoding: SparseEncoding
    public var inBeats: Int
    public var vectorsPerInference: Int
    public var window: WindowStream?
    public var weightBits: Int
    public var paramWordBits: Int

    public var pes: Int { encoding.pes }
    /// Rows per PE: beats per output vector.
    public var nf: Int { ceilDiv(encoding.rows, encoding.pes) }
    public var matrixCycles: Int { vectorsPerInference * encoding.cyclesPerVector(activeColumns: nil, inBeats: inBeats) }
    public var cycles: Int {
        guard let window else { return matrixCycles }
        return WindowSchedule(window).interval(perWindow: encoding.cyclesPerVector(activeColumns: nil, inBeats: inBeats))
    }
    public var multipliers: Int { encoding.pes }
    public var weightRomBits: Int {
        encoding.pes * (encoding.romEntries * (encoding.indexBits + weightBits) + (encoding.columns + 1) * encoding.pointerWidth)
    }
    public var paramRomBits: Int { nf * encoding.pes * paramWordBits }
    public var romBits: Int { weightRomBits + paramRomBits }
    public var output: StreamShape { StreamShape(slots: nf * encoding.pes, lanes: encoding.pes) }
}
