/// A named integer tensor in row-major (C) order, as stored in model.bin.
public struct IntTensor: Equatable, Sendable {
    public var name: String
    public var shape: [Int]
    /// Held compactly: a weight tensor is the bulk of a model.
    public var values: CompactIntegers
    /// The safetensors dtype it is stored as: "I8", "U8", "I16", "U16", "I32" or "I64".
    public var dtype: String

    public init(name: String, shape: [Int], values: CompactIntegers, dtype: String) {
        self.name = name
        self.shape = shape
        self.values = values
        self.dtype = dtype
    }

    public init(name: String, shape: [Int], values: [Int], dtype: String) {
        self.init(name: name, shape: shape, values: CompactIntegers(values), dtype: dtype)
    }

    public var count: Int { shape.reduce(1, *) }
}
