import Foundation
import Testing
@testable import DNNGen

/// The parent of every Data suite, so that `swift test --filter DataTests` selects them all.
@Suite("Data")
struct DataTests {}

/// Paths of the committed fixtures and the generators that recreate their contents.
enum DataFixtures {
    /// `Tests/DNNGenTests/Fixtures`, from this file's location.
    static let folder: String = {
        var url = URL(fileURLWithPath: #filePath)
        url.deleteLastPathComponent()
        url.deleteLastPathComponent()
        return url.appendingPathComponent("Fixtures").path
    }()

    static func path(_ relative: String) -> String { folder + "/" + relative }

    static func bytes(_ relative: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: path(relative))))
    }

    /// The 64-bit LCG (Knuth's MMIX constants) the fixture script used.
    struct LCG {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state
        }
    }

    /// The contents of `gzip/skewed.bin.gz`: bytes that are the AND of two random bytes (so code
    /// lengths reach 13 bits), with runs copied from up to 5000 bytes back. Made in Python by
    ///
    ///     while len(out) < n:
    ///         r = next(g)
    ///         if r >> 60 < 2 and len(out) > 5000:
    ///             length = 3 + (r >> 8) % 60; dist = 1 + (r >> 20) % 5000
    ///             for _ in range(length): out.append(out[-dist])
    ///         else:
    ///             out.append((r >> 24) & (r >> 40) & 0xFF)
    ///
    /// with n = 40000 and seed 2024, then `gzip -9 -n`.
    static func skewed(count: Int = 40_000, seed: UInt64 = 2024) -> [UInt8] {
        var generator = LCG(state: seed)
        var output: [UInt8] = []
        while output.count < count {
            let r = generator.next()
            if r >> 60 < 2, output.count > 5000 {
                let length = 3 + Int((r >> 8) % 60)
                let distance = 1 + Int((r >> 20) % 5000)
                for _ in 0..<length { output.append(output[output.count - distance]) }
            } else {
                output.append(UInt8(truncatingIfNeeded: (r >> 24) & (r >> 40) & 0xFF))
            }
        }
        return Array(output.prefix(count))
    }

    /// The contents of `gzip/noise.bin.gz` (stored blocks): `(next() >> 32) & 0xFF`, 3000 bytes, seed 7.
    static func noise(count: Int = 3000, seed: UInt64 = 7) -> [UInt8] {
        var generator = LCG(state: seed)
        return (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next() >> 32) }
    }
}
