/// Turns a quantized ONNX model (QONNX `Quant`/`BipolarQuant`, or onnxruntime's QDQ
/// `QuantizeLinear`/`DequantizeLinear`) into a dnngen `Model`.
///
/// The graph must be a chain from one input: an input quantizer, then Conv/Gemm/MatMul layers
/// (with a bias input or `Add`, an optional `BatchNormalization` and `Relu`) each followed by an
/// output quantizer, `MaxPool`, and `Flatten`/`Reshape` to a vector; `Identity` and `Dropout`
/// pass through. The model's inputs are the input quantizer's codes and its outputs the last
/// quantizer's codes. Requantization is derived from the float scales (see `RequantDerivation`
/// in `ONNXImporter+Linear.swift`); zero points of activations become output zero points, and
/// an input zero point is folded into the next layer's bias.
public enum ONNXImporter {
    /// The op types the importer understands; any other node is refused, all of them in one message.
    static let supportedOps: Set<String> = [
        "Conv", "Gemm", "MatMul", "Add", "Relu", "MaxPool", "Flatten", "Reshape", "BatchNormalization",
        "Identity", "Dropout", "Quant", "BipolarQuant", "QuantizeLinear", "DequantizeLinear", "Constant",
    ]

    /// Whether `path` names an ONNX file (by its extension), for commands that take either format.
    public static func isONNXPath(_ path: String) -> Bool {
        path.lowercased().hasSuffix(".onnx")
    }

    /// Reads and imports the ONNX file at `path`.
    public static func read(path: String) throws(ModelFormatError) -> ONNXImport {
        try importModel(try FormatIO.readBytes(path: path), file: path)
    }

    /// Imports the ONNX model in `bytes`.
    ///
    /// - Parameter file: the file as the user named it, for messages.
    /// - Throws: `ModelFormatError` naming the file and the node at fault: malformed protobuf,
    ///   unsupported ops (all listed), patterns outside the chain above, inconsistent shapes.
    public static func importModel(_ bytes: [UInt8], file: String) throws(ModelFormatError) -> ONNXImport {
        let onnx: ONNXModel
        do {
            onnx = try ONNXModel.decode(bytes)
        } catch {
            throw ModelFormatError(file: file, error.message)
        }
        let unsupported = onnx.graph.nodes.filter { !supportedOps.contains($0.opType) }
        if !unsupported.isEmpty {
            let list = unsupported.map { "'\($0.name)' (\($0.opType))" }.joined(separator: ", ")
            throw ModelFormatError(file: file, "unsupported \(unsupported.count == 1 ? "node" : "nodes") \(list); dnngen imports \(supportedOps.sorted().joined(separator: ", "))")
        }
        var walker = ChainWalker(index: try ONNXGraphIndex(graph: onnx.graph, file: file))
        let imported = try walker.walk()
        // The result must be a model.bin like any other: the format's own validation and the
        // arithmetic limits speak for ranges the walk did not check (weight bits, bias, shifts).
        _ = try ModelFile.decode(ModelFile.encode(imported.model), file: file)
        do throws(GraphError) {
            try Analysis.checkArithmeticLimits(imported.model)
        } catch {
            throw error.inFile(file)
        }
        return imported
    }
}

/// An imported model and what a user needs to feed it and read it.
public struct ONNXImport: Sendable {
    public var model: Model
    /// Inputs are codes `round(x / inputScale) + inputZeroPoint`.
    public var inputScale: Double
    public var inputZeroPoint: Int
    /// Outputs are codes of real values `outputScale · (code − outputZeroPoint)`.
    public var outputScale: Double
    public var outputZeroPoint: Int
    /// Layers whose float bias had to be rounded to the accumulator's unit (all others are exact
    /// up to the 31-bit multiplier of a scale ratio that is not a power of two).
    public var approximateLayers: [String]
}

