import Foundation

/// ADMM-NN-S in dnngen: prunes and quantizes a float model into model.bin.
///
/// 1. ADMM pruning (`admmEpochs`): minimize `loss(W) + ρ/2 ‖W − Z + U‖²` by training (the
///    W-step), then `Z = Π_S(W + U)` (the Euclidean projection onto the sparsity set S: at most
///    k units per layer) and `U += W − Z`; ρ grows every epoch, pulling W into S.
/// 2. Hard pruning: the mask keeps the units `Π_S(W)` keeps; `DeadUnitPropagation` removes
///    what that leaves without purpose. Masked retraining (`retrainEpochs`).
/// 3. ADMM quantization (`quantizationADMMEpochs`): the same iteration with `Π_Q`, the
///    projection onto the quantization levels (the quantizer's least-squares scales), mask fixed.
/// 4. Masked quantization-aware retraining (`quantizationEpochs`), then `Quantizer` writes the
///    integer model, its levels exactly the ones the retraining saw.
///
/// With `method = .magnitude`, step 1 is skipped: one-shot magnitude pruning of the starting
/// weights, then the same retraining and quantization (the baseline).
public struct Compressor {
    public let model: FloatModel
    public let request: PruningRequest
    public let options: CompressionOptions
    let network: TrainingNetwork
    let layers: [PrunableLayer]
    let projections: [SparsityProjection]

    /// - Throws: `CompressionError` if the model cannot be trained, a rate names no layer or an
    ///   exempt one, or the weight kind has no zero (binary).
    public init(model: FloatModel, request: PruningRequest, options: CompressionOptions) throws(CompressionError) {
        do {
            network = try TrainingNetwork(model)
        } catch {
            throw CompressionError("layer '\(error.layer ?? "-")': \(error.message)")
        }
        guard options.quantization.weights.kind != .binary else {
            throw CompressionError("binary weights (-1/+1) have no zero, so they cannot be pruned; use int, ternary or pow2")
        }
        guard options.initialRho > 0, options.initialRho.isFinite, options.rhoGrowth >= 1, options.rhoGrowth.isFinite else {
            throw CompressionError("rho must start above 0 and grow by a factor of at least 1")
        }
        self.model = model
        self.request = request
        self.options = options
        layers = PrunableLayer.layers(of: network)
        guard !layers.isEmpty else { throw CompressionError("the model has no dense or conv2d layer to prune") }
        let firstIsConv: Bool
        if case .conv2d = model.layers[layers[0].modelIndex].op { firstIsConv = true } else { firstIsConv = false }
        let kept = try LayerBudgets.unitsKept(layers: layers, request: request, firstIsConv: firstIsConv)
        projections = zip(layers, kept).map { SparsityProjection(layer: $0, kind: request.kind, keep: $1) }
    }

    /// Units kept per layer (by name, in layer order), as the budgets set them.
    public var budgets: [(layer: String, kept: Int, units: Int)] {
        projections.map { ($0.layer.name, $0.keep, $0.layer.unitCount(request.kind)) }
    }

    /// Runs every phase.
    ///
    /// - Parameters:
    ///   - train: training images (also the quantizer's calibration images).
    ///   - test: images measured after every epoch.
    /// - Throws: `CompressionError` if the images do not fit the model or quantization fails.
    public func run(train: Dataset, test: Dataset, progress: (CompressionEpoch) -> Void) throws(CompressionError) -> CompressionResult {
        let started = Date()
        var parameters = network.parameters
        var stages: [CompressionResult.Stage] = []
        let start = try trainer(epochs: 0, parameters: parameters, mask: nil, fakeQuantization: nil)
        stages.append(.init(name: "float, unpruned", accuracy: start.evaluate(on: test)))

        // 1. ADMM towards the sparsity set (or nothing, for the baseline)
        if options.method == .admm && options.admmEpochs > 0 {
            parameters = try admm(phase: .admmPruning, epochs: options.admmEpochs, parameters: parameters,
                                         mask: nil, train: train, test: test, progress: progress,
                                         project: projectOntoSparsitySet)
        }

        // 2. hard pruning and masked retraining
        var mask = [Float](repeating: 1, count: network.parameterCount)
        for projection in projections { projection.restrict(&mask, by: parameters) }
        DeadUnitPropagation.apply(to: &mask, layers: layers)
        for index in parameters.indices { parameters[index] *= mask[index] }
        stages.append(.init(name: "float, hard-pruned", accuracy: start.evaluate(on: test, parameters: parameters)))
        parameters = try retrain(phase: .retraining, epochs: options.retrainEpochs, parameters: parameters, mask: mask,
                                 fakeQuantization: nil, train: train, test: test, progress: progress)
        stages.append(.init(name: "float, pruned and retrained", accuracy: start.evaluate(on: test, parameters: parameters)))

        // 3. ADMM towards the quantization levels, 4. masked quantization-aware retraining
        let quantizer = options.quantization.weights
        if options.quantizationADMMEpochs > 0 {
            parameters = try admm(phase: .admmQuantization, epochs: options.quantizationADMMEpochs,
                                  parameters: parameters, mask: mask, train: train, test: test,
                                       progress: progress) { values in projectOntoLevels(values, quantizer: quantizer, mask: mask) }
        }
        parameters = try retrain(phase: .quantizationAware, epochs: options.quantizationEpochs, parameters: parameters,
                                 mask: mask, fakeQuantization: quantizer, train: train, test: test, progress: progress)
        let pruned = network.model(parameters: parameters)

        let quantized: Quantizer.Result
        do {
            quantized = try Quantizer.quantize(pruned, calibration: train, options: options.quantization)
        } catch {
            throw CompressionError("quantizing the pruned model: " + (error.layer.map { "layer '\($0)': " } ?? "") + error.message)
        }
        let integerAccuracy: TopOneAccuracy
        do {
            integerAccuracy = try TopOneAccuracy.evaluate(quantized.model, on: test, file: model.name)
        } catch {
            throw CompressionError(error.message)
        }
        stages.append(.init(name: "integer (model.bin)", accuracy: integerAccuracy))
        return CompressionResult(model: quantized.model, prunedFloatModel: pruned, quantization: quantized.layers,
                                 stages: stages, seconds: Date().timeIntervalSince(started))
    }

