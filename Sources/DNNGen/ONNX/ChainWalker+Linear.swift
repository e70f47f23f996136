import Foundation

/// Conv, Gemm and MatMul: the integer layer derived from the float scales.
///
/// With input codes `x` (zero point `zx`, scale `sx`), weight codes `w` (scale `sw[o]`), a real
/// bias and an optional folded batch norm `a[o]·z + c[o]`, the layer's real output is
/// `sx·a·sw[o] · (Σ w·(x − zx) + b'[o])`, `b'[o] = bias'[o] / (sx·a·sw[o])`. The output
/// quantizer divides by `sy`, rounds and adds `zy`, so in integers:
/// `y = clamp(R((Σ w·x + bias[o]) · M[o]) + zy)` with `M[o] = sx·a·sw[o] / sy` as the spec's
/// `m · 2^-s` (31-bit multiplier) and `bias[o] = B[o] − zx·Σ_i w[o,i]` (the input zero point
/// folded in exactly). `B[o] = b'[o]` when that is an integer; for power-of-two `M ≤ 1/2` and
/// fractional `b'` no tie can occur, so `floor(b')` with half-up rounding is exact too;
/// otherwise `B` is `b'` rounded, the one approximation, as in any integer-only runtime.
extension ChainWalker {
    mutating func appendLinear(_ node: ONNXNode) throws(ModelFormatError) {
        guard node.inputs.count >= 2, node.inputs[0] == tensor else {
            throw index.error(node, "the activation must be the first input and the weight the second")
        }
        var weights = try index.quantizedConstant(node.inputs[1], user: node, what: "weight")
        var stride = [1, 1]
        var padding = [0, 0]
        switch node.opType {
        case "Conv":
            guard weights.dims.count == 4 else { throw index.error(node, "weight has shape \(weights.dims), expected [K, C, kh, kw]") }
            (stride, padding) = try convGeometry(node, kernel: Array(weights.dims[2...]))
            if padding != [0, 0] && quantization.zeroPoint != 0 {
                throw index.error(node, "pads an input whose zero point is \(quantization.zeroPoint); dnngen pads with code 0, exact only for zero point 0")
            }
        case "Gemm":
            guard weights.dims.count == 2 else { throw index.error(node, "weight has shape \(weights.dims), expected 2-D") }
            guard try index.intAttribute(node, "transA", default: 0) == 0,
                try index.floatAttribute(node, "alpha", default: 1) == 1,
                try index.floatAttribute(node, "beta", default: 1) == 1 else {
                throw index.error(node, "only transA=0, alpha=1, beta=1 are supported")
            }
            if try index.intAttribute(node, "transB", default: 0) == 0 { weights = weights.transposed() }
        default:
            guard weights.dims.count == 2, node.inputs.count == 2 else {
                throw index.error(node, "weight has shape \(weights.dims), expected [in, out]")
            }
            weights = weights.transposed()
        }
        let outputs = weights.dims[0]
        guard outputs >= 1 else { throw index.error(node, "weight has shape \(weights.dims), with no output channel") }
        let fanIn = weights.codes.count / outputs
        var weightScale = [Double](repeating: 0, count: outputs)
        for o in 0..<outputs {
            let row = weights.scales[(o * fanIn)..<((o + 1) * fanIn)]
            guard let first = row.first, row.allSatisfy({ $0 == first }) else {
                throw index.error(node, "weight scale varies within output channel \(o); dnngen needs per-tensor or per-output-channel scales")
            }
            weightScale[o] = first
        }
        var affine = Affine(factor: [Double](repeating: 1, count: outputs), offset: [Double](repeating: 0, count: outputs))
        if node.opType != "MatMul", node.inputs.count > 2, !node.inputs[2].isEmpty {
            affine.offset = try index.biasValues(node.inputs[2], count: outputs, channelFromEnd: nil, user: node)
        }
        let tail = try followTail(after: node, outputs: outputs, affine: &affine, channelFromEnd: node.opType == "Conv" ? 3 : 1)

        // Negative batch-norm factors flip the sign of the row, so scales stay positive.
        var layerWeights = weights.codes
        var effectiveScale = [Double](repeating: 0, count: outputs)
        for o in 0..<outputs {
            effectiveScale[o] = affine.factor[o] * weightScale[o]
            if effectiveScale[o] < 0 {
                effectiveScale[o] = -effectiveScale[o]
                for i in 0..<fanIn { layerWeights[o * fanIn + i] = -layerWeights[o * fanIn + i] }
            }
            guard effectiveScale[o] > 0, effectiveScale[o].isFinite else {
                throw index.error(node, "output channel \(o) has a zero or non-finite scale after folding")
            }
        }
        let name = layerName(for: node)
        let requant = try deriveRequant(node, name: name, scale: effectiveScale, weights: layerWeights, fanIn: fanIn,
                                        offset: affine.offset, output: tail.quantization)
        let (bits, kind) = try weightFormat(node, weights: weights, values: layerWeights)
        let weightTensor = IntTensor(name: "\(name).weight", shape: weights.dims, values: layerWeights, dtype: bits <= 8 ? "I8" : "I16")
        let bias = requant.bias.contains { $0 != 0 }
            ? IntTensor(name: "\(name).bias", shape: [outputs], values: requant.bias,
                        dtype: requant.bias.allSatisfy { Int32(exactly: $0) != nil } ? "I32" : "I64")
            : nil
        let op: LayerOp
        if node.opType == "Conv" {
            op = .conv2d(Conv2DLayer(weight: weightTensor, bias: bias, stride: stride, padding: padding, weightBits: bits,
                                     weightKind: kind, requant: requant.requant, output: tail.quantization.type))
        } else {
            op = .dense(DenseLayer(weight: weightTensor, bias: bias, weightBits: bits, weightKind: kind,
                                   requant: requant.requant, output: tail.quantization.type))
        }
        try append(node, op, name: name, output: tail.tensor)
        quantization = tail.quantization
        if !requant.exact { approximateLayers.append(name) }
    }

