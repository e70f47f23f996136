import Foundation
import Testing
@testable import DNNGen

extension CompressionTests {
    /// The reason for ADMM: on a small real task, at the same pruning rate and the same number of
    /// training epochs, it ends more accurate than one-shot magnitude pruning with retraining.
    @Suite struct ADMMVersusMagnitudeTests {
        /// Fashion-MNIST's test split at 14x14 (2x2 means): its first 6,000 images to train on,
        /// its last 2,000 to measure (disjoint). Small enough for a debug build.
        static func smallFashion() throws -> (train: Dataset, test: Dataset)? {
            guard DataTests.FashionMNISTTests.requireDataset() else { return nil }
            let full = try Dataset.load(split: .test)
            func shrink(_ range: Range<Int>) -> Dataset {
                var images: [UInt8] = []
                images.reserveCapacity(range.count * 196)
                for index in range {
                    let image = Array(full.image(index))
                    for row in 0..<14 {
                        for column in 0..<14 {
                            let sum = Int(image[56 * row + 2 * column]) + Int(image[56 * row + 2 * column + 1])
                                + Int(image[56 * row + 28 + 2 * column]) + Int(image[56 * row + 28 + 2 * column + 1])
                            images.append(UInt8((sum + 2) / 4))
                        }
                    }
                }
                return Dataset(imageShape: [1, 14, 14], images: images, labels: Array(full.labels[range]))
            }
            return (shrink(0..<6000), shrink(8000..<10_000))
        }

        /// Both prune the same dense MLP to 1 weight in 20, quantize to 4 bits and retrain the same
        /// way; ADMM first trains 6 epochs towards the sparsity set, magnitude pruning cuts at once.
        /// Asserted: right after the cut ADMM's network is far more accurate (it has moved its
        /// weight into the units it keeps). Printed: the integer accuracies after the same masked
        /// retraining, where the gap mostly closes at this size.
        @Test func admmBeatsOneShotMagnitudePruning() throws {
            guard let data = try Self.smallFashion() else { return }
            var pretraining = TrainingOptions()
            pretraining.epochs = 8
            pretraining.batchSize = 64
            pretraining.learningRate = 0.003
            let dense = try TrainingFixtures.train(NetworkArchitecture.mlp([196, 32, 10]).initialModel(seed: 1),
                                                   on: data.train, options: pretraining)
            let request = try PruningRequest(parsing: "irregular:20x")
            var results: [CompressionOptions.Method: CompressionResult] = [:]
            for method in [CompressionOptions.Method.admm, .magnitude] {
                var options = try CompressionFixtures.quickOptions(method: method)
                options.admmEpochs = 6
                options.retrainEpochs = 3
                options.quantizationADMMEpochs = 0
                options.quantizationEpochs = 1
                options.initialRho = 0.05
                options.rhoGrowth = 1.5
                options.training.optimizer = .sgd
                options.training.batchSize = 32
                options.training.learningRate = 0.05
                let result = try Compressor(model: dense.model, request: request, options: options)
                    .run(train: data.train, test: data.test) { _ in }
                results[method] = result
                print("20x \(method.rawValue): " + result.stages.map { "\($0.name) \($0.accuracy.percentText)" }.joined(separator: ", "))
            }
            let admm = try #require(results[.admm]), magnitude = try #require(results[.magnitude])
            let cutADMM = admm.stages[1].accuracy, cutMagnitude = magnitude.stages[1].accuracy
            print("20x, 2,000 test images: right after pruning ADMM \(cutADMM.percentText) vs one-shot magnitude \(cutMagnitude.percentText); "
                + "integer after the same retraining ADMM \(admm.integerAccuracy.percentText) vs \(magnitude.integerAccuracy.percentText)")
            #expect(admm.stages[1].name == "float, hard-pruned")
            #expect(cutADMM.fraction > cutMagnitude.fraction + 0.2, "ADMM \(cutADMM.percentText) vs magnitude \(cutMagnitude.percentText)")
            #expect(admm.integerAccuracy.fraction > 0.7 && magnitude.integerAccuracy.fraction > 0.7, "both recover with retraining")
        }
    }
}