/// Follows the chain from the graph input to the last quantized tensor, appending layers.
struct ChainWalker {
    let index: ONNXGraphIndex
    var layers: [Layer] = []
    var inputShape: [Int] = []
    var inputType = ActivationType(bits: 8, signed: false)
    /// The tensor that holds the current activation (as floats, or as codes after a QuantizeLinear).
    var tensor = ""
    var quantization = ActivationQuantization(scale: 1, zeroPoint: 0, bits: 8, signed: false, rounding: .halfEven)
    var shape: [Int] = []
    private var usedNames: Set<String> = []
    /// Layers whose requantization had to round a bias (not exact for every input).
    var approximateLayers: [String] = []
    var inputQuantization = ActivationQuantization(scale: 1, zeroPoint: 0, bits: 8, signed: false, rounding: .halfEven)

    init(index: ONNXGraphIndex) {
        self.index = index
    }

    var file: String { index.file }

    mutating func walk() throws(ModelFormatError) -> ONNXImport {
        try readInput()
        while let node = try nextNode() {
            switch node.opType {
            case "Identity", "Dropout":
                tensor = node.outputs.first ?? ""
            case "Quant", "QuantizeLinear":
                try skipRepeatedQuantizer(node)
            case "Relu":
                guard quantization.zeroPoint <= quantization.type.min else {
                    throw index.error(node, "a Relu on a quantized tensor with negative values (\(quantization.summary)) must directly follow a Conv, Gemm or MatMul")
                }
                tensor = node.outputs.first ?? ""
            case "MaxPool":
                try appendMaxPool(node)
            case "Flatten", "Reshape":
                try appendFlatten(node)
            case "Conv", "Gemm", "MatMul":
                try appendLinear(node)
            default:
                throw index.error(node, "cannot follow a quantized activation here (expected Conv, Gemm, MatMul, MaxPool, Flatten, Relu or a quantizer)")
            }
        }
        guard layers.contains(where: { if case .maxpool2d = $0.op { return false }; if case .flatten = $0.op { return false }; return true }) else {
            throw ModelFormatError(file: file, "the graph has no Conv, Gemm or MatMul layer")
        }
        let model = Model(name: modelName(), inputShape: inputShape, inputType: inputType, layers: layers)
        do {
            _ = try model.inferShapes()
        } catch {
            throw error.inFile(file)
        }
        return ONNXImport(model: model, inputScale: inputQuantization.scale, inputZeroPoint: inputQuantization.zeroPoint,
                          outputScale: quantization.scale, outputZeroPoint: quantization.zeroPoint,
                          approximateLayers: approximateLayers)
    }

    /// The single node reading the current tensor; nil when the chain ends (a graph output, or a
    /// trailing DequantizeLinear/Identity leading only to outputs).
    private func nextNode() throws(ModelFormatError) -> ONNXNode? {
        if index.isGraphOutput(tensor) { return nil }
        let consumers = index.consumers(of: tensor)
        if consumers.isEmpty { return nil }
        guard consumers.count == 1, let node = consumers.first else {
            let names = consumers.map { $0.label }.joined(separator: ", ")
            throw ModelFormatError(file: file, "tensor '\(tensor)' feeds \(consumers.count) nodes (\(names)); dnngen imports a chain of layers")
        }
        if node.opType == "DequantizeLinear" || node.opType == "Identity", trailsToOutputOnly(from: node) {
            return nil
        }
        return node
    }

    /// Whether `node` and everything after it only dequantize or copy to graph outputs.
    private func trailsToOutputOnly(from node: ONNXNode) -> Bool {
        var current = node
        for _ in 0..<index.graph.nodes.count {
            guard current.opType == "DequantizeLinear" || current.opType == "Identity",
                let output = current.outputs.first else { return false }
            if index.isGraphOutput(output) { return true }
            let next = index.consumers(of: output)
            guard next.count == 1, let follower = next.first else { return next.isEmpty }
            current = follower
        }
        return false
    }

