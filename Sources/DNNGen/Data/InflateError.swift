/// Why DEFLATE or gzip data could not be decompressed: what is wrong, and where.
///
/// `description` is one line for users, e.g.
/// `invalid Huffman code in a dynamic block (near compressed byte 1234)`.
public struct InflateError: DNNGenError, ByteFault, Equatable {
    /// What is wrong.
    public var message: String
    /// The byte of the compressed input at (or just after) the fault.
    public var offset: Int

    public init(_ message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }

    public static func place(_ offset: Int) -> String { "(near compressed byte \(offset))" }
}
