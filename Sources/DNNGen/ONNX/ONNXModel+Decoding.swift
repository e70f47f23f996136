/// Decoding of the wire format into `ONNXModel`, message by message.
///
/// Errors carry the message path (`graph.node[3]`), so a user learns which node a damaged
/// byte belongs to; the top-level caller adds the file name.
extension ONNXModel {
    /// Decodes a serialized `ModelProto`.
    ///
    /// - Throws: `ONNXDecodeError` for malformed wire data, a missing graph, external or
    ///   unsupported tensor data, or element counts that disagree with dims.
    static func decode(_ bytes: [UInt8]) throws(ONNXDecodeError) -> ONNXModel {
        do {
            return try decodeModel(bytes)
        } catch let error as ONNXDecodeError {
            throw error
        } catch let error as ProtobufError {
            throw ONNXDecodeError(error)
        } catch {
            throw ONNXDecodeError("\(error)")
        }
    }

    private static func decodeModel(_ bytes: [UInt8]) throws -> ONNXModel {
        var reader = ProtobufReader(bytes[...])
        var irVersion: Int64 = 0
        var opsets: [String: Int64] = [:]
        var graph: ONNXGraph?
        try ONNXDecodeError.locate("model") {
            while let key = try reader.nextField() {
                switch key.number {
                case 1:
                    try reader.expect(key, .varint, field: "ir_version")
                    irVersion = try reader.readInt64()
                case 7:
                    try reader.expect(key, .lengthDelimited, field: "graph")
                    let body = try reader.readLengthDelimited()
                    graph = try ONNXDecodeError.locate("graph") { try ONNXGraph.decode(body) }
                case 8:
                    try reader.expect(key, .lengthDelimited, field: "opset_import")
                    let (domain, version) = try decodeOpset(try reader.readLengthDelimited())
                    opsets[domain] = version
                default:
                    try reader.skip(key.wireType)
                }
            }
        }
        guard let graph else { throw ONNXDecodeError("model has no graph (is this an ONNX file?)") }
        return ONNXModel(irVersion: irVersion, opsets: opsets, graph: graph)
    }

    private static func decodeOpset(_ body: ArraySlice<UInt8>) throws -> (String, Int64) {
        var reader = ProtobufReader(body)
        var domain = ""
        var version: Int64 = 0
        while let key = try reader.nextField() {
            switch key.number {
            case 1:
                try reader.expect(key, .lengthDelimited, field: "domain")
                domain = try reader.readString()
            case 2:
                try reader.expect(key, .varint, field: "version")
                version = try reader.readInt64()
            default:
                try reader.skip(key.wireType)
            }
        }
        return (domain, version)
    }
}

extension ONNXGraph {
    static func decode(_ body: ArraySlice<UInt8>) throws -> ONNXGraph {
        var reader = ProtobufReader(body)
        var graph = ONNXGraph(name: "", nodes: [], initializers: [:], inputs: [], outputs: [])
        while let key = try reader.nextField() {
            switch key.number {
            case 1:
                try reader.expect(key, .lengthDelimited, field: "node")
                let nodeBody = try reader.readLengthDelimited()
                let index = graph.nodes.count
                graph.nodes.append(try ONNXDecodeError.locate("node[\(index)]") { try ONNXNode.decode(nodeBody) })
            case 2:
                try reader.expect(key, .lengthDelimited, field: "name")
                graph.name = try reader.readString()
            case 5:
                try reader.expect(key, .lengthDelimited, field: "initializer")
                let tensorBody = try reader.readLengthDelimited()
                let index = graph.initializers.count
                let tensor = try ONNXDecodeError.locate("initializer[\(index)]") { try ONNXTensor.decode(tensorBody) }
                graph.initializers[tensor.name] = tensor
            case 11, 12:
                try reader.expect(key, .lengthDelimited, field: key.number == 11 ? "input" : "output")
                let info = try ONNXValueInfo.decode(try reader.readLengthDelimited())
                if key.number == 11 { graph.inputs.append(info) } else { graph.outputs.append(info) }
            case 15:
                throw ONNXDecodeError("sparse initializers are not supported")
            default:
                try reader.skip(key.wireType)
            }
        }
        return graph
    }
}

extension ONNXNode {
    static func decode(_ body: ArraySlice<UInt8>) throws -> ONNXNode {
        var reader = ProtobufReader(body)
        var node = ONNXNode(name: "", opType: "", domain: "", inputs: [], outputs: [], attributes: [:])
        while let key = try reader.nextField() {
            switch key.number {
            case 1, 2:
                try reader.expect(key, .lengthDelimited, field: key.number == 1 ? "input" : "output")
                let name = try reader.readString()
                if key.number == 1 { node.inputs.append(name) } else { node.outputs.append(name) }
            case 3:
                try reader.expect(key, .lengthDelimited, field: "name")
                node.name = try reader.readString()
            case 4:
                try reader.expect(key, .lengthDelimited, field: "op_type")
                node.opType = try reader.readString()
            case 5:
                try reader.expect(key, .lengthDelimited, field: "attribute")
                let (name, value) = try decodeAttribute(try reader.readLengthDelimited())
                node.attributes[name] = value
            case 7:
                try reader.expect(key, .lengthDelimited, field: "domain")
                node.domain = try reader.readString()
            default:
                try reader.skip(key.wireType)
            }
        }
        return node
    }