    private mutating func readInput() throws(ModelFormatError) {
        let inputs = index.graph.inputs.filter { index.constants[$0.name] == nil }
        guard inputs.count == 1, let input = inputs.first else {
            throw ModelFormatError(file: file, "the graph has \(inputs.count) inputs (besides initializers); dnngen imports models with one input")
        }
        guard let dims = input.shape, dims.count == 2 || dims.count == 4 else {
            throw ModelFormatError(file: file, "input '\(input.name)' must have shape [N, features] or [N, C, H, W]\(input.shape.map { ", got \(describe($0))" } ?? " (the file gives none)")")
        }
        if case .value(let batch) = dims[0], batch != 1 {
            throw ModelFormatError(file: file, "input '\(input.name)' has batch size \(batch); dnngen needs 1 or a symbolic batch dimension")
        }
        var shape: [Int] = []
        for dim in dims.dropFirst() {
            guard case .value(let value) = dim, value >= 1 else {
                throw ModelFormatError(file: file, "input '\(input.name)' has shape \(describe(dims)); every dimension after the batch must be a fixed positive number")
            }
            shape.append(value)
        }
        inputShape = shape
        self.shape = shape
        tensor = input.name
        guard let node = try nextNode() else {
            throw ModelFormatError(file: file, "input '\(input.name)' feeds no node")
        }
        switch node.opType {
        case "Quant":
            quantization = try index.activationQuantization(quant: node)
            tensor = node.outputs.first ?? ""
        case "QuantizeLinear":
            quantization = try index.activationQuantization(quantizeLinear: node)
            tensor = try dequantizerAfter(node, quantization: quantization)
        default:
            throw index.error(node, "reads the graph input directly; dnngen needs the input quantized first (Quant or QuantizeLinear)")
        }
        inputType = ActivationType(bits: quantization.bits, signed: quantization.signed)
        inputQuantization = quantization
    }

    /// The output of the `DequantizeLinear` after a `QuantizeLinear`, checked to undo it exactly;
    /// the `QuantizeLinear`'s own output when it is the graph's end.
    func dequantizerAfter(_ quantize: ONNXNode, quantization: ActivationQuantization) throws(ModelFormatError) -> String {
        guard let codes = quantize.outputs.first else { throw index.error(quantize, "has no output") }
        if index.isGraphOutput(codes) { return codes }
        let consumers = index.consumers(of: codes)
        guard consumers.count == 1, let dequantize = consumers.first, dequantize.opType == "DequantizeLinear" else {
            throw index.error(quantize, "must be followed by exactly one DequantizeLinear (a QDQ pair)")
        }
        let (scale, zeroPoint) = try index.dequantization(dequantize)
        guard scale == quantization.scale, zeroPoint == quantization.zeroPoint else {
            throw index.error(dequantize, "dequantizes with scale \(scale) and zero point \(zeroPoint), but its QuantizeLinear used \(quantization.scale) and \(quantization.zeroPoint)")
        }
        return dequantize.outputs.first ?? ""
    }

    /// A quantizer on an already-quantized tensor: harmless when it reproduces the same codes.
    private mutating func skipRepeatedQuantizer(_ node: ONNXNode) throws(ModelFormatError) {
        let again = node.opType == "Quant"
            ? try index.activationQuantization(quant: node)
            : try index.activationQuantization(quantizeLinear: node)
        guard again.sameCodes(as: quantization) else {
            throw index.error(node, "requantizes an activation (\(quantization.summary) to \(again.summary)) without a Conv, Gemm or MatMul before it; dnngen requantizes only after those")
        }
        tensor = node.opType == "Quant" ? node.outputs.first ?? "" : try dequantizerAfter(node, quantization: again)
    }

