/// gzip (RFC 1952): members of header, DEFLATE data, CRC-32 and length, decompressed and checked.
public enum Gzip {
    /// Whether `bytes` start with the gzip magic `1f 8b`.
    public static func isGzip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    /// The concatenated data of every member of a gzip file.
    ///
    /// Each member's header is checked (method 8 = DEFLATE, no reserved flag bits; FEXTRA, FNAME
    /// and FCOMMENT are skipped, FHCRC is verified), its data inflated, and its trailer's CRC-32 and
    /// ISIZE (length mod 2^32) compared with what was decoded. Nothing may follow the last member.
    ///
    /// - Parameter maximumOutput: the most bytes to produce in total.
    /// - Throws: `InflateError` saying what is wrong and at which compressed byte.
    /// - Complexity: linear in the input and output sizes.
    public static func decompress(_ bytes: [UInt8], maximumOutput: Int = Inflate.defaultMaximumOutput)
        throws(InflateError) -> [UInt8]
    {
        guard isGzip(bytes) else {
            throw InflateError("not gzip data (it does not start with 1f 8b)", offset: 0)
        }
        var output: [UInt8] = []
        var position = 0
        while position < bytes.count {
            let memberStart = output.count
            let dataStart = try headerEnd(bytes, at: position)
            var decoder = DeflateDecoder(input: bytes, position: dataStart, output: output, maximumOutput: maximumOutput)
            output = []  // leave the decoder the only reference, so appends never copy
            if bytes.count >= 4 {
                // ISIZE is a hint (only trusted up to the bound and DEFLATE's maximum ratio of 1032:1).
                let size = Int(LittleEndian.unsigned(bytes, at: bytes.count - 4, width: 4))
                decoder.reserveOutput(Swift.min(size, (bytes.count - dataStart) * 1032))
            }
            try decoder.decodeStream()
            output = decoder.output
            position = decoder.position
            guard bytes.count - position >= 8 else {
                throw InflateError("gzip trailer (CRC-32 and length, 8 bytes) is truncated", offset: bytes.count)
            }
            let storedCRC = UInt32(truncatingIfNeeded: LittleEndian.unsigned(bytes, at: position, width: 4))
            let storedSize = UInt32(truncatingIfNeeded: LittleEndian.unsigned(bytes, at: position + 4, width: 4))
            let crc = CRC32.checksum(output[memberStart...])
            guard crc == storedCRC else {
                throw InflateError("CRC-32 of the data is \(hex(crc)), but the gzip trailer says \(hex(storedCRC)) (corrupt data)",
                                   offset: position)
            }
            let size = output.count - memberStart
            guard UInt32(truncatingIfNeeded: size) == storedSize else {
                throw InflateError("data is \(size) bytes, but the gzip trailer says \(storedSize) (mod 2^32)", offset: position + 4)
            }
            position += 8
            if position < bytes.count, !isGzip(Array(bytes[position..<Swift.min(position + 2, bytes.count)])) {
                throw InflateError("\(bytes.count - position) bytes after the gzip data are not another gzip member",
                                   offset: position)
            }
        }
        return output
    }

    /// Checks the member header at `start` and returns where its DEFLATE data begins.
    private static func headerEnd(_ bytes: [UInt8], at start: Int) throws(InflateError) -> Int {
        func truncated() -> InflateError {
            InflateError("gzip header is truncated", offset: bytes.count)
        }
        guard bytes.count - start >= 10 else { throw truncated() }
        guard bytes[start + 2] == 8 else {
            throw InflateError("gzip compression method \(bytes[start + 2]) is not DEFLATE (8)", offset: start + 2)
        }
        let flags = bytes[start + 3]
        guard flags & 0xE0 == 0 else {
            throw InflateError("gzip header has reserved flag bits set (flags \(hex(UInt32(flags))))", offset: start + 3)
        }
        var position = start + 10
        if flags & 0x04 != 0 {  // FEXTRA: a 2-byte length, then that many bytes
            guard bytes.count - position >= 2 else { throw truncated() }
            let length = Int(LittleEndian.unsigned(bytes, at: position, width: 2))
            guard bytes.count - position - 2 >= length else { throw truncated() }
            position += 2 + length
        }
        for flag: UInt8 in [0x08, 0x10] where flags & flag != 0 {  // FNAME, FCOMMENT: zero-terminated
            guard let end = bytes[position...].firstIndex(of: 0) else { throw truncated() }
            position = end + 1
        }
        if flags & 0x02 != 0 {  // FHCRC: the low 16 bits of the CRC-32 of the header so far
            guard bytes.count - position >= 2 else { throw truncated() }
            let stored = UInt32(LittleEndian.unsigned(bytes, at: position, width: 2))
            let crc = CRC32.checksum(bytes[start..<position]) & 0xFFFF
            guard crc == stored else {
                throw InflateError("gzip header CRC is \(hex(stored)), but the header's CRC-16 is \(hex(crc))", offset: position)
            }
            position += 2
        }
        return position
    }

    private static func hex(_ value: UInt32) -> String {
        "0x" + String(value, radix: 16)
    }
}
