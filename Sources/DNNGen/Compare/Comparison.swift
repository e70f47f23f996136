/// Where a figure in a comparison comes from, so nothing predicted passes for measured.
public enum FigureSource: String, Sendable {
    /// Counted in the ROM images the design holds (words × width).
    case romImages = "rom_images"
    /// Measured by simulating the design with iverilog.
    case simulated
    /// Read from Yosys synth_xilinx.
    case synthesized
    /// Computed by the plan (formulas of the engines), not run.
    case predicted
}

/// Weight storage of one layer as its ROM images hold it, split by what the bits say.
public struct StorageSplit: Equatable, Sendable {
    /// Weight values (the dense engine's whole matrix, or the sparse engine's non-zero values).
    public var valueBits: Int
    /// Sparse: the codes that locate the non-zeros, values apart.
    public var positionBits: Int
    /// Sparse: escape codes (gaps too long for one code) and the zero fill ending each stream.
    public var paddingBits: Int
    /// Sparse: the per-group code and word counts (its only row/column boundaries).
    public var boundaryBits: Int
    /// Bias, multiplier and shift per row.
    public var parameterBits: Int

    public var weightBits: Int { valueBits + positionBits + paddingBits + boundaryBits }
}

/// One layer of one model built with one engine.
public struct LayerComparison: Equatable, Sendable {
    public var name: String
    public var engine: String
    public var nonZeros: Int
    /// Weights of the original layer.
    public var positions: Int
    public var weightBits: Int
    public var storage: StorageSplit
    /// The dense engine's compacted matrix for the same layer, and the position floor.
    public var denseCompactedBits: Int
    public var floorBits: Double
    public var multipliers: Int
    /// Busy cycles per inference from the plan.
    public var predictedCycles: Double
    /// The sparse engine's index format (nil for the dense engine).
    public var format: String?
    /// Non-zeros × vectors per inference / multipliers: what no engine with these multipliers beats.
    public var boundCycles: Double

    public var pruningRate: Double { positions == 0 ? 0 : 1 - Double(nonZeros) / Double(positions) }
    /// Values plus the position floor: what no sparse format goes below.
    public var floorTotalBits: Double { Double(nonZeros * weightBits) + floorBits }
}

/// One model built with one engine, and what its runs measured.
public struct ComparisonEntry: Equatable, Sendable {
    public var model: String
    public var file: String
    public var engine: String
    public var layers: [LayerComparison]
    public var multipliers: Int
    /// Cycles per inference: simulated when the design was simulated, else predicted.
    public var cycles: Double
    public var cyclesSource: FigureSource
    public var area: AreaReport?
    public var designFolder: String
    /// Simulated clocks from an inference's first input to its last output.
    public var latency: Int? = nil

    public var nonZeros: Int { layers.reduce(0) { $0 + $1.nonZeros } }
    public var positions: Int { layers.reduce(0) { $0 + $1.positions } }
    public var pruningRate: Double { positions == 0 ? 0 : 1 - Double(nonZeros) / Double(positions) }
    public var weightStorageBits: Int { layers.reduce(0) { $0 + $1.storage.weightBits } }
    public var floorBits: Double { layers.reduce(0) { $0 + $1.floorBits } }
    /// Inferences per million cycles per thousand LUTs.
    public var throughputPerLUT: Double? {
        guard let area, area.luts > 0, cycles > 0 else { return nil }
        return (1e6 / cycles) / (Double(area.luts) / 1000)
    }
    /// LUTs per non-zero weight: what a kept weight costs on this engine.
    public var lutsPerNonZero: Double? {
        guard let area, nonZeros > 0 else { return nil }
        return Double(area.luts) / Double(nonZeros)
    }
}

/// The pruning rate a sparse model would need to match a dense one, in storage and in cycles.
public struct BreakEven: Equatable, Sendable {
    public var sparseModel: String
    public var denseModel: String
    public var actualRate: Double
    /// Nil where no rate below 100% would do.
    public var storageRate: Double?
    public var cyclesRate: Double?
}

/// The whole comparison: every model with every engine that applies.
public struct Comparison: Equatable, Sendable {
    public var entries: [ComparisonEntry]
    public var breakEvens: [BreakEven]
    /// The `--index` request the sparse engines were built with.
    public var index: String
    public var multiplierBudget: Int
    /// Irregular vs structured on the hardwired engine (model-based from measured LUTs).
    public var hardwiredBreakEvens: [HardwiredBreakEven] = []
}

/// On the hardwired engine a zero weight costs nothing, so an irregular model's LUTs follow its
/// non-zeros: the pruning rate at which it would match the structured model's LUTs, at its own
/// measured LUTs per non-zero weight.
public struct HardwiredBreakEven: Equatable, Sendable {
    public var irregularModel: String
    public var structuredModel: String
    public var actualRate: Double
    public var irregularLUTs: Int
    public var structuredLUTs: Int
    /// Nil where no rate below 100% would do.
    public var lutRate: Double?
}
