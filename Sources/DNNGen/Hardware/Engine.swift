/// What every pipeline stage answers about itself for one configuration (fold) and the stream
/// that feeds it. This is dnngen's only cost model (FINN's `get_exp_cycles`): the folding
/// solver chooses among these answers, the plan and its report print them, `compare` and the
/// tests check simulations against them. Nothing else computes cycles.
///
/// ## Adding an engine
/// 1. Write a value type conforming to `Engine` that is cheap to build (no weight layout): its
///    fold, the stream it receives (`StreamShape`) and the layer's sizes are enough. State the
///    cycle, multiplier and storage formulas in its doc comment, and make them what the
///    template really does (the random simulation suites compare them with iverilog).
/// 2. Offer it to the solver: `MatrixChoice.candidates(incoming:)` returns, per layer and
///    incoming stream, one instance per configuration worth having (e.g. one per (groups, lanes) for a
///    sparse engine, one per reuse factor for a hardwired one), all under the one multiplier
///    budget. `FoldingSolver` picks, per layer, the cheapest that meets the interval; it is
///    exact over the pipeline, so a larger budget never gives a slower plan.
/// 3. Build the chosen configuration (`HardwarePlan.build(_:incoming:cost:)` receives it) into
///    the planned stage the Verilog writers read, and let that stage's `cycles`,
///    `multipliers` and `romBits` delegate to the same value (see `MatrixEngine.cost`).
public protocol Engine: Sendable {
    /// Busy clock cycles per inference at steady state (the stage's share of the interval).
    var cycles: Int { get }
    /// Multipliers (or multiplier-free lanes for binary/ternary/pow2 weights) instantiated;
    /// what the `--multipliers` budget counts.
    var multipliers: Int { get }
    /// Bits held in all of the stage's ROMs (weights, indices, per-row parameters).
    var romBits: Int { get }
    /// The stream the stage sends downstream.
    var output: StreamShape { get }
}

/// A stream between stages: each pixel (or vector) carries `slots` channel slots, padding
/// slots included, `lanes` of them a beat.
public struct StreamShape: Hashable, Sendable {
    public var slots: Int
    public var lanes: Int

    public init(slots: Int, lanes: Int) {
        self.slots = slots
        self.lanes = lanes
    }

    /// Beats per pixel (or vector).
    public var beats: Int { ceilDiv(slots, max(1, lanes)) }
}
