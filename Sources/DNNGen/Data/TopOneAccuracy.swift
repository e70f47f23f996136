/// How many of a data set's images a classifier labels right: the class is the index of the
/// largest output (the first one on a tie).
public struct TopOneAccuracy: Equatable, Sendable {
    public var correct: Int
    public var total: Int

    public init(correct: Int, total: Int) {
        self.correct = correct
        self.total = total
    }

    /// `correct / total`, 0 for no images.
    public var fraction: Double { total == 0 ? 0 : Double(correct) / Double(total) }

    /// The percentage with two decimals, rounded half up on the exact ratio: `88.65%`.
    public var percentText: String {
        guard total > 0 else { return "-" }
        let hundredths = (correct * 20_000 + total) / (2 * total)  // round(10^4 · correct / total)
        let fractionDigits = String(hundredths % 100)
        return "\(hundredths / 100).\(fractionDigits.count == 1 ? "0" : "")\(fractionDigits)%"
    }

    /// The index of the first largest value; 0 for an empty array.
    static func argmax<Value: Comparable>(_ values: [Value]) -> Int {
        var best = 0
        for index in values.indices.dropFirst() where values[index] > values[best] { best = index }
        return best
    }
}

extension TopOneAccuracy {
    /// Images a progress callback covers at a time, and `inferBatch` spreads over the cores.
    public static let batchSize = 1000

    /// The accuracy of the bit-exact integer reference of `model` on `data`.
    ///
    /// Each image's raw pixels (0...255) are the model's input, in C order, whatever the input
    /// shape (`[1, 28, 28]` or `[784]`) as long as it holds as many values.
    ///
    /// - Parameters:
    ///   - file: the model's name for errors.
    ///   - progress: called after every `batchSize` images with the accuracy so far.
    /// - Throws: `ModelFormatError` naming `file` if the model cannot take the images (input size
    ///   or type) or has fewer outputs than the data has classes.
    public static func evaluate(_ model: Model, on data: Dataset, file: String,
                                progress: (TopOneAccuracy) -> Void = { _ in }) throws(ModelFormatError) -> TopOneAccuracy
    {
        let reference: ReferenceModel
        do {
            reference = try ReferenceModel(checking: model)
        } catch {
            throw error.inFile(file)
        }
        try checkInput(count: reference.inputCount, shape: model.inputShape, data: data, file: file)
        guard model.inputType.contains(0), model.inputType.contains(255) else {
            throw ModelFormatError(file: file, "input type \(model.inputType.shortName) cannot hold raw 8-bit pixels 0...255 (use an unsigned input of 8 or more bits)")
        }
        try checkOutput(count: reference.output.count, data: data, file: file)
        return run(data, progress: progress) { range in
            reference.inferBatch(range.map { index in data.image(index).map { Int($0) } }).map { argmax($0) }
        }
    }

    /// The accuracy of the float model on `data`: each input is raw pixel × `inputScale`.
    ///
    /// - Throws: `ModelFormatError` naming `file` if the model cannot take the images or has
    ///   fewer outputs than the data has classes.
    public static func evaluate(_ model: FloatModel, on data: Dataset, file: String,
                                progress: (TopOneAccuracy) -> Void = { _ in }) throws(ModelFormatError) -> TopOneAccuracy
    {
        let outputShape: [Int]
        do {
            outputShape = try model.outputShape()
        } catch {
            throw error.inFile(file)
        }
        try checkInput(count: model.inputCount, shape: model.inputShape, data: data, file: file)
        try checkOutput(count: outputShape.reduce(1, *), data: data, file: file)
        let scale = model.inputScale
        return run(data, progress: progress) { range in
            model.inferBatch(range.map { index in data.image(index).map { Float(Double($0) * scale) } }).map { argmax($0) }
        }
    }

    /// Classifies `data` a batch at a time with `predict` (class per image of the range).
    private static func run(_ data: Dataset, progress: (TopOneAccuracy) -> Void,
                            predict: (Range<Int>) -> [Int]) -> TopOneAccuracy {
        var accuracy = TopOneAccuracy(correct: 0, total: 0)
        var start = 0
        while start < data.count {
            let range = start..<Swift.min(data.count, start + batchSize)
            for (index, predicted) in zip(range, predict(range)) where predicted == Int(data.labels[index]) {
                accuracy.correct += 1
            }
            accuracy.total += range.count
            progress(accuracy)
            start = range.upperBound
        }
        return accuracy
    }

    private static func checkInput(count: Int, shape: [Int], data: Dataset, file: String) throws(ModelFormatError) {
        guard count == data.imageSize else {
            throw ModelFormatError(file: file, "input shape \(shape) holds \(count) values, but the data set's images are \(data.imageShape) (\(data.imageSize) pixels)")
        }
    }

    private static func checkOutput(count: Int, data: Dataset, file: String) throws(ModelFormatError) {
        guard let largest = data.labels.max() else { return }
        guard Int(largest) < count else {
            throw ModelFormatError(file: file, "output has \(count) values, but the data set has label \(largest) (one output per class expected)")
        }
    }
}
