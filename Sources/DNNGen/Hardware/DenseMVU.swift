/// The cost of a folded matrix–vector unit (`dnngen_mvu`, fed by `dnngen_swu` for a
/// convolution) at one fold, fed by one stream: the dense engine's answer to `Engine`.
///
/// `PE` rows and `SIMD` columns a cycle. Cycles per vector `= max(NF·SF, inBeats)` with
/// `NF = ⌈rows/PE⌉` and `SF = ⌈inputElements/SIMD⌉` (padding columns included: a producer that
/// pads its rows sends them); a convolution runs one vector per output pixel, scheduled with
/// its sliding window (`WindowSchedule`), its windows dealt in turn to `copies` units, so
/// `copies` pixels are computed at once. Weight ROM: `PE·NF·SF·SIMD` words of the weight
/// width; parameter ROM: `NF·PE` words; both per copy.
public struct DenseMVU: Engine, Equatable {
    public var rows: Int
    /// Elements per input vector as they arrive, padding included, and the beats they take.
    public var inputElements: Int
    public var inBeats: Int
    public var vectorsPerInference: Int
    public var fold: Fold
    /// The sliding window that feeds a convolution.
    public var window: WindowStream?
    public var weightBits: Int
    public var paramWordBits: Int
    public let cycles: Int
    /// Windows queued between the sliding window and the unit (0: none), where the unit would
    /// otherwise idle while the window scans rows that complete no window.
    public let windowFIFODepth: Int

    /// - Parameter schedule: the window's schedule, when `window` is set (passed in, so that
    ///   the folds of one layer share it).
    init(rows: Int, inputElements: Int, inBeats: Int, vectorsPerInference: Int, fold: Fold, window: WindowStream?,
         schedule: WindowSchedule?, weightBits: Int, paramWordBits: Int) {
        self.rows = rows
        self.inputElements = inputElements
        self.inBeats = inBeats
        self.vectorsPerInference = vectorsPerInference
        self.fold = fold
        self.window = window
        self.weightBits = weightBits
        self.paramWordBits = paramWordBits
        let perVector = max(ceilDiv(rows, fold.pe) * ceilDiv(inputElements, fold.simd), inBeats)
        guard let window else {
            cycles = vectorsPerInference * perVector
            windowFIFODepth = 0
            return
        }
        let schedule = schedule ?? WindowSchedule(window)
        (cycles, windowFIFODepth) = schedule.queued(perWindow: perVector, windowBits: window.selection.count * window.elementBits,
                                                    copies: fold.copies)
    }

    /// Row groups: beats per output vector.
    public var nf: Int { ceilDiv(rows, fold.pe) }
    /// Column groups per row group.
    public var sf: Int { ceilDiv(inputElements, fold.simd) }
    /// Compute cycles of the matrix units alone (the copies sharing the vectors).
    public var matrixCycles: Int { ceilDiv(vectorsPerInference * max(nf * sf, inBeats), fold.copies) }
    public var multipliers: Int { fold.multipliers }
    public var weightRomBits: Int { fold.copies * fold.pe * nf * sf * fold.simd * weightBits }
    public var paramRomBits: Int { fold.copies * nf * fold.pe * paramWordBits }
    public var romBits: Int { weightRomBits + paramRomBits }
    public var output: StreamShape { StreamShape(slots: nf * fold.pe, lanes: fold.pe) }
}

/// How a matrix layer's input vector arrives from the stream that feeds it.
struct MatrixInput: Equatable {
    /// Elements per vector (padding included), their lanes per beat and beats per vector.
    var elements: Int
    var lanes: Int
    var beats: Int
    var window: WindowStream?

    init(layer: CompactedMatrix, incoming: StreamShape) {
        window = nil
        switch layer.source {
        case .vector(let columns):
            elements = max(incoming.slots, columns.count)
            lanes = incoming.lanes
            beats = incoming.beats
        case .flattened(let pixels, let channels):
            elements = pixels * max(incoming.slots, channels.count)
            lanes = incoming.lanes
            beats = pixels * incoming.beats
        case .window(let positions, _):
            elements = positions.count
            lanes = positions.count
            beats = 1
            if let geometry = layer.window {
                let kw = geometry.kernel[1]
                window = WindowStream(geometry: geometry, slots: incoming.slots, lanes: incoming.lanes,
                                      selection: positions.map { ($0.row * kw + $0.column) * incoming.slots + $0.slot },
                                      elementBits: layer.inputType.bits)
            }
        }
    }
}