    /// `y = factor · z + offset` per output channel: bias adds and batch norms after the op.
    struct Affine {
        var factor: [Double]
        var offset: [Double]
    }

    /// Bias `Add`s, `BatchNormalization`, `Relu`, `Identity`/`Dropout` up to the output quantizer.
    private func followTail(after node: ONNXNode, outputs: Int, affine: inout Affine, channelFromEnd: Int) throws(ModelFormatError) -> (tensor: String, quantization: ActivationQuantization) {
        var current = node.outputs.first ?? ""
        var relu = false
        var previous = node
        for _ in 0...index.graph.nodes.count {
            let consumers = index.consumers(of: current)
            guard !index.isGraphOutput(current), consumers.count == 1, let next = consumers.first else {
                throw index.error(previous, "its output is not quantized: \(node.label) must be followed by a quantizer (Quant or QuantizeLinear), possibly after a bias Add, BatchNormalization and Relu")
            }
            switch next.opType {
            case "Identity", "Dropout":
                break
            case "Add" where !relu:
                guard next.inputs.count == 2, let other = next.inputs.first(where: { $0 != current }) else {
                    throw index.error(next, "must add a constant bias to \(node.label)'s output")
                }
                let bias = try index.biasValues(other, count: outputs, channelFromEnd: channelFromEnd, user: next)
                for o in 0..<outputs { affine.offset[o] += bias[o] }
            case "BatchNormalization" where !relu:
                let gamma = try index.constantInput(next, 1, what: "scale").values
                let beta = try index.constantInput(next, 2, what: "bias").values
                let mean = try index.constantInput(next, 3, what: "mean").values
                let variance = try index.constantInput(next, 4, what: "variance").values
                guard [gamma, beta, mean, variance].allSatisfy({ $0.count == outputs }) else {
                    throw index.error(next, "parameters must have \(outputs) values, one per channel of \(node.label)")
                }
                let epsilon = Double(try index.floatAttribute(next, "epsilon", default: 1e-5))
                for o in 0..<outputs {
                    let a = gamma[o] / (variance[o] + epsilon).squareRoot()
                    affine.factor[o] *= a
                    affine.offset[o] = a * (affine.offset[o] - mean[o]) + beta[o]
                }
            case "Relu":
                relu = true
            case "Quant":
                let quantization = try index.activationQuantization(quant: next)
                return (next.outputs.first ?? "", try applyRelu(relu, to: quantization, node: next))
            case "QuantizeLinear":
                let quantization = try index.activationQuantization(quantizeLinear: next)
                let tensor = try dequantizerAfter(next, quantization: quantization)
                return (tensor, try applyRelu(relu, to: quantization, node: next))
            default:
                throw index.error(next, "cannot follow \(node.label) (expected a bias Add, BatchNormalization, Relu or a quantizer)")
            }
            current = next.outputs.first ?? ""
            previous = next
        }
        throw index.error(node, "its output chain does not end")
    }

    /// A Relu before a quantizer clamps at the code of zero: free for an unsigned type with zero
    /// point 0, and for a signed one with zero point 0 it leaves the unsigned type one bit narrower.
    private func applyRelu(_ relu: Bool, to quantization: ActivationQuantization, node: ONNXNode) throws(ModelFormatError) -> ActivationQuantization {
        guard relu, quantization.zeroPoint > quantization.type.min else { return quantization }
        guard quantization.signed, quantization.zeroPoint == 0, quantization.bits >= 2 else {
            throw index.error(node, "quantizes a Relu output with zero point \(quantization.zeroPoint) (\(quantization.summary)); dnngen needs zero point 0 there")
        }
        var narrowed = quantization
        narrowed.bits -= 1
        narrowed.signed = false
        return narrowed
    }

