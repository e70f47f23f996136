/// The contents of one ROM: fixed-width words, written as a `$readmemh` image.
///
/// The words are held packed, one after another in one bit string, and turned into text only
/// when the file is written: a ROM of millions of weights takes the bits it holds, not an
/// object a word.
public struct RomImage: Equatable, Sendable {
    /// File name inside the output folder's `rom/`, e.g. `l1_fc1_w_pe0.hex`.
    public var fileName: String
    public var width: Int
    /// Word `k` in bits `k·width ..< (k+1)·width`.
    private var packed = BitWord()

    /// An empty image of `width`-bit words (`width` at least 1).
    public init(fileName: String, width: Int) {
        precondition(width >= 1, "a ROM word needs at least one bit")
        self.fileName = fileName
        self.width = width
    }

    /// Appends a field to the word being filled; fields fill a word from its least significant
    /// bit, and a word is complete after `width` bits.
    public mutating func append(_ value: Int128, width fieldWidth: Int) {
        packed.append(value, width: fieldWidth)
    }

    /// Complete words.
    public var depth: Int { packed.width / width }
    public var bits: Int { width * depth }

    /// One word a line, fixed-width hex, as `$readmemh` reads it.
    public var hexText: String { String(decoding: hexBytes, as: UTF8.self) }

    /// `hexText` as ASCII bytes, for writing.
    public var hexBytes: [UInt8] {
        var text: [UInt8] = []
        text.reserveCapacity(depth * ((width + 3) / 4 + 1))
        for k in 0..<depth {
            packed.appendHex(from: k * width, width: width, to: &text)
            text.append(10)
        }
        return text
    }
}
