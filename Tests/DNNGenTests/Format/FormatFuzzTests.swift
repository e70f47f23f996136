import Testing
@testable import DNNGen

extension FormatTests {
    /// Corrupted inputs must give a `ModelFormatError` or a valid result, never a trap or a hang.
    @Suite("Format fuzz")
    struct FormatFuzzTests {
        static let seeds: [UInt64] = [1, 2, 3, 0xDEAD_BEEF]
        static let bases = [FormatFixtures.denseModel(), FormatFixtures.convModel(), FormatFixtures.sharedTensorModel()]
            .map(ModelFile.encode)

        /// Bytes that change the meaning of JSON text when dropped into a header.
        static let jsonBytes = Array("{}[]\",:0123456789-.eE tfn\\u".utf8)

        static func corrupt(_ original: [UInt8], random: inout FormatFixtures.Random) -> [UInt8] {
            var bytes = original
            guard !bytes.isEmpty else { return [UInt8.random(in: 0...255, using: &random)] }
            let headerEnd = min(bytes.count, 8 + Int(min(LittleEndian.unsigned(bytes, at: 0, width: min(8, bytes.count)), 1 << 20)))
            for _ in 0...Int.random(in: 0...2, using: &random) {
                guard !bytes.isEmpty else { break }
                let anywhere = Int.random(in: 0..<bytes.count, using: &random)
                let inHeader = Int.random(in: 0..<max(1, min(headerEnd, bytes.count)), using: &random)
                switch Int.random(in: 0..<7, using: &random) {
                case 0: bytes[anywhere] ^= 1 << UInt8.random(in: 0...7, using: &random)
                case 1: bytes[anywhere] = UInt8.random(in: 0...255, using: &random)
                case 2: bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &random)))
                case 3: bytes[inHeader] = jsonBytes.randomElement(using: &random) ?? 0
                case 4: bytes.insert(jsonBytes.randomElement(using: &random) ?? 0, at: inHeader)
                case 5: bytes.remove(at: inHeader)
                default:
                    if bytes.count >= 8 {
                        let delta = Int64.random(in: -16...16, using: &random)
                        let length = Int64(bitPattern: LittleEndian.unsigned(bytes, at: 0, width: 8)) &+ delta
                        var prefix: [UInt8] = []
                        LittleEndian.append(UInt64(bitPattern: length), width: 8, to: &prefix)
                        bytes.replaceSubrange(0..<8, with: prefix)
                    }
                }
            }
            return bytes
        }

        @Test(arguments: seeds)
        func corruptedModelFilesNeverTrap(seed: UInt64) {
            var random = FormatFixtures.Random(seed: seed)
            var accepted = 0
            for iteration in 0..<1500 {
                let base = Self.bases[iteration % Self.bases.count]
                let bytes = Self.corrupt(base, random: &random)
                do {
                    let model = try ModelFile.decode(bytes, file: "fuzz.bin")
                    accepted += 1
                    #expect(try ModelFile.decode(ModelFile.encode(model), file: "again") == model,
                            "seed \(seed) iteration \(iteration): a model we accept must round-trip")
                } catch {
                    #expect(error.file == "fuzz.bin", "seed \(seed) iteration \(iteration)")
                    #expect(!error.message.isEmpty)
                }
            }
            #expect(accepted < 1500, "seed \(seed): no corruption was ever detected")
        }

        /// Values that sit on or just past a limit somewhere in the graph.
        static let interestingValues: [JSONValue] = [
            0, -1, 1, 2, 3, 16, 17, 62, 63, 2_147_483_647, 2_147_483_648, .int(Int.max), .int(Int.min),
            .int(1 << 47), 2.5, 1.0, true, false, nil, "", "x", "fc1.weight", "conv1.shift", "conv2d", "dense",
            "maxpool2d", "flatten", "pow2", "binary", "half_even", [], [0, 0], [1, 1], [.int(Int.max), .int(Int.max)],
            [.int(Int.max / 2), 1], [1, 1, 1], [:], ["bits": 8, "signed": true],
        ]

        static let interestingKeys = ["name", "op", "weight", "bias", "stride", "padding", "kernel", "weight_bits",
                                      "weight_kind", "requant", "output", "multiplier", "shift", "rounding", "bits",
                                      "signed", "shape", "inputs", "groups", "extra"]

        /// Every path to a value inside `value`.
        static func paths(in value: JSONValue, prefix: [JSONPathStep] = []) -> [[JSONPathStep]] {
            var result = [prefix]
            switch value {
            case .object(let members):
                for member in members { result += paths(in: member.value, prefix: prefix + [.key(member.key)]) }
            case .array(let elements):
                for (index, element) in elements.enumerated() { result += paths(in: element, prefix: prefix + [.index(index)]) }
            default:
                break
            }
            return result
        }

        @Test(arguments: seeds)
        func mutatedGraphsNeverTrap(seed: UInt64) throws {
            var random = FormatFixtures.Random(seed: seed)
            for iteration in 0..<1500 {
                let base = Self.bases[iteration % Self.bases.count]
                let bytes = FormatFixtures.mutatingGraph(base) { graph in
                    for _ in 0...Int.random(in: 0...2, using: &random) {
                        let all = Self.paths(in: graph)
                        guard let path = all.randomElement(using: &random) else { return }
                        switch Int.random(in: 0..<3, using: &random) {
                        case 0: graph.set(path, Self.interestingValues.randomElement(using: &random))
                        case 1: graph.set(path, nil)
                        default:
                            let key = Self.interestingKeys.randomElement(using: &random) ?? "extra"
                            graph.set(path + [.key(key)], Self.interestingValues.randomElement(using: &random))
                        }
                    }
                }
                do {
                    let model = try ModelFile.decode(bytes, file: "graph.bin")
                    #expect(try ModelFile.decode(ModelFile.encode(model), file: "again") == model,
                            "seed \(seed) iteration \(iteration)")
                } catch {
                    #expect(error.file == "graph.bin", "seed \(seed) iteration \(iteration)")
                }
            }
        }

        @Test(arguments: seeds)
        func randomBytesNeverTrapTheParsers(seed: UInt64) {
            var random = FormatFixtures.Random(seed: seed)
            let npy = NPY.encode(NPYArray(shape: [2, 3], values: [1, -2, 3, -4, 5, -6], dtype: "<i2"))
            for _ in 0..<1000 {
                let length = Int.random(in: 0...64, using: &random)
                let noise = (0..<length).map { _ in Self.jsonBytes.randomElement(using: &random) ?? 0 }
                _ = try? JSONValue.parse(String(decoding: noise, as: UTF8.self))
                _ = try? SafeTensors.decode(noise, file: "noise")
                do {
                    _ = try NPY.decode(Self.corrupt(npy, random: &random), file: "fuzz.npy")
                } catch {
                    #expect(error.file == "fuzz.npy")
                }
            }
        }
    }
}
