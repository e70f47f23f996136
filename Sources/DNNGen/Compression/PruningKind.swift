/// What `dnngen compress` removes as one unit (the seed paper's four pruning schemes).
///
/// Stated on a layer's weight matrix `[rows, columns]` (conv2d: `[K, C·kh·kw]`):
/// - `irregular`: single weights (non-structured);
/// - `filter`: rows, a dense neuron or a conv filter;
/// - `channel`: input channels, a dense input column or a conv `W[:, c, :, :]`;
/// - `shape`: matrix columns, a dense input column or a conv filter-shape position `W[:, c, i, j]`.
public enum PruningKind: String, CaseIterable, Equatable, Sendable {
    case irregular, filter, channel, shape

    /// The unit in words, for reports: `weights`, `filters`, `channels`, `columns`.
    public var unitName: String {
        switch self {
        case .irregular: return "weights"
        case .filter: return "filters"
        case .channel: return "channels"
        case .shape: return "columns"
        }
    }

    /// Whether the kind removes whole rows or columns, which the dense engine drops for free.
    public var isStructured: Bool { self != .irregular }
}
