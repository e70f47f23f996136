import DNNGen
import Foundation

/// The model a command works on: the file the user named (model.bin, or a quantized ONNX model
/// imported on the fly), or the built-in example.
struct ModelSource {
    var model: Model
    var bytes: [UInt8]
    /// How the model is named in messages and headers.
    var displayName: String

    init(path: String?) throws(ModelFormatError) {
        if let path, ONNXImporter.isONNXPath(path) {
            // Headers and hashes name the model.bin the import would write.
            model = try ONNXImporter.read(path: path).model
            bytes = ModelFile.encode(model)
            displayName = path
            return
        }
        if let path {
            bytes = try FormatIO.readBytes(path: path)
            displayName = path
        } else {
            bytes = BuiltInExample.bytes
            displayName = BuiltInExample.fileName
        }
        let decoded = try ModelFile.decode(bytes, file: displayName)
        // The reference computes in 128 bits; a model that could overflow them is refused up front.
        do throws(GraphError) {
            try Analysis.checkArithmeticLimits(decoded)
        } catch {
            throw error.inFile(displayName)
        }
        model = decoded
    }

    /// Refuses, in one message naming the file, a model beyond what a command can do quickly.
    func check(_ limits: ModelLimits) throws(ModelFormatError) {
        do throws(GraphError) {
            try limits.check(model)
        } catch {
            throw error.inFile(displayName)
        }
    }
}

/// Reads an integer `.npy` of samples for `model`: `[N, *input shape]` or one `input shape`.
func readInputs(path: String, for model: Model) throws(ModelFormatError) -> [[Int]] {
    let array = try NPY.read(path: path)
    let shape = model.inputShape
    let count = shape.reduce(1, *)
    let samples: Int
    if array.shape == shape {
        samples = 1
    } else if array.shape.count == shape.count + 1, Array(array.shape.dropFirst()) == shape {
        samples = array.shape[0]
    } else {
        throw ModelFormatError(file: path, "array has shape \(array.shape), expected [N, \(shape.map(String.init).joined(separator: ", "))] or \(shape) for model input")
    }
    guard samples >= 1 else { throw ModelFormatError(file: path, "holds no samples") }
    let type = model.inputType
    if let bad = array.values.firstIndex(where: { !type.contains($0) }) {
        throw ModelFormatError(file: path, "element \(bad) is \(array.values[bad]), outside the input type \(type.shortName) [\(type.min), \(type.max)]")
    }
    return (0..<samples).map { Array(array.values[($0 * count)..<(($0 + 1) * count)]) }
}

/// Writes outputs as int32 `[N, *shape]`.
func writeOutputs(_ outputs: [[Int]], shape: [Int], to path: String) throws(ModelFormatError) {
    let array = NPYArray(shape: [outputs.count] + shape, values: outputs.flatMap { $0 }, dtype: "<i4")
    try NPY.write(array, to: path)
}

/// The command line as typed, for generated headers: the tool name and the arguments only.
func commandLineForHeader() -> String {
    (["dnngen"] + CommandLine.arguments.dropFirst()).joined(separator: " ")
}
