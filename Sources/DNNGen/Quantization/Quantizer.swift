import Foundation

/// Post-training quantization of a float model into a `Model` whose input is the raw 8-bit
/// unsigned value (pixel) and whose arithmetic is the spec's, exactly.
///
/// Symmetric throughout (no zero points): a real value is `scale × integer`.
/// - Weights: `WeightQuantizer` (levels of the kind, per-layer or per-channel scales `s_w`).
/// - Input: scale `s_x = model.inputScale` (1/255 for pixels the network saw as 0...1), so the
///   normalization is folded into the first layer.
/// - Outputs: a ReLU layer's output is unsigned (`activationBits`), other hidden layers signed;
///   the scale maps the calibrated range (a percentile of `|y|` over training images, run with
///   the quantized weights) onto the type's largest value. The last layer is signed
///   `outputBits` wide and keeps 2x headroom: its calibrated maximum maps to `2^(bits-2)`.
/// - Accumulator scale `s_x · s_w[o]`: bias `round(b / (s_x · s_w[o]))`, and requantization
///   `m · 2^-s ≈ s_x · s_w[o] / s_y` (`RequantDerivation`), one pair per channel when the weights
///   have per-channel scales.
/// - Max pooling and flatten keep the scale and type.
public enum Quantizer {
    /// The quantized model and what was chosen for each weighted layer.
    public struct Result: Equatable, Sendable {
        public var model: Model
        public var layers: [LayerQuantization]
        /// The float model with its weights as the integer model sees them (`scale × level`).
        public var fakeQuantized: FloatModel
    }

    /// Quantizes `model`, calibrating activation ranges on the first
    /// `options.calibrationImages` images of `calibration`.
    ///
    /// - Throws: `QuantizationError` naming the layer if the options are out of range, the
    ///   images do not fit the model, or a scale ratio or bias has no legal integer form.
    public static func quantize(_ model: FloatModel, calibration: Dataset,
                                options: QuantizationOptions) throws(QuantizationError) -> Result {
        try checkOptions(options, model: model, calibration: calibration)
        do {
            _ = try model.inferShapes()
        } catch {
            throw QuantizationError(layer: error.layer, error.message)
        }

        // 1. weights, and the float model that computes with them
        var quantized: [Int: QuantizedWeights] = [:]
        var fakeModel = model
        for (index, layer) in model.layers.enumerated() {
            guard let weight = layer.weight else { continue }
            let result = options.weights.quantize(weight.values, rows: weight.shape[0])
            quantized[index] = result
            let rowLength = weight.count / weight.shape[0]
            fakeModel.layers[index].weight = FloatTensor(
                name: weight.name, shape: weight.shape,
                values: result.values.indices.map { Float(result.values[$0]) * Float(result.scales[$0 / rowLength]) })
        }
        let weighted = quantized.keys.sorted()
        guard let last = weighted.last else { throw QuantizationError("the model has no dense or conv2d layer to quantize") }

        // 2. activation ranges, with the quantized weights
        let fakeNetwork: TrainingNetwork
        do {
            fakeNetwork = try TrainingNetwork(fakeModel)
        } catch {
            throw QuantizationError(layer: error.layer, error.message)
        }
        let images = calibration.prefix(options.calibrationImages)
        let ranges = ActivationCalibration.ranges(
            network: fakeNetwork, parameters: fakeNetwork.parameters, data: images, layers: weighted,
            percentiles: weighted.map { $0 == last ? 100 : options.percentile })

        // 3. integer layers, scale by scale
        var layers: [Layer] = []
        var report: [LayerQuantization] = []
        var inputScale = model.inputScale
        for (index, layer) in model.layers.enumerated() {
            switch layer.op {
            case .maxpool2d(let pool):
                layers.append(Layer(name: layer.name, op: .maxpool2d(pool)))
            case .flatten:
                layers.append(Layer(name: layer.name, op: .flatten))
            case .dense, .conv2d:
                let slot = weighted.firstIndex(of: index)!
                let built = try integerLayer(layer, weights: quantized[index]!, inputScale: inputScale,
                                             range: ranges[slot], isLast: index == last, options: options)
                layers.append(built.layer)
                report.append(built.report)
                inputScale = built.report.outputScale
            }
        }
        let integerModel = Model(name: model.name, inputShape: model.inputShape,
                                 inputType: ActivationType(bits: 8, signed: false), layers: layers)
        try validate(integerModel)
        return Result(model: integerModel, layers: report, fakeQuantized: fakeModel)
    }

    private static func checkOptions(_ options: QuantizationOptions, model: FloatModel,
                                     calibration: Dataset) throws(QuantizationError) {
        guard (1...16).contains(options.activationBits) else {
            throw QuantizationError("activations take 1 to 16 bits, not \(options.activationBits)")
        }
        guard (2...16).contains(options.outputBits) else {
            throw QuantizationError("the output takes 2 to 16 bits, not \(options.outputBits)")
        }
        guard options.percentile > 0, options.percentile <= 100 else {
            throw QuantizationError("the calibration percentile must be above 0 and at most 100, not \(options.percentile)")
        }
        guard (1...31).contains(options.multiplierBits) else {
            throw QuantizationError("requantization multipliers take 1 to 31 bits, not \(options.multiplierBits)")
        }
        guard options.calibrationImages >= 1, calibration.count >= 1 else {
            throw QuantizationError("calibration needs at least one image")
        }
        guard model.inputScale > 0, model.inputScale.isFinite else {
            throw QuantizationError("the float model's input scale \(model.inputScale) must be positive")
        }
        guard calibration.imageSize == model.inputCount else {
            throw QuantizationError("the model takes \(model.inputCount) inputs, but the calibration images are \(calibration.imageShape) (\(calibration.imageSize) pixels)")
        }
        guard let outputs = try? model.outputShape().reduce(1, *) else {
            throw QuantizationError("the float model is not valid")
        }
        if let largest = calibration.labels.max(), Int(largest) >= outputs {
            throw QuantizationError("the model has \(outputs) outputs, but the calibration images have label \(largest)")
        }
    }

