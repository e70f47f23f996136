/// A constant tensor in integer form: `real[i] = scales[i] · codes[i]` (zero points already
/// subtracted), with the bit width and kind its quantizer declared.
struct QuantizedTensor {
    var dims: [Int]
    var codes: [Int]
    /// One scale per element (a per-tensor or per-channel scale, broadcast).
    var scales: [Double]
    var bits: Int
    var kind: WeightKind

    /// The `[cols, rows]` tensor of a `[rows, cols]` one.
    func transposed() -> QuantizedTensor {
        let (rows, cols) = (dims[0], dims[1])
        var result = self
        result.dims = [cols, rows]
        for r in 0..<rows {
            for c in 0..<cols {
                result.codes[c * rows + r] = codes[r * cols + c]
                result.scales[c * rows + r] = scales[r * cols + c]
            }
        }
        return result
    }
}

/// The index into a tensor of shape `source` that numpy broadcasting reads for each element of
/// a tensor of shape `target`; nil when `source` does not broadcast to `target`.
func broadcastIndices(from source: [Int], to target: [Int]) -> [Int]? {
    guard source.count <= target.count else { return nil }
    let padded = [Int](repeating: 1, count: target.count - source.count) + source
    for (s, t) in zip(padded, target) where s != 1 && s != t { return nil }
    var strides = [Int](repeating: 0, count: target.count)
    var stride = 1
    for axis in (0..<target.count).reversed() {
        strides[axis] = padded[axis] == 1 ? 0 : stride
        stride *= padded[axis]
    }
    let count = target.reduce(1, *)
    var result = [Int](repeating: 0, count: count)
    var index = [Int](repeating: 0, count: target.count)
    for flat in 0..<count {
        var offset = 0
        for axis in 0..<target.count { offset += index[axis] * strides[axis] }
        result[flat] = offset
        var axis = target.count - 1
        while axis >= 0 {
            index[axis] += 1
            if index[axis] < target[axis] { break }
            index[axis] = 0
            axis -= 1
        }
    }
    return result
}

/// QONNX `Quant` on constant data, in float32 as the qonnx executor computes it:
/// `q = round(clamp(x / s + z))`, returned as `q − z`.
enum ConstantQuantizer {
    static func rounded(_ value: Float, mode: String) -> Float? {
        switch mode {
        case "ROUND", "HALF_EVEN": return value.rounded(.toNearestOrEven)
        case "FLOOR": return value.rounded(.down)
        case "CEIL": return value.rounded(.up)
        case "UP": return value.rounded(.awayFromZero)
        case "DOWN": return value.rounded(.towardZero)
        case "HALF_UP": return value.rounded(.toNearestOrAwayFromZero)
        case "HALF_DOWN":
            let away = value.rounded(.toNearestOrAwayFromZero)
            return (away - value).magnitude == 0.5 ? value.rounded(.towardZero) : away
        default: return nil
        }
    }
}

extension ONNXGraphIndex {
    /// The integer form of a constant fed through `Quant`, `BipolarQuant` or `DequantizeLinear`.
    ///
    /// - Parameter tensorName: the tensor a Conv/Gemm/MatMul reads as its weight or bias.
    /// - Parameter user: the node reading it (named in errors).
    func quantizedConstant(_ tensorName: String, user: ONNXNode, what: String) throws(ModelFormatError) -> QuantizedTensor {
        guard let node = producer(of: tensorName) else {
            if constants[tensorName] != nil {
                throw error(user, "\(what) '\(tensorName)' is a float constant; dnngen imports quantized models (a Quant, BipolarQuant or DequantizeLinear node before it)")
            }
            throw error(user, "\(what) '\(tensorName)' is not a constant")
        }
        switch node.opType {
        case "Quant": return try quantConstant(node)
        case "BipolarQuant": return try bipolarConstant(node)
        case "DequantizeLinear": return try dequantizedConstant(node)
        case "Identity": return try quantizedConstant(node.inputs.first ?? "", user: node, what: what)
        default:
            throw error(user, "\(what) '\(tensorName)' comes from \(node.label), not from a quantized constant")
        }
    }

    private func broadcast(_ tensor: ONNXTensor, to dims: [Int], node: ONNXNode, what: String) throws(ModelFormatError) -> [Double] {
        guard let indices = broadcastIndices(from: tensor.dims, to: dims) else {
            throw error(node, "\(what) '\(tensor.name)' of shape \(tensor.dims) does not broadcast to \(dims)")
        }
        return indices.map { tensor.values[$0] }
    }

