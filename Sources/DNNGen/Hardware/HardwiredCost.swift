/// The cost of a hardwired layer (`HardwiredEngine`): constant shift-and-add logic, one input
/// vector a clock once it is gathered into one beat, so a vector takes the beats its producer
/// sends it in (`inBeats`, at least one). No multiplier, no ROM: it sits outside the budget.
/// All rows leave in one beat.
public struct HardwiredCost: Engine, Equatable {
    public var rows: Int
    public var inBeats: Int
    public var vectorsPerInference: Int

    public var cycles: Int { vectorsPerInference * max(1, inBeats) }
    public var multipliers: Int { 0 }
    public var romBits: Int { 0 }
    public var output: StreamShape { StreamShape(slots: rows, lanes: rows) }
}
