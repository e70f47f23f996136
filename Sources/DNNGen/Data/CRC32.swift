/// The CRC-32 of gzip, zlib and PNG (reflected polynomial 0xEDB88320, initial and final XOR all ones).
public enum CRC32 {
    /// The CRC of every byte value, for the byte-at-a-time update.
    private static let table: [UInt32] = (0..<256).map { byte in
        var crc = UInt32(byte)
        for _ in 0..<8 { crc = crc & 1 == 1 ? 0xEDB8_8320 ^ (crc >> 1) : crc >> 1 }
        return crc
    }

    /// The CRC-32 of `bytes` (0 for no bytes); `checksum(Array("123456789".utf8)) == 0xCBF43926`.
    ///
    /// - Complexity: O(n), one table look-up a byte.
    public static func checksum(_ bytes: some Collection<UInt8>) -> UInt32 {
        update(0, with: bytes)
    }

    /// Extends `crc`, the checksum of some bytes, to the checksum of those bytes followed by `bytes`.
    public static func update(_ crc: UInt32, with bytes: some Collection<UInt8>) -> UInt32 {
        var value = ~crc
        table.withUnsafeBufferPointer { table in
            for byte in bytes {
                value = table[Int((value ^ UInt32(byte)) & 0xFF)] ^ (value >> 8)
            }
        }
        return ~value
    }
}
