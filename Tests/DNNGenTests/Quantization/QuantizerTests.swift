import Testing
@testable import DNNGen

extension QuantizationTests {
    @Suite struct QuantizerTests {
        /// 8-bit weights and activations: the integer model classifies like the float model.
        @Test(arguments: [false, true])
        func eightBitIntegerModelAgreesWithTheFloatModel(perChannel: Bool) throws {
            let (model, train, test) = try QuantizationFixtures.trainedToyCNN()
            var options = QuantizationOptions(weights: try WeightQuantizer(kind: .int, bits: 8, perChannel: perChannel))
            options.calibrationImages = 400
            let result = try Quantizer.quantize(model, calibration: train, options: options)
            let floatClasses = QuantizationFixtures.floatPredictions(model, test)
            let integerClasses = QuantizationFixtures.integerPredictions(result.model, test)
            let agreement = QuantizationFixtures.agreement(floatClasses, integerClasses)
            #expect(agreement >= 0.97, "per-channel \(perChannel): integer and float agree on \(agreement)")
            let accuracy = try TopOneAccuracy.evaluate(result.model, on: test, file: "toy")
            #expect(accuracy.fraction >= 0.95, "integer accuracy \(accuracy.percentText)")
        }

        /// Low-bit weights: the integer model follows the float model with those weights, since
        /// the only difference left is activation rounding.
        @Test(arguments: [(WeightKind.int, 4), (.int, 2), (.ternary, 2), (.binary, 1), (.pow2, 3)])
        func integerModelFollowsTheFakeQuantizedFloatModel(kind: WeightKind, bits: Int) throws {
            let (model, train, test) = try QuantizationFixtures.trainedToyCNN()
            var options = QuantizationOptions(weights: try WeightQuantizer(kind: kind, bits: bits, perChannel: true))
            options.calibrationImages = 400
            let result = try Quantizer.quantize(model, calibration: train, options: options)
            let agreement = QuantizationFixtures.agreement(QuantizationFixtures.floatPredictions(result.fakeQuantized, test),
                                                           QuantizationFixtures.integerPredictions(result.model, test))
            #expect(agreement >= 0.95, "\(kind)\(bits): integer and fake-quantized float agree on \(agreement)")
        }

        @Test func quantizedModelHasTheSpecifiedTypesAndRoundTrips() throws {
            let (model, train, _) = try QuantizationFixtures.trainedToyCNN()
            var options = QuantizationOptions(weights: try WeightQuantizer(kind: .int, bits: 4, perChannel: true))
            options.activationBits = 6
            options.outputBits = 12
            let result = try Quantizer.quantize(model, calibration: train, options: options)
            let integer = result.model
            #expect(integer.inputType == ActivationType(bits: 8, signed: false))
            #expect(integer.inputShape == [1, 8, 8])
            #expect(integer.layers.map(\.op.opName) == ["conv2d", "maxpool2d", "flatten", "dense"])
            guard case .conv2d(let conv) = integer.layers[0].op, case .dense(let dense) = integer.layers[3].op else {
                Issue.record("unexpected ops")
                return
            }
            #expect(conv.output == ActivationType(bits: 6, signed: false))
            #expect(dense.output == ActivationType(bits: 12, signed: true))
            #expect(conv.weightBits == 4 && conv.weightKind == .int && conv.weight.dtype == "I8")
            #expect(conv.bias?.dtype == "I32")
            #expect(conv.requant.multiplier.isPerChannel && conv.requant.shift.isPerChannel)
            #expect(try ModelFile.decode(ModelFile.encode(integer), file: "toy.bin") == integer)
            // the hardware backend takes it
            _ = try HardwarePlan(model: integer)
            // per-layer scales give per-layer requantization
            options.weights = try WeightQuantizer(kind: .int, bits: 4, perChannel: false)
            let perLayer = try Quantizer.quantize(model, calibration: train, options: options).model
            guard case .dense(let denseLayer) = perLayer.layers[3].op else { return }
            #expect(!denseLayer.requant.multiplier.isPerChannel && !denseLayer.requant.shift.isPerChannel)
        }

        @Test func calibrationPercentileNarrowsHiddenRangesOnly() throws {
            let (model, train, _) = try QuantizationFixtures.trainedToyCNN()
            var options = QuantizationOptions(weights: try WeightQuantizer(kind: .int, bits: 8, perChannel: true))
            let maximum = try Quantizer.quantize(model, calibration: train, options: options).layers
            options.percentile = 99
            let clipped = try Quantizer.quantize(model, calibration: train, options: options).layers
            #expect(clipped[0].outputRange < maximum[0].outputRange)
            #expect(clipped[1].outputRange == maximum[1].outputRange)  // the logits keep their maximum
        }

        @Test func firstLayerFoldsTheInputScale() throws {
            let (model, train, _) = try QuantizationFixtures.trainedToyCNN()
            let options = QuantizationOptions(weights: try WeightQuantizer(kind: .int, bits: 8, perChannel: false))
            let layers = try Quantizer.quantize(model, calibration: train, options: options).layers
            #expect(layers[0].inputScale == 1.0 / 255)
            #expect(layers[1].inputScale == layers[0].outputScale)
            #expect(layers[0].outputScale == layers[0].outputRange / 255)
            #expect(layers[1].outputScale == layers[1].outputRange / 16384)
        }

        @Test func imagesThatDoNotFitAreAnError() throws {
            let model = NetworkArchitecture.lenet5.initialModel(seed: 0)
            let options = QuantizationOptions(weights: try WeightQuantizer(kind: .int, bits: 8, perChannel: false))
            let error = #expect(throws: QuantizationError.self) {
                try Quantizer.quantize(model, calibration: TrainingFixtures.patterns(count: 4, seed: 1), options: options)
            }
            #expect(error?.description == "the model takes 784 inputs, but the calibration images are [1, 8, 8] (64 pixels)")
        }
    }
}
