import Testing
@testable import DNNGen

extension TrainingTests {
    @Suite struct TrainerTests {
        @Test func smallCNNLearnsToyPatternsInSeconds() throws {
            let train = TrainingFixtures.patterns(count: 800, seed: 11)
            let test = TrainingFixtures.patterns(count: 400, seed: 12)
            var trainer = try Trainer(model: TrainingFixtures.smallCNN(seed: 3), options: TrainingFixtures.quickOptions())
            var reports: [EpochReport] = []
            try trainer.train(on: train, test: test) { reports.append($0) }
            #expect(reports.count == 15)
            #expect(reports.last!.loss < reports.first!.loss)
            let accuracy = trainer.evaluate(on: test)
            #expect(accuracy.fraction >= 0.95, "toy CNN test accuracy \(accuracy.percentText)")
            // the float model file's own inference agrees
            let reference = try TopOneAccuracy.evaluate(trainer.model, on: test, file: "toy")
            #expect(abs(reference.correct - accuracy.correct) <= 2)
        }

        @Test func mlpLearnsToyPatternsWithSGD() throws {
            let train = TrainingFixtures.patterns(count: 800, seed: 21)
            let test = TrainingFixtures.patterns(count: 400, seed: 22)
            var model = NetworkArchitecture.mlp([64, 32, 4]).initialModel(seed: 5)
            model.inputShape = [64]
            var options = TrainingFixtures.quickOptions(epochs: 15)
            options.optimizer = .sgd
            options.learningRate = 0.05
            let trainer = try TrainingFixtures.train(model, on: train, options: options)
            let accuracy = trainer.evaluate(on: test)
            #expect(accuracy.fraction >= 0.9, "toy MLP test accuracy \(accuracy.percentText)")
        }

        @Test(arguments: [7, 8] as [UInt64])
        func sameSeedGivesTheSameWeightsBitForBit(seed: UInt64) throws {
            let data = TrainingFixtures.patterns(count: 300, seed: seed)
            var options = TrainingFixtures.quickOptions(epochs: 2, seed: seed)
            options.batchSize = 50
            let first = try TrainingFixtures.train(TrainingFixtures.smallCNN(seed: seed), on: data, options: options)
            let second = try TrainingFixtures.train(TrainingFixtures.smallCNN(seed: seed), on: data, options: options)
            #expect(first.parameters.map(\.bitPattern) == second.parameters.map(\.bitPattern), "seed \(seed)")
            options.seed = seed + 100
            let other = try TrainingFixtures.train(TrainingFixtures.smallCNN(seed: seed), on: data, options: options)
            #expect(first.parameters != other.parameters, "another batch order should give other weights")
        }

        @Test func architecturesBuildValidModelsWithHeInitialization() throws {
            let lenet = NetworkArchitecture.lenet5.initialModel(seed: 0)
            #expect(try lenet.outputShape() == [10])
            #expect(try TrainingNetwork(lenet).parameterCount == 6 * 25 + 6 + 16 * 150 + 16 + 120 * 256 + 120 + 84 * 120 + 84 + 10 * 84 + 10)
            #expect(lenet.inputScale == 1.0 / 255)
            let mlp = try NetworkArchitecture(parsing: "lenet300").initialModel(seed: 0)
            #expect(try mlp.outputShape() == [10])
            #expect(NetworkArchitecture.lenet5.initialModel(seed: 0) == lenet)
            #expect(NetworkArchitecture.lenet5.initialModel(seed: 1) != lenet)
            #expect(try NetworkArchitecture(parsing: "mlp:784-300-100-10") == .lenet300)
            #expect(try NetworkArchitecture(parsing: "mlp:10-3").name == "mlp-10-3")
        }

        @Test(arguments: ["lenet6", "mlp:", "mlp:784", "mlp:784--10", "mlp:784-x-10", "mlp:0-10"])
        func badArchitecturesAreRejected(text: String) {
            #expect(throws: TrainingError.self) { try NetworkArchitecture(parsing: text) }
        }

        @Test func imagesThatDoNotFitTheNetworkAreAUserError() throws {
            var trainer = try Trainer(model: NetworkArchitecture.lenet5.initialModel(seed: 0), options: TrainingOptions())
            let error = #expect(throws: TrainingError.self) {
                try trainer.train(on: TrainingFixtures.patterns(count: 8, seed: 1), test: nil) { _ in }
            }
            #expect(error?.message == "the network 'lenet5' takes 784 inputs, but the images are [1, 8, 8] (64 pixels)")
        }

        /// The trainer's batched im2col forward computes what `FloatModel.infer` computes.
        @Test func trainingForwardAgreesWithFloatInference() throws {
            let data = TrainingFixtures.patterns(count: 20, seed: 4)
            let model = NetworkArchitecture.lenet5.initialModel(seed: 9)
            var small = TrainingFixtures.smallCNN(seed: 4)
            for (index, value) in [0.1, -0.2, 0.3, 0.05].enumerated() {
                if case .conv2d(var conv) = small.layers[0].op {
                    conv.bias!.values[index] = Float(value)
                    small.layers[0].op = .conv2d(conv)
                }
            }
            for candidate in [small] {
                let network = try TrainingNetwork(candidate)
                let runner = DataParallelRunner(network: network, shardCount: 4, batchSize: 20)
                runner.forward(data: data, indices: Array(0..<20)[...], parameters: network.parameters)
                var logits: [[Float]] = []
                for shard in runner.shards where shard.samples > 0 {
                    let last = shard.activations[network.layers.count - 1]
                    for s in 0..<shard.samples {
                        logits.append(Array(UnsafeBufferPointer(start: last + s * network.outputCount, count: network.outputCount)))
                    }
                }
                for index in 0..<20 {
                    let expected = candidate.infer(data.image(index).map { Float(Double($0) / 255) })
                    for (a, b) in zip(logits[index], expected) {
                        #expect(abs(a - b) <= 1e-4 * Swift.max(1, abs(b)), "image \(index): \(logits[index]) vs \(expected)")
                    }
                }
            }
            #expect(try TrainingNetwork(model).model(parameters: TrainingNetwork(model).parameters) == model)
        }
    }
}

extension TrainingTests.TrainerTests {
    /// Quantization-aware training computes with exactly the weights `Quantizer` then writes.
    @Test func quantizationAwareTrainingSeesTheWeightsTheQuantizerWrites() throws {
        let train = TrainingFixtures.patterns(count: 800, seed: 31)
        let test = TrainingFixtures.patterns(count: 400, seed: 32)
        let quantizer = try WeightQuantizer(kind: .ternary, bits: 2, perChannel: true)
        var options = TrainingFixtures.quickOptions()
        options.fakeQuantization = quantizer
        let trainer = try TrainingFixtures.train(TrainingFixtures.smallCNN(seed: 3), on: train, options: options)
        var quantization = QuantizationOptions(weights: quantizer)
        quantization.calibrationImages = 400
        let result = try Quantizer.quantize(trainer.model, calibration: train, options: quantization)
        #expect(result.fakeQuantized == trainer.network.model(parameters: trainer.effectiveParameters))
        let accuracy = try TopOneAccuracy.evaluate(result.model, on: test, file: "toy")
        #expect(accuracy.fraction >= 0.8, "ternary integer accuracy \(accuracy.percentText)")
    }
}
