import Foundation

/// Mini-batch training of a float model for classification (softmax cross-entropy).
///
/// Each epoch visits the training images in an order drawn from `options.seed`; each batch is
/// split into `options.shardCount` shards run in parallel (`DataParallelRunner`), their
/// gradients summed in shard order. So the same model, data and options give the same weights,
/// bit for bit, on any number of cores.
public struct Trainer {
    public let network: TrainingNetwork
    public let options: TrainingOptions
    /// The current weights and biases (flat layout of `network`).
    public private(set) var parameters: [Float]
    private var optimizer: any Optimizer
    private var generator: SplitMix64
    private let runner: DataParallelRunner
    private let weightGroups: [(range: Range<Int>, rows: Int, layer: String)]
    /// Steps taken so far, and how many the whole run takes (for the schedule).
    private var stepsTaken = 0
    /// Epochs trained so far (by `train` or `trainEpoch`).
    public private(set) var epochsTaken = 0
    /// Fixed zeros (masked retraining): where `mask[i] == 0`, parameter `i` is held at 0 and its
    /// gradient ignored. Flat layout; nil trains every parameter.
    public private(set) var mask: [Float]?
    /// ADMM's pull towards a target: adds `ρ (w − target)` to every weight's gradient, the
    /// gradient of `ρ/2 ‖w − target‖²`. nil adds nothing.
    public var proximalTerm: ProximalTerm?

    /// Batches of this many images at most are run at once when only inferring.
    static let inferenceBatch = 512

    /// Prepares to train `model` (its current weights are the starting point).
    ///
    /// - Throws: `TrainingError` if the model is not valid or the options are out of range.
    public init(model: FloatModel, options: TrainingOptions) throws(TrainingError) {
        do {
            network = try TrainingNetwork(model)
        } catch {
            throw TrainingError("model '\(model.name)': layer '\(error.layer ?? "-")': \(error.message)")
        }
        guard options.epochs >= 0, options.batchSize >= 1, options.shardCount >= 1 else {
            throw TrainingError("epochs must be at least 0, the batch size and shard count at least 1")
        }
        guard options.peakLearningRate > 0, options.peakLearningRate.isFinite else {
            throw TrainingError("the learning rate must be a positive number, not \(options.peakLearningRate)")
        }
        self.options = options
        parameters = network.parameters
        switch options.optimizer {
        case .adam: optimizer = AdamOptimizer(parameterCount: network.parameterCount)
        case .sgd: optimizer = MomentumSGD(parameterCount: network.parameterCount, momentum: Float(options.momentum))
        }
        generator = SplitMix64(seed: options.seed ^ 0x5452_4149_4E5F_5345)  // "TRAIN_SE"
        runner = DataParallelRunner(network: network, shardCount: options.shardCount,
                                    batchSize: Swift.max(options.batchSize, Self.inferenceBatch))
        weightGroups = network.weightGroups
    }

    /// The model with the current weights (float, not fake-quantized).
    public var model: FloatModel { network.model(parameters: parameters) }

    /// The weights the forward pass uses: the parameters, fake-quantized if the options say so.
    public var effectiveParameters: [Float] {
        guard let quantizer = options.fakeQuantization else { return parameters }
        var values = parameters
        values.withUnsafeMutableBufferPointer { buffer in
            for group in weightGroups {
                quantizer.fakeQuantize(UnsafeMutableBufferPointer(rebasing: buffer[group.range]), rows: group.rows)
            }
        }
        return values
    }

    /// Trains for `options.epochs` epochs, calling `progress` after each.
    ///
    /// - Parameters:
    ///   - test: images to measure after every epoch (with the effective weights), or nil.
    /// - Throws: `TrainingError` if the images do not fit the network's input or its outputs.
    public mutating func train(on data: Dataset, test: Dataset?, progress: (EpochReport) -> Void) throws(TrainingError) {
        while epochsTaken < options.epochs {
            progress(try trainEpoch(on: data, test: test))
        }
    }

