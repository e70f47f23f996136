import Testing
@testable import DNNGen

/// Mutated ONNX files must give one `ModelFormatError` naming the file, or import; never a trap
/// or a hang. Mutations: truncation, flipped and replaced bytes, changed wire types, varints
/// that never end, and huge lengths inserted.
@Suite("ONNX fuzz")
struct ONNXFuzzTests {
    static let seeds: [UInt64] = [1, 2, 3]

    static func mutate(_ original: [UInt8], random: inout FormatFixtures.Random) -> [UInt8] {
        var bytes = original
        for _ in 0...Int.random(in: 0...2, using: &random) {
            guard !bytes.isEmpty else { break }
            let at = Int.random(in: 0..<bytes.count, using: &random)
            switch Int.random(in: 0..<6, using: &random) {
            case 0: bytes = Array(bytes.prefix(at))
            case 1: bytes[at] ^= 1 << UInt8.random(in: 0...7, using: &random)
            case 2: bytes[at] = UInt8.random(in: 0...255, using: &random)
            case 3: bytes[at] = (bytes[at] & ~7) | UInt8.random(in: 0...7, using: &random)  // another wire type
            case 4: bytes.insert(contentsOf: [UInt8](repeating: 0xFF, count: Int.random(in: 1...12, using: &random)), at: at)
            default: bytes.insert(contentsOf: [0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F], at: at)  // length 2^32-1
            }
        }
        return bytes
    }

    @Test(arguments: seeds)
    func mutatedFilesAreErrorsOrModels(seed: UInt64) throws {
        let bases = try ONNXFixtures.validNames.map(ONNXFixtures.bytes)
        var random = FormatFixtures.Random(seed: seed)
        var (accepted, refused) = (0, 0)
        for iteration in 0..<600 {
            let bytes = Self.mutate(bases[iteration % bases.count], random: &random)
            do {
                let imported = try ONNXImporter.importModel(bytes, file: "fuzz.onnx")
                // Whatever imports must be a model the reference can prepare.
                _ = try ReferenceModel(checking: imported.model)
                accepted += 1
            } catch let error as ModelFormatError {
                #expect(error.description.hasPrefix("fuzz.onnx: "), "seed \(seed) iteration \(iteration): \(error)")
                #expect(!error.userMessage.contains("\n"), "seed \(seed) iteration \(iteration): \(error.userMessage)")
                refused += 1
            } catch {
                Issue.record("seed \(seed) iteration \(iteration): unexpected error type \(error)")
            }
        }
        #expect(refused > 300, "seed \(seed): only \(refused) of 600 mutations refused")
        _ = accepted
    }
}
