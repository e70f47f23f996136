/// How an activation tensor is quantized: a code `q` stands for the real value `scale · (q − zeroPoint)`.
struct ActivationQuantization: Equatable {
    /// The file's (float32) scale, exactly.
    var scale: Double
    var zeroPoint: Int
    var bits: Int
    var signed: Bool
    /// How the quantizer rounds `x / scale`: QONNX `ROUND` and QuantizeLinear round half to even.
    var rounding: Rounding

    /// The codes' integer type, with the zero point the requantization adds.
    var type: ActivationType { ActivationType(bits: bits, signed: signed, zeroPoint: zeroPoint) }

    /// Whether two quantizers give the same codes for every input.
    func sameCodes(as other: ActivationQuantization) -> Bool {
        scale == other.scale && zeroPoint == other.zeroPoint && bits == other.bits && signed == other.signed
    }

    var summary: String {
        "\(signed ? "int" : "uint")\(bits), scale \(scale), zero point \(zeroPoint)"
    }
}

extension ONNXGraphIndex {
    /// The quantization a QONNX `Quant` node applies to an activation (per-tensor scale and zero
    /// point, integer zero point, not narrow, rounding ROUND/HALF_EVEN or FLOOR).
    func activationQuantization(quant node: ONNXNode) throws(ModelFormatError) -> ActivationQuantization {
        let scale = try scalarInput(node, 1, what: "scale")
        let zeroPoint = try scalarInput(node, 2, what: "zero point")
        let bitWidth = try scalarInput(node, 3, what: "bit width")
        let signed = try intAttribute(node, "signed", default: 1) != 0
        let narrow = try intAttribute(node, "narrow", default: 0) != 0
        let mode = try stringAttribute(node, "rounding_mode", default: "ROUND").uppercased()
        guard scale > 0, scale.isFinite else { throw error(node, "scale \(scale) must be positive and finite") }
        guard zeroPoint == zeroPoint.rounded(), zeroPoint.magnitude <= 65_536 else {
            throw error(node, "zero point \(zeroPoint) must be an integer")
        }
        guard bitWidth == bitWidth.rounded(), (1...16).contains(bitWidth) else {
            throw error(node, "activation bit width \(bitWidth) must be an integer from 1 to 16")
        }
        guard !(bitWidth == 1 && signed) else {
            throw error(node, "bipolar (1-bit signed) activations are not supported; binary weights are")
        }
        guard !narrow else { throw error(node, "narrow-range activations are not supported (narrow=1)") }
        let rounding: Rounding
        switch mode {
        case "ROUND", "HALF_EVEN": rounding = .halfEven
        case "FLOOR": rounding = .floor
        default: throw error(node, "activation rounding_mode '\(mode)' is not supported (ROUND, HALF_EVEN or FLOOR)")
        }
        let quantization = ActivationQuantization(scale: scale, zeroPoint: Int(zeroPoint), bits: Int(bitWidth),
                                                  signed: signed, rounding: rounding)
        guard quantization.type.contains(quantization.zeroPoint) || zeroPoint == 0 else {
            throw error(node, "zero point \(Int(zeroPoint)) is outside the \(quantization.type.shortName) range")
        }
        return quantization
    }

    /// The quantization of a `QuantizeLinear` node (per-tensor; the zero point's type sets the codes').
    func activationQuantization(quantizeLinear node: ONNXNode) throws(ModelFormatError) -> ActivationQuantization {
        let scale = try scalarInput(node, 1, what: "scale")
        guard scale > 0, scale.isFinite else { throw error(node, "scale \(scale) must be positive and finite") }
        let zeroPointTensor = try optionalConstantInput(node, 2, what: "zero point")
        guard zeroPointTensor.map({ $0.count == 1 }) ?? true else {
            throw error(node, "per-axis activation quantization is not supported")
        }
        let (bits, signed): (Int, Bool)
        switch zeroPointTensor?.dataType ?? .uint8 {
        case .uint8: (bits, signed) = (8, false)
        case .int8: (bits, signed) = (8, true)
        case .uint16: (bits, signed) = (16, false)
        case .int16: (bits, signed) = (16, true)
        case let other: throw error(node, "zero point type \(other.name) is not supported (uint8, int8, uint16, int16)")
        }
        return ActivationQuantization(scale: scale, zeroPoint: Int(zeroPointTensor?.values[0] ?? 0), bits: bits,
                                      signed: signed, rounding: .halfEven)
    }

    /// The quantization a `DequantizeLinear` node undoes, for checking it matches its `QuantizeLinear`.
    func dequantization(_ node: ONNXNode) throws(ModelFormatError) -> (scale: Double, zeroPoint: Int) {
        let scale = try scalarInput(node, 1, what: "scale")
        let zeroPoint = try optionalConstantInput(node, 2, what: "zero point")
        guard zeroPoint.map({ $0.count == 1 }) ?? true else {
            throw error(node, "per-axis activation dequantization is not supported")
        }
        return (scale, Int(zeroPoint?.values[0] ?? 0))
    }
}
