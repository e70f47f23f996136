extension SafeTensors {
    /// The file's bytes, laid out as the safetensors library requires of files it loads.
    ///
    /// The header holds `__metadata__` first (keys sorted, omitted when empty), then one entry per
    /// tensor in the given order; it is compact JSON padded with spaces to a multiple of 8 bytes.
    /// Tensor data follows contiguously from offset 0 in the same order, with no gaps or trailing
    /// bytes. Integer values outside their dtype are truncated to its width (callers validate first).
    /// Deterministic: the same file always gives the same bytes.
    static func encode(_ file: SafeTensorsFile) -> [UInt8] {
        var header: [JSONMember] = []
        if !file.metadata.isEmpty {
            let metadata = file.metadata.sorted { $0.key < $1.key }
                .map { JSONMember(key: $0.key, value: .string($0.value)) }
            header.append(JSONMember(key: "__metadata__", value: .object(metadata)))
        }
        var data: [UInt8] = []
        for tensor in file.tensors {
            let begin = data.count
            appendData(tensor, to: &data)
            let entry: JSONValue = [
                "dtype": .string(tensor.dtype.rawValue),
                "shape": .array(tensor.shape.map { .int($0) }),
                "data_offsets": [.int(begin), .int(data.count)],
            ]
            header.append(JSONMember(key: tensor.name, value: entry))
        }
        var headerBytes = Array(JSONValue.object(header).serialized().utf8)
        while headerBytes.count % 8 != 0 { headerBytes.append(UInt8(ascii: " ")) }

        var bytes: [UInt8] = []
        bytes.reserveCapacity(8 + headerBytes.count + data.count)
        LittleEndian.append(UInt64(headerBytes.count), width: 8, to: &bytes)
        bytes.append(contentsOf: headerBytes)
        bytes.append(contentsOf: data)
        return bytes
    }

    private static func appendData(_ tensor: SafeTensor, to data: inout [UInt8]) {
        switch tensor.data {
        case .integers(let values):
            for value in values {
                LittleEndian.append(UInt64(bitPattern: Int64(value)), width: tensor.dtype.size, to: &data)
            }
        case .floats(let values):
            for value in values {
                LittleEndian.append(UInt64(value.bitPattern), width: 4, to: &data)
            }
        }
    }
}
