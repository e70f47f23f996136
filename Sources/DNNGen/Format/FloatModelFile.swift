/// Reading and writing float models: a safetensors file with `F32` tensors whose metadata holds
/// a graph without integer fields (docs/float-model-format.md).
public enum FloatModelFile {
    /// The `format` metadata value of every float model file.
    public static let formatName = "dnngen-float-model"
    /// The only version this code reads and writes.
    static let version = "1"

    /// What the shared container reader expects of a float model file.
    static let kind = ModelContainer.Kind(
        formatName: formatName, versions: [version], noun: "float model", inputKeys: ["shape", "scale"],
        inputOwner: "a float model's input (it has no integer type)",
        otherKinds: [ModelFile.formatName: "this is an integer model"])

    /// Reads and fully validates the float model file at `path`.
    ///
    /// - Throws: one `ModelFormatError` naming `path` and the layer or field at fault.
    public static func read(path: String) throws(ModelFormatError) -> FloatModel {
        try decode(try FormatIO.readBytes(path: path), file: path)
    }

    /// Whether `bytes` are a safetensors file whose metadata says `"format": "dnngen-float-model"`
    /// (so a caller can tell float models from integer ones before reading either).
    public static func isFloatModel(_ bytes: [UInt8]) -> Bool {
        (try? SafeTensors.decode(bytes, file: ""))?.metadata["format"] == formatName
    }

    /// Decodes and validates a float model file's bytes; never traps, whatever the bytes.
    ///
    /// Checks the safetensors container, the metadata (`format`, `version`, `graph`), every key
    /// and value of the graph, each referenced tensor (`F32`, its shape, finite values), and that
    /// the layers' shapes chain. Linear in the size of the file.
    ///
    /// - Parameter file: the name used in errors (the path as the user gave it).
    /// - Throws: one `ModelFormatError` naming `file` and the layer or field at fault.
    public static func decode(_ bytes: [UInt8], file: String) throws(ModelFormatError) -> FloatModel {
        try ModelContainer.decodeModel(bytes, file: file, kind: kind) { container throws(ModelFormatError) in
            try FloatGraphReader(container: container).model()
        } inferShapes: { model throws(GraphError) in
            _ = try model.inferShapes()
        }
    }

    /// Writes `model` to `path` (atomically).
    ///
    /// - Throws: `ModelFormatError` naming `path` if the file cannot be written.
    public static func write(_ model: FloatModel, to path: String) throws(ModelFormatError) {
        try FormatIO.writeBytes(encode(model), path: path)
    }
}