    // MARK: - phases

    private func trainer(epochs: Int, parameters: [Float], mask: [Float]?, fakeQuantization: WeightQuantizer?,
                         learningRateScale: Double = 1) throws(CompressionError) -> Trainer {
        var settings = options.training
        settings.epochs = epochs
        settings.fakeQuantization = fakeQuantization
        settings.learningRate = options.peakLearningRate * learningRateScale
        do {
            var trainer = try Trainer(model: network.model(parameters: parameters), options: settings)
            trainer.setMask(mask)
            return trainer
        } catch {
            throw CompressionError(error.message)
        }
    }

    /// ADMM from `options.initialRho`: each epoch one W-step (training with the pull towards
    /// Z − U), then the Z- and U-updates. Returns W.
    private func admm(phase: CompressionPhase, epochs: Int, parameters: [Float], mask: [Float]?,
                      train: Dataset, test: Dataset, progress: (CompressionEpoch) -> Void,
                      project: ([Float]) -> [Float]) throws(CompressionError) -> [Float] {
        var trainer = try trainer(epochs: epochs, parameters: parameters, mask: mask, fakeQuantization: nil)
        var z = project(parameters)
        var u = [Float](repeating: 0, count: parameters.count)
        var rho = options.initialRho
        for _ in 0..<epochs {
            trainer.proximalTerm = ProximalTerm(target: zip(z, u).map { $0 - $1 }, rho: Float(rho))
            let report = try epoch(&trainer, train: train, test: test)
            let w = trainer.parameters
            z = project(zip(w, u).map { $0 + $1 })
            for index in u.indices { u[index] += w[index] - z[index] }
            progress(CompressionEpoch(phase: phase, report: report,
                                      projectedAccuracy: trainer.evaluate(on: test, parameters: project(w)),
                                      sparsity: sparsity(z), residual: residual(w, z), rho: rho))
            rho *= options.rhoGrowth
        }
        return trainer.parameters
    }

    private func retrain(phase: CompressionPhase, epochs: Int, parameters: [Float], mask: [Float],
                         fakeQuantization: WeightQuantizer?, train: Dataset, test: Dataset,
                         progress: (CompressionEpoch) -> Void) throws(CompressionError) -> [Float] {
        var trainer = try trainer(epochs: epochs, parameters: parameters, mask: mask, fakeQuantization: fakeQuantization,
                                  learningRateScale: fakeQuantization == nil ? 1 : Self.quantizationAwareRate)
        for _ in 0..<epochs {
            let report = try epoch(&trainer, train: train, test: test)
            progress(CompressionEpoch(phase: phase, report: report, projectedAccuracy: nil,
                                      sparsity: sparsity(trainer.parameters), residual: nil, rho: nil))
        }
        return trainer.parameters
    }

    /// Quantization-aware epochs fine-tune at this fraction of the learning rate: at the full
    /// rate the least-squares scales jump between steps and the accuracy swings.
    static let quantizationAwareRate = 0.2

    private func epoch(_ trainer: inout Trainer, train: Dataset, test: Dataset) throws(CompressionError) -> EpochReport {
        do {
            return try trainer.trainEpoch(on: train, test: test)
        } catch {
            throw CompressionError(error.message)
        }
    }

    // MARK: - projections and measures

    /// `Π_S`: each layer's weights keep only their budget of units.
    func projectOntoSparsitySet(_ values: [Float]) -> [Float] {
        var projected = values
        for projection in projections { projection.project(&projected) }
        return projected
    }

    /// `Π_Q` on the mask: pruned weights 0, the others the nearest level at the quantizer's
    /// least-squares scales (zeros take no part in choosing a scale: they round to 0 at any).
    func projectOntoLevels(_ values: [Float], quantizer: WeightQuantizer, mask: [Float]) -> [Float] {
        var projected = values
        for index in projected.indices { projected[index] *= mask[index] }
        projected.withUnsafeMutableBufferPointer { buffer in
            for layer in layers {
                quantizer.fakeQuantize(UnsafeMutableBufferPointer(rebasing: buffer[layer.weights]), rows: layer.rows)
            }
        }
        return projected
    }

    /// The fraction of all weights that are zero.
    func sparsity(_ values: [Float]) -> Double {
        var zeros = 0
        var total = 0
        for layer in layers {
            total += layer.weightCount
            for index in layer.weights where values[index] == 0 { zeros += 1 }
        }
        return total == 0 ? 0 : Double(zeros) / Double(total)
    }

    /// `‖W − Z‖ / ‖W‖` over the weights.
    func residual(_ w: [Float], _ z: [Float]) -> Double {
        var difference = 0.0
        var norm = 0.0
        for layer in layers {
            for index in layer.weights {
                difference += Double(w[index] - z[index]) * Double(w[index] - z[index])
                norm += Double(w[index]) * Double(w[index])
            }
        }
        return norm > 0 ? (difference / norm).squareRoot() : 0
    }
}
