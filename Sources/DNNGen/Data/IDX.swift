/// Reading IDX files, the format of MNIST and Fashion-MNIST, plain or gzip-compressed.
///
/// Layout: magic `00 00 <type> <rank>` (type `08` = unsigned byte), `rank` big-endian 32-bit
/// dimensions, then the elements in C order. Image files are rank 3 `[N, rows, cols]` (magic
/// 0x00000803), label files rank 1 `[N]` (0x00000801).
public enum IDX {
    /// The element types IDX defines, for messages about the ones dnngen does not read.
    private static let typeNames: [UInt8: String] = [0x08: "u8", 0x09: "i8", 0x0B: "i16", 0x0C: "i32",
                                                      0x0D: "f32", 0x0E: "f64"]

    /// Reads the IDX file at `path`; gzip-compressed when it starts with `1f 8b`, whatever its name.
    ///
    /// - Throws: `ModelFormatError` naming `path` and the field at fault.
    public static func read(path: String) throws(ModelFormatError) -> IDXArray {
        try decode(try FormatIO.readBytes(path: path), file: path)
    }

    /// Decodes an IDX file of unsigned bytes, decompressing it first if it is gzip data.
    ///
    /// Checks the magic (two zero bytes, type `08`, rank 1...4), that the dimensions' product does
    /// not overflow, and that exactly that many bytes follow the header. Linear in the file size.
    ///
    /// - Parameter file: the name used in errors.
    /// - Throws: `ModelFormatError` naming `file` and the field at fault.
    public static func decode(_ bytes: [UInt8], file: String) throws(ModelFormatError) -> IDXArray {
        func fail(_ message: String) -> ModelFormatError { ModelFormatError(file: file, message) }
        var data = bytes
        if Gzip.isGzip(bytes) {
            do {
                data = try Gzip.decompress(bytes)
            } catch {
                throw fail("gzip: \(error)")
            }
        }
        guard data.count >= 4 else {
            throw fail("is \(data.count) bytes, too short for an IDX magic number (4 bytes)")
        }
        guard data[0] == 0, data[1] == 0 else {
            throw fail("magic number \(hex(data[0..<4])) does not start with two zero bytes (not an IDX file)")
        }
        guard data[2] == 0x08 else {
            let name = typeNames[data[2]].map { " (\($0))" } ?? ""
            throw fail("magic number \(hex(data[0..<4])): element type 0x\(String(data[2], radix: 16))\(name) is not supported (dnngen reads unsigned bytes, type 0x08)")
        }
        let rank = Int(data[3])
        guard (1...4).contains(rank) else {
            throw fail("magic number \(hex(data[0..<4])): rank \(rank) is not 1...4")
        }
        let headerLength = 4 + 4 * rank
        guard data.count >= headerLength else {
            throw fail("header is truncated: \(rank) dimensions need \(headerLength) bytes, the file has \(data.count)")
        }
        var shape: [Int] = []
        var count = 1
        for axis in 0..<rank {
            let offset = 4 + 4 * axis
            let dimension = Int(data[offset]) << 24 | Int(data[offset + 1]) << 16 | Int(data[offset + 2]) << 8
                | Int(data[offset + 3])
            shape.append(dimension)
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            count = product
            guard !overflow, count <= data.count else {
                throw fail("dimensions \(shape)… hold more elements than the file has bytes (\(data.count))")
            }
        }
        guard data.count - headerLength == count else {
            throw fail("data is \(data.count - headerLength) bytes, but dimensions \(shape) need \(count)")
        }
        return IDXArray(shape: shape, values: Array(data[headerLength...]))
    }

    private static func hex(_ bytes: ArraySlice<UInt8>) -> String {
        "0x" + bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}

/// An IDX array of unsigned bytes: its dimensions and its elements in C order.
public struct IDXArray: Equatable, Sendable {
    public var shape: [Int]
    public var values: [UInt8]

    public init(shape: [Int], values: [UInt8]) {
        self.shape = shape
        self.values = values
    }
}
