import Foundation
import Testing
@testable import DNNGen

extension FormatTests {
    @Suite("ModelFile round trip")
    struct ModelFileRoundTripTests {
        static let models: [Model] = [FormatFixtures.denseModel(), FormatFixtures.convModel(),
                                      FormatFixtures.sharedTensorModel()]
            + FormatFixtures.everyWeightKindModels()

        @Test(arguments: models)
        func decodeInvertsEncode(model: Model) throws {
            let bytes = ModelFile.encode(model)
            let decoded = try ModelFile.decode(bytes, file: "model.bin")
            #expect(decoded == model)
            #expect(ModelFile.encode(decoded) == bytes, "encoding is deterministic")
        }

        @Test func randomDenseModelsRoundTrip() throws {
            for seed in UInt64(1)...40 {
                let model = FormatFixtures.denseModel(seed: seed)
                #expect(try ModelFile.decode(ModelFile.encode(model), file: "m") == model, "seed \(seed)")
            }
        }

        @Test func graphKeysFollowTheSpecOrder() throws {
            let container = try SafeTensors.decode(ModelFile.encode(FormatFixtures.convModel()), file: "m")
            #expect(container.metadata["format"] == "dnngen-model")
            #expect(container.metadata["version"] == "1")
            let graph = try JSONValue.parse(container.metadata["graph"] ?? "")
            #expect(graph.objectMembers?.map(\.key) == ["name", "input", "layers"])
            #expect(graph["input"]?.objectMembers?.map(\.key) == ["shape", "bits", "signed"])
            let keys = graph["layers"]?.arrayValue?.map { $0.objectMembers?.map(\.key) ?? [] }
            #expect(keys == [
                ["name", "op", "weight", "bias", "stride", "padding", "weight_bits", "weight_kind", "requant", "output"],
                ["name", "op", "stride", "kernel"],
                ["name", "op", "weight", "stride", "padding", "weight_bits", "weight_kind", "requant", "output"],
                ["name", "op"],
                ["name", "op", "weight", "bias", "weight_bits", "weight_kind", "requant", "output"],
            ])
            #expect(graph["layers"]?[0]?["requant"] == ["multiplier": "conv1.mult", "shift": "conv1.shift", "rounding": "half_even"])
            #expect(graph["layers"]?[4]?["requant"] == ["multiplier": 2_147_483_647, "shift": 62, "rounding": "half_up"])
        }

        @Test func tensorsAreStoredOnceInOrderOfFirstReference() throws {
            let convTensors = try SafeTensors.decode(ModelFile.encode(FormatFixtures.convModel()), file: "m").tensors
            #expect(convTensors.map(\.name) == ["conv1.weight", "conv1.bias", "conv1.mult", "conv1.shift",
                                                "conv2.weight", "conv1.shift2", "fc.weight", "fc.bias"])
            #expect(convTensors.map(\.dtype.rawValue) == ["I8", "I32", "U16", "U8", "I16", "I64", "I16", "I64"])
            let shared = try SafeTensors.decode(ModelFile.encode(FormatFixtures.sharedTensorModel()), file: "m").tensors
            #expect(shared.map(\.name) == ["c.weight", "shared.weight", "shared.shift"])
        }

        @Test func defaultsApplyWhenOptionalKeysAreAbsent() throws {
            let graph: JSONValue = [
                "name": "defaults",
                "input": ["shape": [1, 4, 4], "bits": 8, "signed": false],
                "layers": [
                    ["name": "conv", "op": "conv2d", "weight": "w", "weight_bits": 4,
                     "requant": ["multiplier": 1, "shift": 0], "output": ["bits": 8, "signed": false]],
                    ["name": "pool", "op": "maxpool2d", "kernel": [2, 1]],
                ],
            ]
            let container = SafeTensorsFile(
                metadata: ["format": "dnngen-model", "version": "1", "graph": graph.serialized(pretty: true), "extra": "ok"],
                tensors: [SafeTensor(name: "w", dtype: .i8, shape: [2, 1, 3, 3], data: .integers(CompactIntegers(repeating: -8, count: 18))),
                          SafeTensor(name: "unused", dtype: .f32, shape: [1], data: .floats([0.5]))])
            let model = try ModelFile.decode(SafeTensors.encode(container), file: "m")
            guard case .conv2d(let conv) = model.layers[0].op, case .maxpool2d(let pool) = model.layers[1].op else {
                Issue.record("unexpected ops \(model.layers)")
                return
            }
            #expect(conv.stride == [1, 1])
            #expect(conv.padding == [0, 0])
            #expect(conv.weightKind == .int)
            #expect(conv.bias == nil)
            #expect(conv.requant.rounding == .halfUp)
            #expect(pool.stride == [2, 1])
            #expect(try model.outputInfo().shape == [2, 1, 2])
        }

        @Test func readsTheShippedDigitsExample() throws {
            let path = FormatFixtures.packageRoot.appendingPathComponent("examples/digits-mlp.bin").path
            let model = try ModelFile.read(path: path)
            #expect(model.name == "digits-mlp")
            #expect(model.inputShape == [64])
            #expect(model.layers.map(\.name) == ["fc1", "fc2"])
            guard case .dense(let fc1) = model.layers[0].op else {
                Issue.record("fc1 is not dense")
                return
            }
            #expect(fc1.weight.shape == [32, 64])
            #expect(fc1.requant.multiplier.isPerChannel)
            #expect(fc1.requant.shift == .perLayer(32))
            #expect(try ModelFile.decode(ModelFile.encode(model), file: "m") == model)
        }

        @Test func writesAndReadsFiles() throws {
            let directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("dnngen-format-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let path = directory.appendingPathComponent("model.bin").path
            let model = FormatFixtures.convModel()
            try ModelFile.write(model, to: path)
            #expect(try ModelFile.read(path: path) == model)

            #expect(throws: ModelFormatError(file: "no/such/model.bin", "no such file")) {
                try ModelFile.read(path: "no/such/model.bin")
            }
            #expect(throws: ModelFormatError(file: directory.path, "is a directory, not a file")) {
                try ModelFile.read(path: directory.path)
            }
            do {
                try ModelFile.write(model, to: directory.appendingPathComponent("missing/model.bin").path)
                Issue.record("wrote into a missing directory")
            } catch {
                #expect(error.description.contains("missing/model.bin: cannot be written: its folder"), "\(error)")
            }
        }
    }
}
