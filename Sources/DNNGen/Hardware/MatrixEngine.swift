/// A folded matrix–vector unit (`dnngen_mvu`) for one compacted `dense` or `conv2d` layer;
/// a convolution's unit is fed by a sliding-window unit (`dnngen_swu`).
///
/// `PE` rows and `SIMD` columns per cycle. Each input vector arrives as `inBeats` beats of
/// `inLanes` elements. Its cycles, multipliers and ROM bits are those of its cost model
/// (`DenseMVU`, or `SparseMVU` for the sparse engine), the same values the solver chose from.
public struct MatrixEngine: Engine, Equatable {
    public var layer: CompactedMatrix
    /// The weights in arrival order, `layer.rows.count × columns`, padding columns zero.
    public var weights: CompactIntegers
    public var columns: Int
    public var pe: Int
    public var simd: Int
    /// Identical dense units a convolution's windows are dealt to in turn (1: one unit).
    public var copies = 1
    public var inLanes: Int
    public var inBeats: Int
    /// For a convolution: the incoming stream (channel slots per pixel and lanes per beat) and
    /// which window elements, `(row·kw + column)·slots + slot`, form the input vector.
    public var window: WindowStream?
    public var accumulatorWidth: Int
    /// Width of the signed bias field in the parameter ROM.
    public var biasWidth: Int
    /// Set for the sparse lane engine (`dnngen_sparse_lane_mvu`): its cost and code streams.
    /// `pe` is then its output lanes (`groups·drainRows`, rows per output beat), `simd` 1.
    public var lane: SparseLaneLayer?
    /// Set for the hardwired engine: the layer as constant shift-and-add logic, the whole input
    /// vector in one beat (`inLanes` = all elements, `inBeats` 1) and all rows out in one beat
    /// (`pe` = rows, `simd` = input elements). No multipliers, no ROM.
    public var hardwired: HardwiredEngine?
    /// Beats (of `gatherLanes` elements) the producer delivers a vector in, when a stream
    /// gather in front of a hardwired engine joins them into one beat; 1 means none.
    public var gatherBeats = 1
    public var gatherLanes = 1

    public static let multiplierWidth = 31
    public static let shiftWidth = 6
    /// Credits `dnngen_mvu`'s pipeline takes at one issue a clock: 7 row groups in flight after
    /// issue plus the word being read.
    public static let pipelineCredits = 8
    /// Output queue depth of `dnngen_mvu`: more than `pipelineCredits` (a power of two), so SF = 1
    /// keeps one issue a clock. Costs no more than 8 in ECP5 or Xilinx LUT RAM.
    public static let fifoDepth = 16

    /// Output queue depth of each `dnngen_mvu`: `fifoDepth`, or with several copies room for a
    /// whole output pixel's row groups plus the pipeline, so that a copy keeps computing while
    /// the merge still takes the copies before it (a power of two).
    public var outputFIFODepth: Int {
        guard copies > 1 else { return Self.fifoDepth }
        var depth = Self.fifoDepth
        while depth < nf + Self.pipelineCredits { depth *= 2 }
        return depth
    }

    public var engineName: String { hardwired != nil ? "hardwired" : lane == nil ? "dense" : "sparse" }
    /// Elements per input vector as they arrive, padding included.
    public var inputElements: Int { inLanes * inBeats }
    public var paramWordBits: Int { biasWidth + Self.multiplierWidth + Self.shiftWidth }

    /// The cost model of the engine built: every figure below is its answer.
    public var cost: any Engine {
        if hardwired != nil {
            return HardwiredCost(rows: layer.rows.count, inBeats: gatherBeats, vectorsPerInference: layer.vectorsPerInference)
        }
        if let lane { return lane.mvu }
        return denseCost
    }
    var denseCost: DenseMVU {
        DenseMVU(rows: layer.rows.count, inputElements: inputElements, inBeats: inBeats,
                 vectorsPerInference: layer.vectorsPerInference, fold: Fold(pe: pe, simd: simd, copies: copies), window: window,
                 schedule: nil, weightBits: layer.weightBits, paramWordBits: paramWordBits)
    }
    /// Windows queued between the sliding window and the dense unit (0: none).
    public var windowFIFODepth: Int { lane == nil && hardwired == nil ? denseCost.windowFIFODepth : 0 }
    /// Row groups: beats per output vector (the sparse engine's output beats).
    public var nf: Int { ceilDiv(layer.rows.count, pe) }
    /// Column groups per row group.
    public var sf: Int { ceilDiv(inputElements, simd) }
    /// Busy cycles per inference (window included).
    public var cycles: Int { cost.cycles }
    public var multipliers: Int { cost.multipliers }
    public var romBits: Int { cost.romBits }
    public var output: StreamShape { cost.output }
    /// Bits in the weight ROM images: dense words, or the sparse code streams and their constants.
    public var weightRomBits: Int { romBits - paramRomBits }
    public var paramRomBits: Int { hardwired != nil ? 0 : copies * nf * pe * paramWordBits }
    /// Channel slots per output pixel (rows plus padding rows), as the next stage receives them.
    public var outputSlots: Int { nf * pe }

    /// MACs of the layer as stored, zeros included.
    public var denseMACs: Int { layer.originalShape.reduce(1, *) * layer.vectorsPerInference }
    /// MACs of the compacted matrix (what remains after structured pruning).
    public var compactedMACs: Int { layer.rows.count * layer.columnCount * layer.vectorsPerInference }

    public func weight(row: Int, column: Int) -> Int { weights[row * columns + column] }
}

/// How a convolution's sliding window sees its input stream.
public struct WindowStream: Equatable, Sendable {
    public var geometry: WindowGeometry
    /// Channel slots per pixel in the incoming stream (padding slots included).
    public var slots: Int
    public var lanes: Int
    /// Window element indices forming the engine's input vector, in column order.
    public var selection: [Int]
    /// Bits of one element.
    public var elementBits: Int

    /// Depth of the FIFO in front of the window: `kernel + 1` image rows of beats. While the
    /// engine finishes one image, the producer can deliver the rows the next image's first
    /// window needs, so the engine does not idle while the window refills.
    public var inputFIFODepth: Int { decouplingDepth(beats: (geometry.kernel[0] + 1) * geometry.width * (slots / lanes)) }

    /// Window elements per output pixel.
    public var windowElements: Int { geometry.kernel[0] * geometry.kernel[1] * slots }
    /// Clocks per image: every input beat, plus one per padding pixel.
    public var cycles: Int {
        geometry.height * geometry.width * (slots / lanes) + geometry.paddedPixels - geometry.height * geometry.width
    }
}

/// A power of two from 2 to 1024 that holds `beats`: the depth of a decoupling FIFO.
func decouplingDepth(beats: Int) -> Int {
    var depth = 2
    while depth < beats && depth < 1024 { depth *= 2 }
    return depth
}
