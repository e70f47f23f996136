/// Reading and writing the safetensors container (https://github.com/huggingface/safetensors).
enum SafeTensors {
    /// Headers longer than this are rejected before anything is allocated (as safetensors does).
    static let maximumHeaderLength = 100_000_000

    /// Decodes and fully validates a safetensors file.
    ///
    /// Checks: the 8-byte little-endian header length fits the file and `maximumHeaderLength`; the
    /// header is a UTF-8 JSON object; each entry has exactly `dtype`, `shape` and `data_offsets`, a
    /// supported dtype, non-negative dimensions whose product does not overflow, and offsets
    /// `[begin, end]` inside the data buffer with `end - begin` = count × element size; non-empty
    /// tensors do not overlap; `__metadata__`, if present, maps strings to strings. Strict where
    /// the safetensors library is: the header is the JSON object and nothing else but trailing
    /// spaces, and the non-empty tensors tile the data buffer from 0 to its end, with no gap and
    /// no byte after the last tensor. Linear in the file size plus O(t log t) for t tensors.
    ///
    /// - Throws: `ModelFormatError` naming `file` and the entry or field at fault.
    static func decode(_ bytes: [UInt8], file: String) throws(ModelFormatError) -> SafeTensorsFile {
        func fail(_ message: String) -> ModelFormatError {
            ModelFormatError(file: file, message)
        }
        guard bytes.count >= 8 else {
            throw fail("file is \(bytes.count) bytes, too short for a safetensors header length (8 bytes)")
        }
        let declaredLength = LittleEndian.unsigned(bytes, at: 0, width: 8)
        guard declaredLength <= UInt64(maximumHeaderLength) else {
            throw fail("safetensors header length \(declaredLength) is larger than the limit of \(maximumHeaderLength) bytes")
        }
        let headerLength = Int(declaredLength)
        guard headerLength <= bytes.count - 8 else {
            throw fail("safetensors header length \(headerLength) runs past the end of the file (\(bytes.count - 8) bytes follow the length field)")
        }
        guard headerLength >= 2 else {
            throw fail("safetensors header length \(headerLength) is too small for a JSON object")
        }
        let dataStart = 8 + headerLength
        let bufferLength = bytes.count - dataStart
        guard let headerText = String(validating: bytes[8..<dataStart], as: UTF8.self) else {
            throw fail("safetensors header is not valid UTF-8")
        }
        let header: JSONValue
        do {
            header = try JSONValue.parse(headerText)
        } catch {
            throw fail("safetensors header is not valid JSON: \(error)")
        }
        guard let members = header.objectMembers else {
            throw fail("safetensors header must be a JSON object, found \(header.kindDescription)")
        }
        // JSON allows other whitespace around the object; the container allows only padding spaces after it.
        let objectEnd = bytes[8..<dataStart].lastIndex { $0 != UInt8(ascii: " ") } ?? 8
        guard bytes[8] == UInt8(ascii: "{"), bytes[objectEnd] == UInt8(ascii: "}") else {
            throw fail("safetensors header: only spaces may pad the JSON object (found other bytes before or after it)")
        }

        var metadata: [String: String] = [:]
        var entries: [(name: String, dtype: SafeTensorsDType, shape: [Int], begin: Int, end: Int)] = []
        for member in members {
            if member.key == "__metadata__" {
                metadata = try decodeMetadata(member.value, file: file)
                continue
            }
            let entry = try decodeEntry(member, bufferLength: bufferLength, file: file)
            entries.append((member.key, entry.dtype, entry.shape, entry.begin, entry.end))
        }

        let spans = entries.filter { $0.begin < $0.end }.sorted { ($0.begin, $0.end) < ($1.begin, $1.end) }
        for (previous, next) in zip(spans, spans.dropFirst()) where next.begin < previous.end {
            throw fail("safetensors header: tensors '\(previous.name)' [\(previous.begin), \(previous.end)] and '\(next.name)' [\(next.begin), \(next.end)] overlap")
        }
        try checkTiling(spans.map { ($0.name, $0.begin, $0.end) }, bufferLength: bufferLength, file: file)

        let tensors = entries.map { entry in
            SafeTensor(name: entry.name, dtype: entry.dtype, shape: entry.shape,
                       data: decodeData(bytes, from: dataStart + entry.begin, to: dataStart + entry.end,
                                        dtype: entry.dtype))
        }
        return SafeTensorsFile(metadata: metadata, tensors: tensors)
    }

    /// Non-overlapping spans, sorted, must cover `0..<bufferLength` exactly (as the safetensors
    /// library requires): a gap or bytes after the last tensor are data no tensor owns.
    private static func checkTiling(_ spans: [(name: String, begin: Int, end: Int)], bufferLength: Int,
                                    file: String) throws(ModelFormatError)
    {
        var covered = 0
        for span in spans {
            guard span.begin == covered else {
                throw ModelFormatError(file: file, "safetensors data: bytes [\(covered), \(span.begin)) before tensor '\(span.name)' belong to no tensor (tensors must be contiguous)")
            }
            covered = span.end
        }
        guard covered == bufferLength else {
            throw ModelFormatError(file: file, "safetensors data: \(bufferLength - covered) bytes after the last tensor (at offset \(covered)) belong to no tensor")
        }
    }

