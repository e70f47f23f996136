import DNNGen
import Foundation

/// `dnngen import MODEL.onnx -o model.bin`: a quantized ONNX model (QONNX or QDQ) to model.bin.
struct ImportCommand: Command {
    static let name = "import"
    static let abstract = "Import a quantized ONNX model (QONNX from Brevitas/FINN, QDQ from onnxruntime) as model.bin."
    static let help = """
    USAGE: dnngen import MODEL.onnx -o MODEL.bin

    Reads a quantized ONNX model and writes the equivalent integer model.bin. Every command that
    takes a model also takes the .onnx file directly (dnngen rtl model.onnx, dnngen run ...).

    Accepted graphs: one input, batch dimension 1 or symbolic, quantized first (Quant or a
    QuantizeLinear/DequantizeLinear pair), then a chain of Conv, Gemm and MatMul layers (bias
    input or Add, BatchNormalization folded, Relu) each followed by a quantizer, MaxPool, and
    Flatten/Reshape to a vector; Identity and Dropout are skipped. Weights come from Quant,
    BipolarQuant (binary) or DequantizeLinear on constants, per tensor or per output channel.
    Inputs of the imported model are the input quantizer's codes, its outputs the last
    quantizer's codes; activation zero points are kept (model format version 2).
    Each layer's requantization m·2^-s comes from s_in·s_w/s_out; with power-of-two scales it
    is exact. The summary names any layer whose float bias had to be rounded.

    OPTIONS:
      -o, --output FILE   where to write model.bin

    """

    var inputPath: String
    var outputPath: String

    init(arguments: inout ArgumentList) throws {
        outputPath = try arguments.outputFile(example: "dnngen import model.onnx -o model.bin")
        guard let path = try arguments.positionals(max: 1).first else {
            throw UsageError("import: give the ONNX model, e.g. dnngen import model.onnx -o model.bin")
        }
        inputPath = path
    }

    func run() throws -> Int32 {
        try FormatIO.checkOutputFile(outputPath)
        let imported = try ONNXImporter.read(path: inputPath)
        let model = imported.model
        try ModelFile.write(model, to: outputPath)
        let output = try model.outputInfo()
        Console.line("import: \(inputPath) (\(model.name)) -> \(outputPath), \(model.layers.count) layers")
        for layer in model.layers {
            Console.line("  \(layer.name): \(layer.op.opName)\(describe(layer))")
        }
        Console.line("  input  \(model.inputShape) \(model.inputType.shortName): code = round(x / \(imported.inputScale)) + \(imported.inputZeroPoint)")
        Console.line("  output \(output.shape) \(output.type.shortName): real = \(imported.outputScale) * (code - \(imported.outputZeroPoint))")
        if imported.approximateLayers.isEmpty {
            Console.line("  requantization: every bias is exact in the accumulator's unit")
        } else {
            Console.line("  requantization: float bias rounded to the accumulator's unit in \(imported.approximateLayers.joined(separator: ", "))")
        }
        return 0
    }

    private func describe(_ layer: Layer) -> String {
        switch layer.op {
        case .dense(let dense):
            return " \(dense.weight.shape), \(dense.weightKind.rawValue)\(dense.weightBits) weights, output \(dense.output.shortName)\(zeroPoint(dense.output))"
        case .conv2d(let conv):
            return " \(conv.weight.shape), \(conv.weightKind.rawValue)\(conv.weightBits) weights, output \(conv.output.shortName)\(zeroPoint(conv.output))"
        case .maxpool2d(let pool):
            return " kernel \(pool.kernel), stride \(pool.stride)"
        case .flatten:
            return ""
        }
    }

    private func zeroPoint(_ type: ActivationType) -> String {
        type.zeroPoint == 0 ? "" : " zero point \(type.zeroPoint)"
    }
}
