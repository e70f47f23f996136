/// Integers held in the narrowest of 1, 2, 4 or 8 bytes each that fits every one of them: a
/// layer of 4-bit weights takes one byte a weight, not the eight of an `[Int]`, which is what
/// lets a model of tens of millions of weights go through `rtl` in a few hundred megabytes.
///
/// Reads and writes like an `[Int]`; storing a value the width cannot hold widens the whole
/// storage first (once per width), so any `Int` fits.
public struct CompactIntegers: Sendable {
    /// The elements, little-endian, `byteWidth` bytes each.
    private var bytes: [UInt8] = []
    /// Bytes per element: 1, 2, 4 or 8.
    public private(set) var byteWidth = 1

    public init() {}

    /// The values of `values`, in the narrowest width that holds them all.
    public init(_ values: some Collection<Int>) {
        byteWidth = values.reduce(1) { Swift.max($0, Self.width(of: $1)) }
        bytes.reserveCapacity(values.count * byteWidth)
        for value in values { appendBytes(value) }
    }

    public init(repeating value: Int, count: Int) {
        byteWidth = Self.width(of: value)
        bytes.reserveCapacity(count * byteWidth)
        for _ in 0..<count { appendBytes(value) }
    }

    public mutating func reserveCapacity(_ count: Int) { bytes.reserveCapacity(count * byteWidth) }

    public mutating func append(_ value: Int) {
        let needed = Self.width(of: value)
        if needed > byteWidth { widen(to: needed) }
        appendBytes(value)
    }

    public mutating func append(contentsOf values: some Sequence<Int>) {
        for value in values { append(value) }
    }

    /// Bytes an element needs: the fewest of 1, 2, 4, 8 whose signed range holds `value`.
    static func width(of value: Int) -> Int {
        if value >= Int(Int8.min) && value <= Int(Int8.max) { return 1 }
        if value >= Int(Int16.min) && value <= Int(Int16.max) { return 2 }
        if value >= Int(Int32.min) && value <= Int(Int32.max) { return 4 }
        return 8
    }

    private mutating func widen(to width: Int) {
        let values = Array(self)
        byteWidth = width
        bytes = []
        bytes.reserveCapacity(values.count * width)
        for value in values { appendBytes(value) }
    }

    private mutating func appendBytes(_ value: Int) {
        let bits = UInt64(bitPattern: Int64(value))
        for k in 0..<byteWidth { bytes.append(UInt8(truncatingIfNeeded: bits >> UInt64(8 * k))) }
    }

    /// The element at `index`, which the caller has checked.
    private func load(_ index: Int) -> Int {
        bytes.withUnsafeBytes { Reader(raw: $0, byteWidth: byteWidth)[index] }
    }

    /// Reads elements without a bounds check, for a hot loop whose indices are in range by
    /// construction (the reference's taps).
    public struct Reader {
        fileprivate let raw: UnsafeRawBufferPointer
        fileprivate let byteWidth: Int

        public subscript(index: Int) -> Int {
            switch byteWidth {
            case 1: return Int(raw.load(fromByteOffset: index, as: Int8.self))
            case 2: return Int(Int16(littleEndian: raw.loadUnaligned(fromByteOffset: 2 &* index, as: Int16.self)))
            case 4: return Int(Int32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 &* index, as: Int32.self)))
            default: return Int(Int64(littleEndian: raw.loadUnaligned(fromByteOffset: 8 &* index, as: Int64.self)))
            }
        }
    }

    /// Calls `body` with a `Reader` of the elements, valid only inside `body`.
    public func withReader<Result>(_ body: (Reader) -> Result) -> Result {
        bytes.withUnsafeBytes { body(Reader(raw: $0, byteWidth: byteWidth)) }
    }
}

extension CompactIntegers: RandomAccessCollection, MutableCollection {
    public var startIndex: Int { 0 }
    public var endIndex: Int { bytes.count / byteWidth }

    public subscript(index: Int) -> Int {
        get {
            precondition(index >= 0 && index < endIndex, "index \(index) out of range 0..<\(endIndex)")
            return load(index)
        }
        set {
            precondition(index >= 0 && index < endIndex, "index \(index) out of range 0..<\(endIndex)")
            let needed = Self.width(of: newValue)
            if needed > byteWidth { widen(to: needed) }
            let bits = UInt64(bitPattern: Int64(newValue))
            for k in 0..<byteWidth { bytes[index * byteWidth + k] = UInt8(truncatingIfNeeded: bits >> UInt64(8 * k)) }
        }
    }
}

extension CompactIntegers: Equatable {
    /// Equal when the values are, whatever widths hold them.
    public static func == (a: CompactIntegers, b: CompactIntegers) -> Bool {
        a.byteWidth == b.byteWidth ? a.bytes == b.bytes : a.elementsEqual(b)
    }
}

extension CompactIntegers: ExpressibleByArrayLiteral {
    public init(arrayLiteral values: Int...) { self.init(values) }
}

extension CompactIntegers: CustomStringConvertible {
    public var description: String { Array(self).description }
}