    /// One dense or conv layer in integers, given the scale of its input.
    private static func integerLayer(_ layer: FloatLayer, weights: QuantizedWeights, inputScale: Double, range: Double,
                                     isLast: Bool, options: QuantizationOptions) throws(QuantizationError)
        -> (layer: Layer, report: LayerQuantization)
    {
        let relu = layer.relu
        let output = ActivationType(bits: isLast ? options.outputBits : options.activationBits, signed: !relu)
        let levels = isLast ? Double(1 << (output.bits - 2)) : Double(output.max)
        let outputScale = range > 0 ? range / levels : 1
        let weight = layer.weight!
        let channels = weight.shape[0]

        var multipliers: [Int] = []
        var shifts: [Int] = []
        let perChannel = options.weights.perChannel
        for channel in 0..<(perChannel ? channels : 1) {
            let ratio = inputScale * weights.scales[channel] / outputScale
            guard let pair = RequantDerivation.multiplierShift(for: ratio, multiplierBits: options.multiplierBits) else {
                throw QuantizationError(layer: layer.name, "channel \(channel): the scale ratio \(ratio) (input \(inputScale) x weight \(weights.scales[channel]) / output \(outputScale)) has no multiplier below 2^\(options.multiplierBits) with a shift of 0 to 62")
            }
            multipliers.append(pair.multiplier)
            shifts.append(pair.shift)
        }

        var biasValues: IntTensor?
        if let bias = layer.bias {
            var values: [Int] = []
            for channel in 0..<channels {
                let real = Double(bias.values[channel]) / (inputScale * weights.scales[channel])
                guard real.magnitude < 0x1p47 else {
                    throw QuantizationError(layer: layer.name, "channel \(channel): bias \(bias.values[channel]) is \(real) accumulator units, beyond the spec's 2^47")
                }
                values.append(Int(real.rounded()))
            }
            let fitsI32 = values.allSatisfy { Int32(exactly: $0) != nil }
            biasValues = IntTensor(name: bias.name, shape: [channels], values: values, dtype: fitsI32 ? "I32" : "I64")
        }
        let weightTensor = IntTensor(name: weight.name, shape: weight.shape, values: weights.values,
                                     dtype: smallestDType(weights.values))
        let requant: Requant
        if perChannel {
            requant = Requant(
                multiplier: .perChannel(IntTensor(name: layer.name + ".multiplier", shape: [channels], values: multipliers, dtype: "I32")),
                shift: .perChannel(IntTensor(name: layer.name + ".shift", shape: [channels], values: shifts, dtype: "I32")),
                rounding: options.rounding)
        } else {
            requant = Requant(multiplier: .perLayer(multipliers[0]), shift: .perLayer(shifts[0]), rounding: options.rounding)
        }
        let kind = options.weights.kind
        let bits = options.weights.bits
        let op: LayerOp
        switch layer.op {
        case .conv2d(let conv):
            op = .conv2d(Conv2DLayer(weight: weightTensor, bias: biasValues, stride: conv.stride, padding: conv.padding,
                                     weightBits: bits, weightKind: kind, requant: requant, output: output))
        default:
            op = .dense(DenseLayer(weight: weightTensor, bias: biasValues, weightBits: bits, weightKind: kind,
                                   requant: requant, output: output))
        }
        let report = LayerQuantization(name: layer.name, inputScale: inputScale,
                                       weightScales: perChannel ? weights.scales : [weights.scales[0]],
                                       outputRange: range, outputScale: outputScale, output: output,
                                       multipliers: multipliers, shifts: shifts)
        return (Layer(name: layer.name, op: op), report)
    }

    private static func smallestDType(_ values: [Int]) -> String {
        let low = values.min() ?? 0
        let high = values.max() ?? 0
        if low >= -128 && high <= 127 { return "I8" }
        if low >= -32768 && high <= 32767 { return "I16" }
        if Int32(exactly: low) != nil && Int32(exactly: high) != nil { return "I32" }
        return "I64"
    }

    /// The model must read back as written and keep every product within exact arithmetic.
    private static func validate(_ model: Model) throws(QuantizationError) {
        do {
            _ = try ModelFile.decode(ModelFile.encode(model), file: "quantized model")
            try Analysis.checkArithmeticLimits(model)
        } catch let error as ModelFormatError {
            throw QuantizationError(layer: error.layer, "the quantized model is not valid: \(error.message)")
        } catch let error as GraphError {
            throw QuantizationError(layer: error.layer, error.message)
        } catch {
            throw QuantizationError("the quantized model is not valid: \(error)")
        }
    }
}