    private mutating func appendMaxPool(_ node: ONNXNode) throws(ModelFormatError) {
        guard shape.count == 3 else { throw index.error(node, "needs a [N, C, H, W] input, got [N, \(shape.map(String.init).joined(separator: ", "))]") }
        guard let kernel = try index.intsAttribute(node, "kernel_shape"), kernel.count == 2, kernel.allSatisfy({ $0 >= 1 }) else {
            throw index.error(node, "needs a two-element kernel_shape")
        }
        let stride = try index.intsAttribute(node, "strides") ?? [1, 1]
        let pads = try index.intsAttribute(node, "pads") ?? [0, 0, 0, 0]
        let dilations = try index.intsAttribute(node, "dilations") ?? [1, 1]
        guard stride.count == 2, stride.allSatisfy({ $0 >= 1 }) else { throw index.error(node, "strides \(stride) must be two positive integers") }
        guard pads.allSatisfy({ $0 == 0 }) else { throw index.error(node, "pads \(pads) are not supported (dnngen's maxpool has no padding)") }
        guard dilations.allSatisfy({ $0 == 1 }) else { throw index.error(node, "dilations \(dilations) are not supported") }
        guard try index.intAttribute(node, "ceil_mode", default: 0) == 0 else { throw index.error(node, "ceil_mode=1 is not supported") }
        guard try index.stringAttribute(node, "auto_pad", default: "NOTSET") == "NOTSET" else { throw index.error(node, "auto_pad is not supported") }
        guard node.outputs.count == 1 else { throw index.error(node, "the Indices output is not supported") }
        try append(node, .maxpool2d(MaxPool2DLayer(kernel: kernel, stride: stride)))
    }

    private mutating func appendFlatten(_ node: ONNXNode) throws(ModelFormatError) {
        let count = shape.reduce(1, *)
        if node.opType == "Flatten" {
            var axis = try index.intAttribute(node, "axis", default: 1)
            if axis < 0 { axis += shape.count + 1 }
            guard axis == 1 else { throw index.error(node, "axis \(axis) is not supported (only 1: keep the batch, flatten the rest)") }
        } else {
            let target = try index.constantInput(node, 1, what: "shape")
            let full = [1] + shape
            var resolved: [Int] = []
            for (position, value) in target.values.enumerated() {
                let dim = Int(value)
                resolved.append(dim == 0 && position < full.count ? full[position] : dim)
            }
            if let unknown = resolved.firstIndex(of: -1) {
                let known = resolved.enumerated().filter { $0.offset != unknown }.map { $0.element }.reduce(1, *)
                resolved[unknown] = known > 0 ? count / known : -1
            }
            guard resolved == [1, count] else {
                throw index.error(node, "reshapes [1, \(shape.map(String.init).joined(separator: ", "))] to \(target.values.map { Int($0) }); dnngen supports a reshape to [N, \(count)] only")
            }
        }
        guard shape.count != 1 else {
            tensor = node.outputs.first ?? ""
            return
        }
        try append(node, .flatten)
    }

    /// Appends `op` as a layer named after `node`, updates the shape, moves to its output.
    mutating func append(_ node: ONNXNode, _ op: LayerOp, name: String? = nil, output: String? = nil) throws(ModelFormatError) {
        let layer = Layer(name: name ?? layerName(for: node), op: op)
        do {
            let info = try layer.outputInfo(for: TensorInfo(shape: shape, type: quantization.type))
            shape = info.shape
        } catch {
            throw index.error(node, error.message)
        }
        layers.append(layer)
        tensor = output ?? node.outputs.first ?? ""
    }

    /// The node's name when it is a usable, unused one; else `<op><position>`.
    mutating func layerName(for node: ONNXNode) -> String {
        var name = node.name.isEmpty ? "\(node.opType.lowercased())\(layers.count)" : node.name
        if usedNames.contains(name) { name += "_\(layers.count)" }
        usedNames.insert(name)
        return name
    }

    private func modelName() -> String {
        index.graph.name.isEmpty ? "onnx_model" : index.graph.name
    }

    private func describe(_ dims: [ONNXValueInfo.Dimension]) -> String {
        "[" + dims.map { dim -> String in
            switch dim {
            case .value(let value): return String(value)
            case .symbol(let symbol): return symbol.isEmpty ? "?" : symbol
            }
        }.joined(separator: ", ") + "]"
    }
}
