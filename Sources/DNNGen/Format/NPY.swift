/// Reading and writing NumPy `.npy` files of integers (format versions 1.0, 2.0 and 3.0).
public enum NPY {
    static let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)
    /// Headers longer than this are rejected (NumPy itself refuses headers over 10 000 bytes by default).
    static let maximumHeaderLength = 1 << 20

    /// Reads the `.npy` file at `path`.
    ///
    /// - Throws: `ModelFormatError` naming `path` and what is wrong.
    public static func read(path: String) throws(ModelFormatError) -> NPYArray {
        try decode(try FormatIO.readBytes(path: path), file: path)
    }

    /// Writes `array` to `path` (atomically) as a version 1.0 `.npy` file.
    public static func write(_ array: NPYArray, to path: String) throws(ModelFormatError) {
        try FormatIO.writeBytes(encode(array), path: path)
    }

    /// Decodes a `.npy` file of integers; never traps, whatever the bytes.
    ///
    /// Accepts versions 1.0, 2.0 and 3.0; dtypes i1 u1 i2 u2 i4 u4 i8 u8 in either byte order;
    /// C order only. The data must be exactly the shape's element count times the element size.
    /// `u8` values above `Int.max` are an error. Linear in the size of the file.
    ///
    /// - Parameter file: the name used in errors (the path as the user gave it).
    /// - Throws: `ModelFormatError` naming `file` and what is wrong.
    public static func decode(_ bytes: [UInt8], file: String) throws(ModelFormatError) -> NPYArray {
        func fail(_ message: String) -> ModelFormatError { ModelFormatError(file: file, message) }
        guard bytes.count >= 10, Array(bytes[0..<6]) == magic else {
            throw fail("not a .npy file (it does not start with \\x93NUMPY)")
        }
        let major = bytes[6]
        let minor = bytes[7]
        let headerStart: Int
        let headerLength: Int
        switch (major, minor) {
        case (1, 0):
            headerStart = 10
            headerLength = Int(LittleEndian.unsigned(bytes, at: 8, width: 2))
        case (2, 0), (3, 0):
            guard bytes.count >= 12 else { throw fail("file is \(bytes.count) bytes, too short for a .npy \(major).0 header") }
            headerStart = 12
            headerLength = Int(LittleEndian.unsigned(bytes, at: 8, width: 4))
        default:
            throw fail("unsupported .npy format version \(major).\(minor) (supported: 1.0, 2.0, 3.0)")
        }
        guard headerLength <= maximumHeaderLength else {
            throw fail(".npy header length \(headerLength) is larger than the limit of \(maximumHeaderLength) bytes")
        }
        guard headerLength <= bytes.count - headerStart else {
            throw fail(".npy header length \(headerLength) runs past the end of the file (\(bytes.count) bytes)")
        }
        let dataStart = headerStart + headerLength
        let header = try NPYHeader.parse(Array(bytes[headerStart..<dataStart]), utf8: major == 3, file: file)

        guard let dtype = NPYDType(descr: header.descr) else {
            throw fail("dtype '\(header.descr)' is not supported (integer dtypes only: \(NPYDType.supported))")
        }
        guard !header.fortranOrder else {
            throw fail("Fortran-order arrays are not supported (save the array in C order)")
        }
        var count = 1
        for dimension in header.shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            guard !overflow else { throw fail("shape \(NPYHeader.tuple(header.shape)) has too many elements") }
            count = product
        }
        let available = bytes.count - dataStart
        let (needed, overflow) = count.multipliedReportingOverflow(by: dtype.size)
        guard !overflow, needed == available else {
            throw fail("data is \(available) bytes, but shape \(NPYHeader.tuple(header.shape)) of '\(header.descr)' needs \(overflow ? "more" : String(needed))")
        }

        var values: [Int] = []
        values.reserveCapacity(count)
        for index in 0..<count {
            let offset = dataStart + index * dtype.size
            var raw: UInt64 = 0
            if dtype.bigEndian {
                for byte in bytes[offset..<offset + dtype.size] { raw = raw << 8 | UInt64(byte) }
            } else {
                raw = LittleEndian.unsigned(bytes, at: offset, width: dtype.size)
            }
            if dtype.signed {
                let shift = UInt64(64 - 8 * dtype.size)
                values.append(Int(Int64(bitPattern: raw << shift) >> shift))
            } else {
                guard raw <= UInt64(Int.max) else {
                    throw fail("value \(raw) at \(GraphReader.multiIndex(index, shape: header.shape)) does not fit a signed 64-bit integer")
                }
                values.append(Int(raw))
            }
        }
        return NPYArray(shape: header.shape, values: values, dtype: header.descr)
    }

    /// The bytes of `array` as a version 1.0 `.npy` file (2.0 if the header would not fit).
    ///
    /// The header is NumPy's dict, padded with spaces and a newline so the data starts at a
    /// multiple of 64 bytes. An unrecognised `dtype` is written as `<i8`; values are truncated to
    /// the dtype's width (callers choose a dtype that holds them). Deterministic.
    public static func encode(_ array: NPYArray) -> [UInt8] {
        let dtype = NPYDType(descr: array.dtype) ?? NPYDType(bigEndian: false, signed: true, size: 8)
        let dictionary = "{'descr': '\(dtype.descr)', 'fortran_order': False, 'shape': \(NPYHeader.tuple(array.shape)), }"
        var header = Array(dictionary.utf8)
        let version2 = header.count + 1 + 10 > Int(UInt16.max)
        let prefix = version2 ? 12 : 10
        while (prefix + header.count + 1) % 64 != 0 { header.append(UInt8(ascii: " ")) }
        header.append(UInt8(ascii: "\n"))

        var bytes = magic + [version2 ? 2 : 1, 0]
        LittleEndian.append(UInt64(header.count), width: version2 ? 4 : 2, to: &bytes)
        bytes.append(contentsOf: header)
        bytes.reserveCapacity(bytes.count + array.values.count * dtype.size)
        for value in array.values {
            let raw = UInt64(bitPattern: Int64(value))
            if dtype.bigEndian {
                for index in (0..<dtype.size).reversed() { bytes.append(UInt8(truncatingIfNeeded: raw >> UInt64(8 * index))) }
            } else {
                LittleEndian.append(raw, width: dtype.size, to: &bytes)
            }
        }
        return bytes
    }
}