    /// Trains one more epoch (of `options.epochs`, which the learning-rate schedule spans).
    ///
    /// Between epochs a caller may change `proximalTerm` or the mask: ADMM does both.
    /// - Throws: `TrainingError` if the images do not fit the network, there are none, or all
    ///   `options.epochs` epochs are done.
    public mutating func trainEpoch(on data: Dataset, test: Dataset?) throws(TrainingError) -> EpochReport {
        try check(data)
        if let test { try check(test) }
        guard data.count > 0 else { throw TrainingError("there are no training images") }
        guard epochsTaken < options.epochs else { throw TrainingError("all \(options.epochs) epochs are trained") }
        let batchesPerEpoch = (data.count + options.batchSize - 1) / options.batchSize
        let totalSteps = batchesPerEpoch * options.epochs
        var gradient = [Float](repeating: 0, count: network.parameterCount)
        let started = Date()
        let order = shuffledIndices(data.count)
        var loss: Double = 0
        var correct = 0
        var start = 0
        while start < order.count {
            let batch = order[start..<Swift.min(order.count, start + options.batchSize)]
            let result = runner.step(data: data, indices: batch, parameters: effectiveParameters, gradient: &gradient)
            loss += result.loss
            correct += result.correct
            applyWeightDecay(&gradient)
            applyProximalTerm(&gradient)
            optimizer.update(&parameters, gradient: gradient, learningRate: learningRate(step: stepsTaken, of: totalSteps))
            applyMask()
            stepsTaken += 1
            start = batch.endIndex
        }
        epochsTaken += 1
        let seconds = Date().timeIntervalSince(started)
        return EpochReport(epoch: epochsTaken, epochs: options.epochs, loss: loss / Double(data.count),
                           trainAccuracy: TopOneAccuracy(correct: correct, total: data.count),
                           testAccuracy: test.map { evaluate(on: $0) }, seconds: seconds)
    }

    /// Fixes the zeros of `mask` (flat layout, 1 keeps a parameter, 0 holds it at 0) and zeroes
    /// those parameters now; nil lifts the mask.
    ///
    /// - Precondition: `mask` has `network.parameterCount` entries.
    public mutating func setMask(_ mask: [Float]?) {
        precondition(mask == nil || mask?.count == network.parameterCount, "mask size")
        self.mask = mask
        applyMask()
    }

    /// Replaces the parameters (flat layout), e.g. with a pruned copy.
    ///
    /// - Precondition: `values` has `network.parameterCount` entries.
    public mutating func setParameters(_ values: [Float]) {
        precondition(values.count == network.parameterCount, "parameter count")
        parameters = values
        applyMask()
    }

    /// Top-1 accuracy of the effective weights on `data` (fast, batched, in parallel).
    ///
    /// - Precondition: the images fit the network (as `train` checks).
    public func evaluate(on data: Dataset) -> TopOneAccuracy {
        evaluate(on: data, parameters: effectiveParameters)
    }

    /// Top-1 accuracy of the network with `weights` (flat layout) in place of its own.
    ///
    /// - Precondition: the images fit the network; `weights` has `network.parameterCount` values.
    public func evaluate(on data: Dataset, parameters weights: [Float]) -> TopOneAccuracy {
        precondition(weights.count == network.parameterCount, "parameter count")
        var correct = 0
        var start = 0
        let indices = Array(0..<data.count)
        while start < data.count {
            let batch = indices[start..<Swift.min(data.count, start + runner.batchCapacity)]
            correct += runner.forward(data: data, indices: batch, parameters: weights).correct
            start = batch.endIndex
        }
        return TopOneAccuracy(correct: correct, total: data.count)
    }

    private func check(_ data: Dataset) throws(TrainingError) {
        guard data.imageSize == network.inputCount else {
            throw TrainingError("the network '\(network.template.name)' takes \(network.inputCount) inputs, but the images are \(data.imageShape) (\(data.imageSize) pixels)")
        }
        if let largest = data.labels.max(), Int(largest) >= network.outputCount {
            throw TrainingError("the network '\(network.template.name)' has \(network.outputCount) outputs, but the data set has label \(largest) (one output per class expected)")
        }
    }

    /// A permutation of `0..<count` (Fisher–Yates, drawn from the trainer's generator).
    private mutating func shuffledIndices(_ count: Int) -> [Int] {
        var order = Array(0..<count)
        for i in stride(from: count - 1, to: 0, by: -1) {
            order.swapAt(i, generator.nextIndex(below: i + 1))
        }
        return order
    }

    private func learningRate(step: Int, of total: Int) -> Float {
        let peak = options.peakLearningRate
        guard options.cosineSchedule, total > 0 else { return Float(peak) }
        return Float(peak * 0.5 * (1 + Foundation.cos(Double.pi * Double(step) / Double(total))))
    }

    private func applyProximalTerm(_ gradient: inout [Float]) {
        guard let term = proximalTerm else { return }
        let rho = term.rho
        for group in weightGroups {
            for index in group.range { gradient[index] += rho * (parameters[index] - term.target[index]) }
        }
    }

    private mutating func applyMask() {
        guard let mask else { return }
        for index in parameters.indices { parameters[index] *= mask[index] }
    }

    private func applyWeightDecay(_ gradient: inout [Float]) {
        let decay = Float(options.weightDecay)
        guard decay != 0 else { return }
        for group in weightGroups {
            for index in group.range { gradient[index] += decay * parameters[index] }
        }
    }
}