    private func quantConstant(_ node: ONNXNode) throws(ModelFormatError) -> QuantizedTensor {
        let data = try constantInput(node, 0, what: "data")
        let scales = try broadcast(try constantInput(node, 1, what: "scale"), to: data.dims, node: node, what: "scale")
        let zeroPoints = try broadcast(try constantInput(node, 2, what: "zero point"), to: data.dims, node: node, what: "zero point")
        let bitWidth = try scalarInput(node, 3, what: "bit width")
        let signed = try intAttribute(node, "signed", default: 1) != 0
        let narrow = try intAttribute(node, "narrow", default: 0) != 0
        let mode = try stringAttribute(node, "rounding_mode", default: "ROUND").uppercased()
        guard bitWidth == bitWidth.rounded(), (1...32).contains(bitWidth) else {
            throw error(node, "bit width \(bitWidth) must be an integer from 1 to 32")
        }
        guard ConstantQuantizer.rounded(0, mode: mode) != nil else {
            throw error(node, "unknown rounding_mode '\(mode)'")
        }
        guard scales.allSatisfy({ $0 > 0 && $0.isFinite }) else { throw error(node, "scales must be positive and finite") }
        guard zeroPoints.allSatisfy({ $0 == $0.rounded() && $0.magnitude < 65_536 }) else {
            throw error(node, "zero points must be integers")
        }
        let bits = Int(bitWidth)
        if bits == 1 && signed {
            // qonnx executes a 1-bit signed Quant as bipolar: sign(x / s + z), 0 counting as +1.
            let codes = data.values.indices.map { Float(data.values[$0]) / Float(scales[$0]) + Float(zeroPoints[$0]) >= 0 ? 1 : -1 }
            return QuantizedTensor(dims: data.dims, codes: codes, scales: scales, bits: 1, kind: .binary)
        }
        let low = signed ? -(1 << (bits - 1)) + (narrow ? 1 : 0) : 0
        let high = signed ? (1 << (bits - 1)) - 1 : (1 << bits) - 1 - (narrow ? 1 : 0)
        var codes = [Int](repeating: 0, count: data.count)
        for i in 0..<data.count {
            var y = Float(data.values[i]) / Float(scales[i]) + Float(zeroPoints[i])
            y = Swift.min(Swift.max(y, Float(low)), Float(high))
            let q = ConstantQuantizer.rounded(y, mode: mode) ?? 0
            codes[i] = Int(q) - Int(zeroPoints[i])
        }
        return QuantizedTensor(dims: data.dims, codes: codes, scales: scales, bits: bits, kind: .int)
    }

    private func bipolarConstant(_ node: ONNXNode) throws(ModelFormatError) -> QuantizedTensor {
        let data = try constantInput(node, 0, what: "data")
        let scales = try broadcast(try constantInput(node, 1, what: "scale"), to: data.dims, node: node, what: "scale")
        guard scales.allSatisfy({ $0 > 0 && $0.isFinite }) else { throw error(node, "scales must be positive and finite") }
        let codes = data.values.map { $0 >= 0 ? 1 : -1 }
        return QuantizedTensor(dims: data.dims, codes: codes, scales: scales, bits: 1, kind: .binary)
    }

    private func dequantizedConstant(_ node: ONNXNode) throws(ModelFormatError) -> QuantizedTensor {
        let data = try constantInput(node, 0, what: "data")
        let scale = try constantInput(node, 1, what: "scale")
        let zeroPoint = try optionalConstantInput(node, 2, what: "zero point")
        let bits: Int
        switch data.dataType {
        case .int8, .uint8: bits = 8
        case .int16, .uint16: bits = 16
        case .int32: bits = 32
        default: throw error(node, "quantized data '\(data.name)' has type \(data.dataType.name), expected an integer type")
        }
        // A 1-D scale with an `axis` is per-axis; reshape it so that it broadcasts along that axis.
        func perAxis(_ tensor: ONNXTensor) throws(ModelFormatError) -> ONNXTensor {
            guard tensor.dims.count == 1, tensor.count > 1 else { return tensor }
            var axis = try intAttribute(node, "axis", default: 1)
            if axis < 0 { axis += data.dims.count }
            guard axis >= 0, axis < data.dims.count else { throw error(node, "axis \(axis) is out of range") }
            var reshaped = tensor
            reshaped.dims = data.dims.indices.map { $0 == axis ? tensor.count : 1 }
            return reshaped
        }
        let scales = try broadcast(try perAxis(scale), to: data.dims, node: node, what: "scale")
        let zeroPoints = try zeroPoint.map { (tensor) throws(ModelFormatError) in
            try broadcast(try perAxis(tensor), to: data.dims, node: node, what: "zero point")
        } ?? [Double](repeating: 0, count: data.count)
        guard scales.allSatisfy({ $0 > 0 && $0.isFinite }) else { throw error(node, "scales must be positive and finite") }
        let codes = data.values.indices.map { Int(data.values[$0]) - Int(zeroPoints[$0]) }
        return QuantizedTensor(dims: data.dims, codes: codes, scales: scales, bits: bits, kind: .int)
    }

    /// A bias: a float constant, or a quantized one, as real values broadcast to `[count]`.
    ///
    /// - Parameter channelFromEnd: for a bias added by broadcasting (an `Add`), the position of
    ///   the channel axis counted from the last (1 for `[N, out]`, 3 for `[N, K, H, W]`); nil for
    ///   a node's own bias input, which is 1-D.
    func biasValues(_ tensorName: String, count: Int, channelFromEnd: Int?, user: ONNXNode) throws(ModelFormatError) -> [Double] {
        let values: [Double]
        let dims: [Int]
        if let constant = constants[tensorName] {
            values = constant.values
            dims = constant.dims
        } else {
            let quantized = try quantizedConstant(tensorName, user: user, what: "bias")
            values = quantized.codes.indices.map { Double(quantized.codes[$0]) * quantized.scales[$0] }
            dims = quantized.dims
        }
        let channelAxis = dims.count - (channelFromEnd ?? 1)
        let alongChannels = dims.indices.allSatisfy { dims[$0] == 1 || $0 == channelAxis }
        guard values.count == count || values.count == 1, alongChannels, channelFromEnd != nil || dims.count <= 1 else {
            throw error(user, "bias '\(tensorName)' has shape \(dims), expected \(count) values")
        }
        guard values.allSatisfy({ $0.isFinite }) else { throw error(user, "bias '\(tensorName)' is not finite") }
        return values.count == count ? values : [Double](repeating: values[0], count: count)
    }
}