    private static func decodeMetadata(_ value: JSONValue, file: String) throws(ModelFormatError) -> [String: String] {
        guard let members = value.objectMembers else {
            throw ModelFormatError(file: file, "safetensors header: __metadata__ must be an object of strings, found \(value.kindDescription)")
        }
        var metadata: [String: String] = [:]
        for member in members {
            guard let text = member.value.stringValue else {
                throw ModelFormatError(file: file, "safetensors header: __metadata__ value '\(member.key)' must be a string, found \(member.value.kindDescription)")
            }
            metadata[member.key] = text
        }
        return metadata
    }

    private static func decodeEntry(_ member: JSONMember, bufferLength: Int, file: String)
        throws(ModelFormatError) -> (dtype: SafeTensorsDType, shape: [Int], begin: Int, end: Int)
    {
        let name = member.key
        func fail(_ message: String) -> ModelFormatError {
            ModelFormatError(file: file, "safetensors header: tensor '\(name)': \(message)")
        }
        guard let fields = member.value.objectMembers else {
            throw fail("entry must be an object, found \(member.value.kindDescription)")
        }
        for field in fields where !["dtype", "shape", "data_offsets"].contains(field.key) {
            throw fail("unknown key '\(field.key)'")
        }
        guard let dtypeValue = member.value["dtype"] else { throw fail("missing key 'dtype'") }
        guard let dtypeName = dtypeValue.stringValue else {
            throw fail("dtype must be a string, found \(dtypeValue.kindDescription)")
        }
        guard let dtype = SafeTensorsDType(rawValue: dtypeName) else {
            throw fail("unsupported dtype '\(dtypeName)' (supported: \(SafeTensorsDType.integerNames), F32)")
        }

        guard let shapeValue = member.value["shape"] else { throw fail("missing key 'shape'") }
        guard let shapeElements = shapeValue.arrayValue else {
            throw fail("shape must be an array of integers, found \(shapeValue.kindDescription)")
        }
        var shape: [Int] = []
        var count = 1
        for element in shapeElements {
            guard let dimension = element.intValue, dimension >= 0 else {
                throw fail("shape must hold non-negative integers, found \(element.serialized())")
            }
            shape.append(dimension)
        }
        for dimension in shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            guard !overflow else { throw fail("shape \(shape) has too many elements") }
            count = product
        }

        guard let offsetsValue = member.value["data_offsets"] else { throw fail("missing key 'data_offsets'") }
        guard let offsets = offsetsValue.arrayValue, offsets.count == 2,
            let begin = offsets[0].intValue, let end = offsets[1].intValue
        else {
            throw fail("data_offsets must be [begin, end] integers, found \(offsetsValue.serialized())")
        }
        guard begin >= 0, begin <= end else {
            throw fail("data_offsets [\(begin), \(end)] must satisfy 0 <= begin <= end")
        }
        guard end <= bufferLength else {
            throw fail("data_offsets [\(begin), \(end)] lie outside the data buffer (\(bufferLength) bytes)")
        }
        let (byteCount, overflow) = count.multipliedReportingOverflow(by: dtype.size)
        guard !overflow, end - begin == byteCount else {
            throw fail("data_offsets [\(begin), \(end)] hold \(end - begin) bytes, but \(dtype.rawValue) \(shape) needs \(overflow ? "more than the file" : String(byteCount))")
        }
        return (dtype, shape, begin, end)
    }

    /// Decodes `bytes[from..<to]`, which the caller has checked is in bounds and a whole number of elements.
    private static func decodeData(_ bytes: [UInt8], from: Int, to: Int, dtype: SafeTensorsDType) -> SafeTensorData {
        let count = (to - from) / dtype.size
        if dtype == .f32 {
            var values: [Float] = []
            values.reserveCapacity(count)
            for index in 0..<count {
                let bits = UInt32(truncatingIfNeeded: LittleEndian.unsigned(bytes, at: from + index * 4, width: 4))
                values.append(Float(bitPattern: bits))
            }
            return .floats(values)
        }
        var values = CompactIntegers()
        values.reserveCapacity(count)
        for index in 0..<count {
            let raw = LittleEndian.unsigned(bytes, at: from + index * dtype.size, width: dtype.size)
            switch dtype {
            case .i8: values.append(Int(Int8(truncatingIfNeeded: raw)))
            case .u8, .u16: values.append(Int(raw))
            case .i16: values.append(Int(Int16(truncatingIfNeeded: raw)))
            case .i32: values.append(Int(Int32(truncatingIfNeeded: raw)))
            case .i64, .f32: values.append(Int(Int64(bitPattern: raw)))
            }
        }
        return .integers(values)
    }
}
