extension ONNXTensor {
    /// The largest tensor the importer accepts, in elements (weights of these networks are far
    /// smaller; the bound keeps a forged `dims` from asking for terabytes).
    static let maxElements = 1 << 28

    /// Decodes a `TensorProto`: dims, data type, and values from `raw_data` or the typed field.
    static func decode(_ body: ArraySlice<UInt8>) throws -> ONNXTensor {
        var reader = ProtobufReader(body)
        var name = ""
        var dims: [Int64] = []
        var dataTypeCode: Int64 = 0
        var raw: ArraySlice<UInt8>?
        var floats: [Float] = []
        var doubles: [Double] = []
        var int64s: [Int64] = []
        var external = false
        while let key = try reader.nextField() {
            switch key.number {
            case 1: dims += try reader.readRepeatedInt64(key.wireType)
            case 2:
                try reader.expect(key, .varint, field: "data_type")
                dataTypeCode = try reader.readInt64()
            case 4: floats += try reader.readRepeatedFloat(key.wireType)
            case 5, 7, 11: int64s += try reader.readRepeatedInt64(key.wireType)
            case 8:
                try reader.expect(key, .lengthDelimited, field: "name")
                name = try reader.readString()
            case 9:
                try reader.expect(key, .lengthDelimited, field: "raw_data")
                raw = try reader.readLengthDelimited()
            case 10: doubles += try reader.readRepeatedDouble(key.wireType)
            case 13:
                try reader.expect(key, .lengthDelimited, field: "external_data")
                _ = try reader.readLengthDelimited()
                external = true
            case 14:
                try reader.expect(key, .varint, field: "data_location")
                if try reader.readInt64() == 1 { external = true }
            default:
                try reader.skip(key.wireType)
            }
        }
        let label = name.isEmpty ? "tensor" : "tensor '\(name)'"
        if external {
            throw ONNXDecodeError("\(label) keeps its data in an external file; save the model with the data inside (onnx.save_model(..., save_as_external_data=False))")
        }
        guard let dataType = ONNXDataType(rawValue: dataTypeCode) else {
            throw ONNXDecodeError("\(label) has data type \(dataTypeCode), which dnngen does not read (float, double and integers up to 32 bits)")
        }
        var count = 1
        for dim in dims {
            guard dim >= 0, dim <= Int64(maxElements) else {
                throw ONNXDecodeError("\(label) has dimension \(dim)")
            }
            count *= Int(dim)
            guard count <= maxElements else {
                throw ONNXDecodeError("\(label) has dims \(dims), more than \(maxElements) elements")
            }
        }
        let values: [Double]
        if let raw {
            guard raw.count == count * dataType.size else {
                throw ONNXDecodeError("\(label) has dims \(dims) (\(count) \(dataType.name) values) but \(raw.count) bytes of raw_data")
            }
            values = decodeRaw(raw, dataType: dataType, count: count)
        } else {
            switch dataType {
            case .float: values = floats.map(Double.init)
            case .double: values = doubles
            default: values = int64s.map { Double($0) }
            }
            guard values.count == count else {
                throw ONNXDecodeError("\(label) has dims \(dims) (\(count) values) but holds \(values.count)")
            }
        }
        if dataType == .int64, values.contains(where: { $0.magnitude > 9_007_199_254_740_992 }) {
            throw ONNXDecodeError("\(label) holds int64 values beyond 2^53")
        }
        return ONNXTensor(name: name, dims: dims.map { Int($0) }, dataType: dataType, values: values)
    }

    /// Little-endian elements of `raw_data`, each converted exactly to `Double`.
    private static func decodeRaw(_ raw: ArraySlice<UInt8>, dataType: ONNXDataType, count: Int) -> [Double] {
        let bytes = Array(raw)
        func word(_ index: Int, _ size: Int) -> UInt64 {
            var value: UInt64 = 0
            for byte in (0..<size).reversed() { value = value << 8 | UInt64(bytes[index * size + byte]) }
            return value
        }
        return (0..<count).map { index in
            let bits = word(index, dataType.size)
            switch dataType {
            case .float: return Double(Float(bitPattern: UInt32(truncatingIfNeeded: bits)))
            case .double: return Double(bitPattern: bits)
            case .uint8, .bool: return Double(UInt8(truncatingIfNeeded: bits))
            case .int8: return Double(Int8(truncatingIfNeeded: bits))
            case .uint16: return Double(UInt16(truncatingIfNeeded: bits))
            case .int16: return Double(Int16(truncatingIfNeeded: bits))
            case .int32: return Double(Int32(truncatingIfNeeded: bits))
            case .uint32: return Double(UInt32(truncatingIfNeeded: bits))
            case .int64: return Double(Int64(bitPattern: bits))
            }
        }
    }
}
