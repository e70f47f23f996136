import Testing
@testable import DNNGen

/// The parent of every Quantization suite (`swift test --filter QuantizationTests`).
@Suite("Quantization")
struct QuantizationTests {}

enum QuantizationFixtures {
    /// The toy CNN (seed 3) trained on the toy patterns, with its training and test images;
    /// trained once, on first use, for every test that needs it.
    static func trainedToyCNN() throws -> (model: FloatModel, train: Dataset, test: Dataset) {
        try trainedToy.get()
    }

    private static let trainedToy = Result<(model: FloatModel, train: Dataset, test: Dataset), any Error> {
        let train = TrainingFixtures.patterns(count: 800, seed: 11)
        let test = TrainingFixtures.patterns(count: 400, seed: 12)
        let trainer = try TrainingFixtures.train(TrainingFixtures.smallCNN(seed: 3), on: train,
                                                 options: TrainingFixtures.quickOptions())
        return (trainer.model, train, test)
    }

    /// The class the float model predicts for each image (raw pixel × input scale in).
    static func floatPredictions(_ model: FloatModel, _ data: Dataset) -> [Int] {
        (0..<data.count).map { index in
            TopOneAccuracy.argmax(model.infer(data.image(index).map { Float(Double($0) * model.inputScale) }))
        }
    }

    /// The class the bit-exact integer reference predicts for each image (raw pixels in).
    static func integerPredictions(_ model: Model, _ data: Dataset) -> [Int] {
        let reference = ReferenceModel(model)
        return (0..<data.count).map { index in TopOneAccuracy.argmax(reference.infer(data.image(index).map { Int($0) })) }
    }

    static func agreement(_ a: [Int], _ b: [Int]) -> Double {
        Double(zip(a, b).filter { $0 == $1 }.count) / Double(a.count)
    }
}