    private static func decodeAttribute(_ body: ArraySlice<UInt8>) throws -> (String, ONNXAttribute) {
        var reader = ProtobufReader(body)
        var name = ""
        var type: Int64 = 0
        var float: Float = 0
        var int: Int64 = 0
        var string = ""
        var tensor: ONNXTensor?
        var floats: [Float] = []
        var ints: [Int64] = []
        while let key = try reader.nextField() {
            switch key.number {
            case 1:
                try reader.expect(key, .lengthDelimited, field: "name")
                name = try reader.readString()
            case 2:
                try reader.expect(key, .fixed32, field: "f")
                float = Float(bitPattern: try reader.readFixed32())
            case 3:
                try reader.expect(key, .varint, field: "i")
                int = try reader.readInt64()
            case 4:
                try reader.expect(key, .lengthDelimited, field: "s")
                string = try reader.readString()
            case 5:
                try reader.expect(key, .lengthDelimited, field: "t")
                tensor = try ONNXTensor.decode(try reader.readLengthDelimited())
            case 7:
                floats += try reader.readRepeatedFloat(key.wireType)
            case 8:
                ints += try reader.readRepeatedInt64(key.wireType)
            case 20:
                try reader.expect(key, .varint, field: "type")
                type = try reader.readInt64()
            default:
                try reader.skip(key.wireType)
            }
        }
        let value: ONNXAttribute
        switch type {
        case 1: value = .float(float)
        case 2: value = .int(int)
        case 3: value = .string(string)
        case 4:
            guard let tensor else { throw ONNXDecodeError("attribute '\(name)' of type TENSOR has no tensor") }
            value = .tensor(tensor)
        case 6: value = .floats(floats)
        case 7: value = .ints(ints)
        default: value = .unsupported(type: type)
        }
        return (name, value)
    }
}

extension ONNXValueInfo {
    static func decode(_ body: ArraySlice<UInt8>) throws -> ONNXValueInfo {
        var reader = ProtobufReader(body)
        var info = ONNXValueInfo(name: "", shape: nil)
        while let key = try reader.nextField() {
            switch key.number {
            case 1:
                try reader.expect(key, .lengthDelimited, field: "name")
                info.name = try reader.readString()
            case 2:
                try reader.expect(key, .lengthDelimited, field: "type")
                info.shape = try decodeTensorShape(typeProto: try reader.readLengthDelimited())
            default:
                try reader.skip(key.wireType)
            }
        }
        return info
    }

    /// `TypeProto.tensor_type.shape`, or nil when absent (a sequence or map type has none either).
    private static func decodeTensorShape(typeProto: ArraySlice<UInt8>) throws -> [Dimension]? {
        var reader = ProtobufReader(typeProto)
        var shape: [Dimension]?
        while let key = try reader.nextField() {
            guard key.number == 1 else {
                try reader.skip(key.wireType)
                continue
            }
            try reader.expect(key, .lengthDelimited, field: "tensor_type")
            var tensorType = ProtobufReader(try reader.readLengthDelimited())
            while let tensorKey = try tensorType.nextField() {
                guard tensorKey.number == 2 else {
                    try tensorType.skip(tensorKey.wireType)
                    continue
                }
                try tensorType.expect(tensorKey, .lengthDelimited, field: "shape")
                var shapeReader = ProtobufReader(try tensorType.readLengthDelimited())
                var dims: [Dimension] = []
                while let dimKey = try shapeReader.nextField() {
                    guard dimKey.number == 1 else {
                        try shapeReader.skip(dimKey.wireType)
                        continue
                    }
                    try shapeReader.expect(dimKey, .lengthDelimited, field: "dim")
                    dims.append(try decodeDimension(try shapeReader.readLengthDelimited()))
                }
                shape = dims
            }
        }
        return shape
    }

    private static func decodeDimension(_ body: ArraySlice<UInt8>) throws -> Dimension {
        var reader = ProtobufReader(body)
        var dimension = Dimension.symbol("?")
        while let key = try reader.nextField() {
            switch key.number {
            case 1:
                try reader.expect(key, .varint, field: "dim_value")
                let value = try reader.readInt64()
                guard value >= 0, value <= Int64(Int32.max) else {
                    throw ONNXDecodeError("dimension \(value) is out of range")
                }
                dimension = .value(Int(value))
            case 2:
                try reader.expect(key, .lengthDelimited, field: "dim_param")
                dimension = .symbol(try reader.readString())
            default:
                try reader.skip(key.wireType)
            }
        }
        return dimension
    }
}

/// A fault in the ONNX bytes, with the path of messages it was found in. The importer reports it
/// inside a `ModelFormatError` naming the file.
struct ONNXDecodeError: DNNGenError, Equatable {
    var message: String

    var exitStatus: ExitStatus { .badInput }
    var description: String { message }

    init(_ message: String) { self.message = message }

    init(_ error: ProtobufError) {
        message = "malformed protobuf at byte \(error.offset): \(error.message)"
    }

    /// Runs `body`, prefixing any error with `context` (`graph`, `node[3]`) and turning
    /// wire-format faults into decode errors.
    static func locate<T>(_ context: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ONNXDecodeError {
            throw ONNXDecodeError("\(context): \(error.message)")
        } catch let error as ProtobufError {
            throw ONNXDecodeError("\(context): \(ONNXDecodeError(error).message)")
        }
    }
}
