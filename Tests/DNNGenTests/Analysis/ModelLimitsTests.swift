import Testing
@testable import DNNGen

/// Limits are checked from shapes alone and name the dimension and the limit.
@Suite("Model limits")
struct ModelLimitsTests {
    static let limits = ModelLimits(purpose: "the test allows", maximumActivation: 100, maximumMACs: 1000, maximumLayers: 3)

    static func message(_ model: Model, _ limits: ModelLimits = limits) -> String? {
        do {
            try limits.check(model)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func modelsWithinTheLimitsPass() {
        #expect(Self.message(FormatFixtures.denseModel()) == nil)
        #expect(Self.message(FormatFixtures.convModel(), .hardware) == nil)
    }

    @Test func eachDimensionIsNamedWithItsLimit() {
        let fourLayers = ModelLimits(purpose: "the test allows", maximumActivation: 100, maximumMACs: 1000, maximumLayers: 4)
        #expect(Self.message(HostileInputTests.hugeMap(11, 10), fourLayers) == "input shape [1, 11, 10] holds 110 elements, more than the 100 a tensor may hold that the test allows")
        // fc1 [4, 8] takes 32 MACs, fc2 [3, 4] 12 more.
        let mlp = FormatFixtures.denseModel()
        #expect(Self.message(mlp, ModelLimits(purpose: "p", maximumActivation: 100, maximumMACs: 40, maximumLayers: 3))
                == "layer 'fc2': the layers up to here take 44 multiply-accumulates and comparisons per inference, more than the 40 p")
        #expect(Self.message(mlp, ModelLimits(purpose: "p", maximumActivation: 100, maximumMACs: 31, maximumLayers: 3))
                == "layer 'fc1': the layers up to here take 32 multiply-accumulates and comparisons per inference, more than the 31 p")
        let deep = Model(name: "d", inputShape: [2], inputType: ActivationType(bits: 2, signed: true),
                         layers: (0..<4).map { Layer(name: "l\($0)", op: FormatFixtures.sharedTensorModel().layers[3].op) })
        #expect(Self.message(deep) == "the model has 4 layers, more than the 3 the test allows")
    }

    @Test func aPoolCountsItsComparisonsAndAnOutputItsElements() {
        // 1x1 conv over 10x10 (100 MACs), pool 10x10 (100 comparisons), dense 2x1 (2 MACs).
        #expect(Self.message(HostileInputTests.hugeMap(10, 10), ModelLimits(purpose: "p", maximumActivation: 100, maximumMACs: 202, maximumLayers: 9)) == nil)
        #expect(Self.message(HostileInputTests.hugeMap(10, 10), ModelLimits(purpose: "p", maximumActivation: 100, maximumMACs: 199, maximumLayers: 9))
                == "layer 'pool': the layers up to here take 200 multiply-accumulates and comparisons per inference, more than the 199 p")
    }

    @Test func hugeShapesSaturateInsteadOfOverflowing() {
        let model = HostileInputTests.hugeMap(65536, 65536)
        #expect(Self.message(model, .hardware)?.contains("4294967296 elements, more than the 1048576") == true)
        #expect(Self.message(model, ModelLimits(purpose: "p", maximumActivation: Int.max, maximumMACs: Int.max - 1, maximumLayers: 9)) == nil)
    }
}
