/// The parts of an ONNX `ModelProto` that dnngen's importer reads.
///
/// Field numbers follow onnx.proto; anything else in the file (doc strings, metadata,
/// training info, functions) is skipped.
struct ONNXModel: Sendable {
    var irVersion: Int64
    /// Opset versions by domain ("" is the default ONNX domain).
    var opsets: [String: Int64]
    var graph: ONNXGraph
}

/// A `GraphProto`: nodes in topological order, constant tensors, and the graph's interface.
struct ONNXGraph: Sendable {
    var name: String
    var nodes: [ONNXNode]
    var initializers: [String: ONNXTensor]
    var inputs: [ONNXValueInfo]
    var outputs: [ONNXValueInfo]
}

/// A `NodeProto`: one operator application.
struct ONNXNode: Sendable {
    var name: String
    var opType: String
    var domain: String
    /// Input tensor names; an empty name is an omitted optional input.
    var inputs: [String]
    var outputs: [String]
    var attributes: [String: ONNXAttribute]

    /// How the node is named in messages: `'conv1' (Conv)`, or its position when unnamed.
    var label: String { "node '\(name)' (\(opType))" }
}

/// An `AttributeProto`, reduced to the kinds these graphs use.
enum ONNXAttribute: Sendable {
    case float(Float)
    case int(Int64)
    case string(String)
    case tensor(ONNXTensor)
    case floats([Float])
    case ints([Int64])
    /// Graphs, sparse tensors, type protos and lists of strings or tensors: never needed here.
    case unsupported(type: Int64)
}

/// A `TensorProto` with its values converted to `Double` (exact for every type the importer
/// accepts: float32, float64 and integers up to 32 bits; int64 beyond 2^53 is refused).
struct ONNXTensor: Sendable {
    var name: String
    var dims: [Int]
    var dataType: ONNXDataType
    var values: [Double]

    var count: Int { values.count }
}

/// `TensorProto.DataType` values the importer can read.
enum ONNXDataType: Int64, Sendable {
    case float = 1
    case uint8 = 2
    case int8 = 3
    case uint16 = 4
    case int16 = 5
    case int32 = 6
    case int64 = 7
    case bool = 9
    case double = 11
    case uint32 = 12

    /// Bytes per element in `raw_data`.
    var size: Int {
        switch self {
        case .uint8, .int8, .bool: return 1
        case .uint16, .int16: return 2
        case .float, .int32, .uint32: return 4
        case .int64, .double: return 8
        }
    }

    var name: String {
        switch self {
        case .float: return "float"
        case .uint8: return "uint8"
        case .int8: return "int8"
        case .uint16: return "uint16"
        case .int16: return "int16"
        case .int32: return "int32"
        case .int64: return "int64"
        case .bool: return "bool"
        case .double: return "double"
        case .uint32: return "uint32"
        }
    }
}

/// A graph input or output: its name and shape; a dimension is a number or a symbol.
struct ONNXValueInfo: Sendable {
    enum Dimension: Equatable, Sendable {
        case value(Int)
        case symbol(String)
    }

    var name: String
    /// nil when the file gives no shape.
    var shape: [Dimension]?
}
