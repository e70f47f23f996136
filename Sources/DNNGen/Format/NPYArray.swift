/// An integer array as stored in a NumPy `.npy` file: C order, any integer dtype.
public struct NPYArray: Equatable, Sendable {
    public var shape: [Int]
    /// Row-major (C order) values.
    public var values: [Int]
    /// The NumPy descr, e.g. `"<i4"`, `"|u1"`, `">i8"`.
    public var dtype: String

    public init(shape: [Int], values: [Int], dtype: String) {
        self.shape = shape
        self.values = values
        self.dtype = dtype
    }

    /// The number of elements the shape holds (1 for a 0-d array).
    public var count: Int { shape.reduce(1, *) }
}

/// An integer NumPy dtype: byte order, signedness and width.
struct NPYDType: Equatable, Sendable {
    var bigEndian: Bool
    var signed: Bool
    var size: Int

    static let supported = "i1 u1 i2 u2 i4 u4 i8 u8"

    init(bigEndian: Bool, signed: Bool, size: Int) {
        self.bigEndian = bigEndian
        self.signed = signed
        self.size = size
    }

    /// Parses `<i4`, `|u1`, `>i8`, …; `|` (no byte order) only for 1-byte types.
    init?(descr: String) {
        let characters = Array(descr)
        guard characters.count == 3, let size = Int(String(characters[2])), [1, 2, 4, 8].contains(size) else { return nil }
        switch characters[0] {
        case "<": bigEndian = false
        case ">": bigEndian = true
        case "|":
            guard size == 1 else { return nil }
            bigEndian = false
        default: return nil
        }
        switch characters[1] {
        case "i": signed = true
        case "u": signed = false
        default: return nil
        }
        self.size = size
    }

    /// The descr NumPy writes for this type: `|` for single bytes, else `<` or `>`.
    var descr: String {
        (size == 1 ? "|" : bigEndian ? ">" : "<") + (signed ? "i" : "u") + String(size)
    }
}
