import Foundation
import Testing
@testable import DNNGen

/// The parent of every Training suite, so that `swift test --filter TrainingTests` selects them all.
@Suite("Training")
struct TrainingTests {}

/// Toy data sets and small networks, generated from seeds, that train in a second or two.
enum TrainingFixtures {
    /// `count` 8x8 images of four classes on a noisy background (pixels 0...60): a bright
    /// (160...255) horizontal bar (class 0), vertical bar (1), diagonal (2) or anti-diagonal (3)
    /// at a random offset. Labels cycle 0, 1, 2, 3 with the offsets drawn from `seed`.
    static func patterns(count: Int, seed: UInt64) -> Dataset {
        var generator = SplitMix64(seed: seed)
        var images: [UInt8] = []
        var labels: [UInt8] = []
        for index in 0..<count {
            var image = (0..<64).map { _ in UInt8(generator.next() % 61) }
            let label = index % 4
            let offset = Int(generator.next() % 8)
            let diagonalOffset = Int(generator.next() % 7) - 3
            for i in 0..<8 {
                let bright = UInt8(160 + generator.next() % 96)
                let (row, column): (Int, Int)
                switch label {
                case 0: (row, column) = (offset, i)
                case 1: (row, column) = (i, offset)
                case 2: (row, column) = (i, i + diagonalOffset)
                default: (row, column) = (i, 7 - i + diagonalOffset)
                }
                if column >= 0 && column < 8 { image[row * 8 + column] = bright }
            }
            images += image
            labels.append(UInt8(label))
        }
        return Dataset(imageShape: [1, 8, 8], images: images, labels: labels)
    }

    /// conv 4@3x3 + ReLU, max 2x2, flatten, dense 4: a LeNet in miniature for 8x8 images.
    static func smallCNN(seed: UInt64) -> FloatModel {
        var generator = SplitMix64(seed: seed)
        func tensor(_ name: String, _ shape: [Int], deviation: Double) -> FloatTensor {
            FloatTensor(name: name, shape: shape,
                        values: (0..<shape.reduce(1, *)).map { _ in Float(generator.nextGaussian() * deviation) })
        }
        return FloatModel(name: "toy-cnn", inputShape: [1, 8, 8], inputScale: 1.0 / 255, layers: [
            FloatLayer(name: "conv1", op: .conv2d(FloatConv2DLayer(
                weight: tensor("conv1.weight", [4, 1, 3, 3], deviation: 0.47),
                bias: FloatTensor(name: "conv1.bias", shape: [4], values: [0, 0, 0, 0]), relu: true))),
            FloatLayer(name: "pool1", op: .maxpool2d(MaxPool2DLayer(kernel: [2, 2], stride: [2, 2]))),
            FloatLayer(name: "flat", op: .flatten),
            FloatLayer(name: "fc1", op: .dense(FloatDenseLayer(
                weight: tensor("fc1.weight", [4, 36], deviation: 0.24),
                bias: FloatTensor(name: "fc1.bias", shape: [4], values: [0, 0, 0, 0]), relu: false))),
        ])
    }

    /// Options that train the toy networks in well under a second.
    static func quickOptions(epochs: Int = 15, seed: UInt64 = 1) -> TrainingOptions {
        var options = TrainingOptions()
        options.epochs = epochs
        options.batchSize = 32
        options.learningRate = 0.02
        options.seed = seed
        return options
    }

    /// Trains `model` on `data` with `options` and returns the trainer.
    static func train(_ model: FloatModel, on data: Dataset, options: TrainingOptions) throws -> Trainer {
        var trainer = try Trainer(model: model, options: options)
        try trainer.train(on: data, test: nil) { _ in }
        return trainer
    }
}
