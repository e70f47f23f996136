import DNNGen

/// `--index auto|relative[:B]|rice[:K]|bitmap`, shared by rtl, compare and inspect.
enum IndexArgument {
    /// Help lines, the first without its two-space indent (the caller's text supplies it).
    static let help = """
    --index F            index format of the sparse engines, per layer: auto (default: the smallest),
                           relative[:B] (EIE-style B-bit gaps), rice[:K] (Golomb-Rice, parameter K),
                           bitmap; without B or K dnngen picks the smallest for each layer
    """

    static func parse(_ arguments: inout ArgumentList, command: String) throws -> SparseIndexRequest {
        guard let text = try arguments.option("--index") else { return .auto }
        guard let request = SparseIndexRequest(argument: text) else {
            throw UsageError("\(command): --index takes auto, relative[:B], rice[:K] or bitmap, got '\(text)'")
        }
        return request
    }
}
