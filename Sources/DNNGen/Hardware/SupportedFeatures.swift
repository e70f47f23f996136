/// What the generators build today, for `--help` and for failing fast.
public enum SupportedFeatures {
    /// Ops read, checked and run by the reference (inspect, run).
    public static let ops = "dense, conv2d, maxpool2d, flatten (reference, inspect and RTL; the RTL needs a network ending in dense)"
    /// Weight kinds, all with multiplier-free lanes except int.
    public static let weightKinds = WeightKind.allCases.map(\.rawValue).joined(separator: ", ")
        + " (binary: add/sub, ternary: add/sub/skip, pow2: shift, int: multiply)"
    /// RTL engines.
    public static let engines = "dense (folded matrix-vector units), sparse (EIE-style index decoding), auto (per layer)"
}