    private func convGeometry(_ node: ONNXNode, kernel: [Int]) throws(ModelFormatError) -> (stride: [Int], padding: [Int]) {
        guard try index.intAttribute(node, "group", default: 1) == 1 else { throw index.error(node, "grouped convolution is not supported") }
        guard try index.stringAttribute(node, "auto_pad", default: "NOTSET") == "NOTSET" else {
            throw index.error(node, "auto_pad is not supported; give explicit pads")
        }
        if let declared = try index.intsAttribute(node, "kernel_shape"), declared != kernel {
            throw index.error(node, "kernel_shape \(declared) disagrees with the weight's \(kernel)")
        }
        let dilations = try index.intsAttribute(node, "dilations") ?? [1, 1]
        guard dilations.allSatisfy({ $0 == 1 }) else { throw index.error(node, "dilations \(dilations) are not supported") }
        let stride = try index.intsAttribute(node, "strides") ?? [1, 1]
        guard stride.count == 2, stride.allSatisfy({ $0 >= 1 }) else { throw index.error(node, "strides \(stride) must be two positive integers") }
        let pads = try index.intsAttribute(node, "pads") ?? [0, 0, 0, 0]
        guard pads.count == 4, pads[0] == pads[2], pads[1] == pads[3], pads.allSatisfy({ $0 >= 0 }) else {
            throw index.error(node, "pads \(pads) are not supported (dnngen pads symmetrically: [ph, pw, ph, pw])")
        }
        return (stride, [pads[0], pads[1]])
    }

    /// The weight bits and kind: binary from BipolarQuant, else the declared width, widened when
    /// a weight zero point pushed the values past it.
    private func weightFormat(_ node: ONNXNode, weights: QuantizedTensor, values: [Int]) throws(ModelFormatError) -> (Int, WeightKind) {
        if weights.kind == .binary { return (1, .binary) }
        let largest = values.map { $0 < 0 ? -$0 - 1 : $0 }.max() ?? 0
        var needed = 2
        while needed < 17 && largest >= 1 << (needed - 1) { needed += 1 }
        guard needed <= 16 else { throw index.error(node, "weights need \(needed) bits; dnngen supports up to 16") }
        let bits = weights.bits > 16 || weights.bits < needed ? needed : weights.bits
        return (bits, .int)
    }

    private func deriveRequant(_ node: ONNXNode, name: String, scale: [Double], weights: [Int], fanIn: Int,
                               offset: [Double], output: ActivationQuantization) throws(ModelFormatError) -> (requant: Requant, bias: [Int], exact: Bool) {
        let outputs = scale.count
        var multipliers = [Int](repeating: 0, count: outputs)
        var shifts = [Int](repeating: 0, count: outputs)
        var scaledBias = [Double](repeating: 0, count: outputs)
        var ratioIsHalfOrSmallerPowerOfTwo = true
        var ratiosExact = true
        for o in 0..<outputs {
            let unit = quantization.scale * scale[o]
            let ratio = unit / output.scale
            guard let (m, s) = RequantDerivation.multiplierShift(for: ratio, multiplierBits: 31) else {
                throw index.error(node, "output channel \(o): scale ratio \(ratio) cannot be a multiplier below 2^31 with a shift of 0...62")
            }
            (multipliers[o], shifts[o]) = (m, s)
            ratiosExact = ratiosExact && Double(m) * Foundation.pow(2, -Double(s)) == ratio
            ratioIsHalfOrSmallerPowerOfTwo = ratioIsHalfOrSmallerPowerOfTwo && ratio.significand == 1 && ratio <= 0.5
            scaledBias[o] = offset[o] / unit
            guard scaledBias[o].magnitude < 0x1p46 else {
                throw index.error(node, "output channel \(o): bias \(offset[o]) is \(scaledBias[o]) units of the accumulator, beyond 2^46")
            }
        }
        // A bias stored as integers with scale fl32(sx·sw) (onnxruntime's int32 bias) lands within
        // float32 rounding of an integer: that integer is the bias, as integer runtimes use it.
        for o in 0..<outputs where (scaledBias[o] - scaledBias[o].rounded()).magnitude <= scaledBias[o].magnitude * 0x1p-20 {
            scaledBias[o] = scaledBias[o].rounded()
        }
        let integral = scaledBias.allSatisfy { $0 == $0.rounded() }
        let fractional = scaledBias.allSatisfy { $0 != $0.rounded() }
        var rounding = output.rounding
        var bias: [Int]
        var exact = true
        if integral {
            bias = scaledBias.map { Int($0) }
        } else if ratiosExact && (rounding == .floor || (fractional && ratioIsHalfOrSmallerPowerOfTwo)) {
            // No tie can occur; see the type's comment.
            bias = scaledBias.map { Int($0.rounded(.down)) }
            if rounding == .halfEven { rounding = .halfUp }
        } else {
            bias = scaledBias.map { Int($0.rounded(.toNearestOrEven)) }
            exact = false
        }
        for o in 0..<outputs {
            let sum = weights[(o * fanIn)..<((o + 1) * fanIn)].reduce(0, +)
            bias[o] -= quantization.zeroPoint * sum
        }
        func value(_ values: [Int], _ suffix: String) -> RequantValue {
            if let first = values.first, values.allSatisfy({ $0 == first }) { return .perLayer(first) }
            return .perChannel(IntTensor(name: "\(name).\(suffix)", shape: [outputs], values: values, dtype: suffix == "mult" ? "I32" : "I8"))
        }
        return (Requant(multiplier: value(multipliers, "mult"), shift: value(shifts, "shift"), rounding: rounding), bias, exact)
    }
}
