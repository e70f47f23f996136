/// What to prune: the kind, and a rate for the whole network, per layer, or both.
///
/// Written `KIND:SPEC` (`--prune`), where SPEC is a comma-separated list of a global rate
/// (`irregular:10x`) and/or `LAYER=RATE` items (`filter:fc1=0.7,fc2=0.6`). A global rate is
/// a target for the weights of every layer without its own rate, split by `LayerBudgets`.
public struct PruningRequest: Equatable, Sendable {
    public var kind: PruningKind
    /// The target of the layers without their own rate; nil leaves them unpruned.
    public var global: PruningRate?
    /// Rates by layer name.
    public var layers: [String: PruningRate]

    public init(kind: PruningKind, global: PruningRate?, layers: [String: PruningRate] = [:]) {
        self.kind = kind
        self.global = global
        self.layers = layers
    }

    /// Parses `KIND:SPEC`.
    ///
    /// - Throws: `CompressionError` naming the part that is wrong.
    public init(parsing text: String) throws(CompressionError) {
        guard let colon = text.firstIndex(of: ":"), let kind = PruningKind(rawValue: String(text[..<colon])) else {
            throw CompressionError("'\(text)' is not KIND:RATE with KIND one of irregular, filter, channel, shape (e.g. irregular:10x, filter:0.6)")
        }
        self.kind = kind
        global = nil
        layers = [:]
        let items = text[text.index(after: colon)...].split(separator: ",", omittingEmptySubsequences: false)
        for item in items {
            if let equals = item.firstIndex(of: "=") {
                let name = String(item[..<equals])
                guard !name.isEmpty, layers[name] == nil else {
                    throw CompressionError("'\(item)': give each layer's rate once, as NAME=RATE")
                }
                layers[name] = try PruningRate(parsing: String(item[item.index(after: equals)...]))
            } else {
                guard global == nil else { throw CompressionError("'\(text)' gives more than one global rate") }
                global = try PruningRate(parsing: String(item))
            }
        }
    }
}
