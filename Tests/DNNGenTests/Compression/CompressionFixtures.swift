import Foundation
@testable import DNNGen

enum CompressionFixtures {
    /// The toy CNN (conv 4@3x3, pool, dense 4) trained on the toy patterns.
    static func trainedCNN() throws -> FloatModel {
        let data = TrainingFixtures.patterns(count: 400, seed: 5)
        return try TrainingFixtures.train(TrainingFixtures.smallCNN(seed: 2), on: data,
                                          options: TrainingFixtures.quickOptions(epochs: 10)).model
    }

    /// conv 6@3x3, pool, conv 8@3x3 (padding 1), flatten, dense 12, dense 4: every kind of
    /// producer/consumer pair dead-unit propagation handles.
    static func deeperCNN(seed: UInt64) -> FloatModel {
        var generator = SplitMix64(seed: seed)
        func tensor(_ name: String, _ shape: [Int]) -> FloatTensor {
            let fanIn = shape.dropFirst().reduce(1, *)
            return FloatTensor(name: name, shape: shape, values: (0..<shape.reduce(1, *)).map { _ in
                Float(generator.nextGaussian() * (2.0 / Double(fanIn)).squareRoot())
            })
        }
        func zeros(_ name: String, _ count: Int) -> FloatTensor {
            FloatTensor(name: name, shape: [count], values: [Float](repeating: 0.01, count: count))
        }
        return FloatModel(name: "deeper", inputShape: [1, 8, 8], inputScale: 1.0 / 255, layers: [
            FloatLayer(name: "conv1", op: .conv2d(FloatConv2DLayer(weight: tensor("conv1.weight", [6, 1, 3, 3]),
                                                                   bias: zeros("conv1.bias", 6), relu: true))),
            FloatLayer(name: "pool1", op: .maxpool2d(MaxPool2DLayer(kernel: [2, 2], stride: [2, 2]))),
            FloatLayer(name: "conv2", op: .conv2d(FloatConv2DLayer(weight: tensor("conv2.weight", [8, 6, 3, 3]),
                                                                   bias: zeros("conv2.bias", 8), padding: [1, 1], relu: true))),
            FloatLayer(name: "flat", op: .flatten),
            FloatLayer(name: "fc1", op: .dense(FloatDenseLayer(weight: tensor("fc1.weight", [12, 72]),
                                                               bias: zeros("fc1.bias", 12), relu: true))),
            FloatLayer(name: "fc2", op: .dense(FloatDenseLayer(weight: tensor("fc2.weight", [4, 12]),
                                                               bias: zeros("fc2.bias", 4), relu: false))),
        ])
    }

    /// Fast options: few epochs of each phase, int4 per-channel weights.
    static func quickOptions(method: CompressionOptions.Method = .admm) throws -> CompressionOptions {
        var options = CompressionOptions(quantization: QuantizationOptions(
            weights: try WeightQuantizer(kind: .int, bits: 4, perChannel: true)))
        options.method = method
        options.admmEpochs = 3
        options.retrainEpochs = 2
        options.quantizationADMMEpochs = 1
        options.quantizationEpochs = 2
        options.training.batchSize = 32
        options.training.learningRate = 0.01
        options.initialRho = 0.05
        options.quantization.calibrationImages = 200
        return options
    }
}
