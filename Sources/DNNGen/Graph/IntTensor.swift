/// A named integer tensor in row-major (C) order, as stored in model.bin.
public struct IntTensor: Equatable, Sendable {
    public var name: String
    public var shape: [Int]
    public var values: [Int]
    /// The safetensors dtype it is stored as: "I8", "U8", "I16", "U16", "I32" or "I64".
    public var dtype: String

    public init(name: String, shape: [Int], values: [Int], dtype: String) {
        self.name = name
        self.shape = shape
        self.values = values
        self.dtype = dtype
    }

    public var count: Int { shape.reduce(1, *) }
}
