/// The contents of one ROM: fixed-width words, written as a `$readmemh` image.
public struct RomImage: Equatable, Sendable {
    /// File name inside the output folder's `rom/`, e.g. `l1_fc1_w_pe0.hex`.
    public var fileName: String
    public var width: Int
    public var words: [BitWord]

    public var depth: Int { words.count }
    public var bits: Int { width * words.count }

    /// One word a line, fixed-width hex, as `$readmemh` reads it.
    public var hexText: String {
        var text = ""
        for word in words { text += word.hex + "\n" }
        return text
    }
}
