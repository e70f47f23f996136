/// Reading and writing `model.bin`: a safetensors file whose metadata holds the graph (docs/model-format.md §1–2).
public enum ModelFile {
    /// The `format` metadata value of every model file.
    static let formatName = "dnngen-model"
    /// The version written for models without zero points (readable by every dnngen).
    static let version = "1"
    /// The version written when an output has a zero point (imported asymmetric models).
    static let zeroPointVersion = "2"
    /// The largest element count of the input or of any layer's output. Far above any model we
    /// can build hardware for; it keeps all shape arithmetic, here and downstream, far from overflow.
    static let maximumActivationCount = 1 << 32

    /// What the shared container reader expects of a model file.
    static let kind = ModelContainer.Kind(
        formatName: formatName, versions: [version, zeroPointVersion], noun: "model", inputKeys: ["shape", "bits", "signed"], inputOwner: nil,
        otherKinds: ["dnngen-float-model": "this is a float model; dnngen quantize or compress turns it into a model"])

    /// Reads and fully validates the model file at `path`.
    ///
    /// - Parameter path: the file, named in errors exactly as given.
    /// - Throws: one `ModelFormatError` naming `path` and the layer or field at fault.
    public static func read(path: String) throws(ModelFormatError) -> Model {
        try decode(try FormatIO.readBytes(path: path), file: path)
    }

    /// Decodes and validates a model file's bytes; never traps, whatever the bytes.
    ///
    /// Checks every rule of docs/model-format.md: the safetensors container, the metadata, every
    /// key and value of the graph, each referenced tensor's dtype, shape and values, and that the
    /// layers' shapes chain (`Model.inferShapes()`). Linear in the size of the file.
    ///
    /// - Parameter file: the name used in errors (the path as the user gave it).
    /// - Throws: one `ModelFormatError` naming `file` and the layer or field at fault.
    public static func decode(_ bytes: [UInt8], file: String) throws(ModelFormatError) -> Model {
        try ModelContainer.decodeModel(bytes, file: file, kind: kind) { container throws(ModelFormatError) in
            let model = try GraphReader(container: container).model()
            try checkActivationSizes(model, file: file)
            return model
        } inferShapes: { model throws(GraphError) in
            _ = try model.inferShapes()
        }
    }

    /// Writes `model` to `path` (atomically).
    ///
    /// - Throws: `ModelFormatError` naming `path` if the file cannot be written.
    public static func write(_ model: Model, to path: String) throws(ModelFormatError) {
        try FormatIO.writeBytes(encode(model), path: path)
    }
}
