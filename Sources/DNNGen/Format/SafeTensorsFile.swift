/// The element types dnngen reads from and writes to safetensors files.
enum SafeTensorsDType: String, CaseIterable, Sendable {
    case i8 = "I8"
    case u8 = "U8"
    case i16 = "I16"
    case u16 = "U16"
    case i32 = "I32"
    case i64 = "I64"
    case f32 = "F32"

    /// Bytes per element.
    var size: Int {
        switch self {
        case .i8, .u8: return 1
        case .i16, .u16: return 2
        case .i32, .f32: return 4
        case .i64: return 8
        }
    }

    var isInteger: Bool { self != .f32 }

    /// The integer dtypes, in the spec's order: "I8, U8, I16, U16, I32, I64".
    static let integerNames = allCases.filter(\.isInteger).map(\.rawValue).joined(separator: ", ")

    /// The smallest and largest value the dtype holds (for integer dtypes).
    var integerRange: ClosedRange<Int> {
        switch self {
        case .i8: return Int(Int8.min)...Int(Int8.max)
        case .u8: return 0...Int(UInt8.max)
        case .i16: return Int(Int16.min)...Int(Int16.max)
        case .u16: return 0...Int(UInt16.max)
        case .i32: return Int(Int32.min)...Int(Int32.max)
        case .i64: return Int.min...Int.max
        case .f32: return 0...0
        }
    }
}

/// The elements of one tensor, decoded.
enum SafeTensorData: Equatable, Sendable {
    case integers(CompactIntegers)
    case floats([Float])

    var count: Int {
        switch self {
        case .integers(let values): return values.count
        case .floats(let values): return values.count
        }
    }
}

/// One named tensor of a safetensors file, row-major.
struct SafeTensor: Equatable, Sendable {
    var name: String
    var dtype: SafeTensorsDType
    var shape: [Int]
    var data: SafeTensorData
}

/// A whole safetensors file: string metadata and tensors in header order.
struct SafeTensorsFile: Equatable, Sendable {
    var metadata: [String: String]
    var tensors: [SafeTensor]

    /// The tensor called `name`, if any. O(number of tensors).
    subscript(name: String) -> SafeTensor? {
        tensors.first { $0.name == name }
    }
}
