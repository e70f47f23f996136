/// Reading and writing `model.bin`: a safetensors file whose metadata holds the graph (spec §1–2).
public enum ModelFile {
    /// The `format` metadata value of every model file.
    static let formatName = "dnngen-model"
    /// The only version this code reads and writes.
    static let version = "1"
    /// The largest element count of the input or of any layer's output. Far above any model we
    /// can build hardware for; it keeps all shape arithmetic, here and downstream, far from overflow.
    static let maximumActivationCount = 1 << 32

    /// Reads and fully validates the model file at `path`.
    ///
    /// - Parameter path: the file, named in errors exactly as given.
    /// - Throws: one `ModelFormatError` naming `path` and the layer or field at fault.
    public static func read(path: String) throws(ModelFormatError) -> Model {
        try decode(try FormatIO.readBytes(path: path), file: path)
    }

    /// Decodes and validates a model file's bytes; never traps, whatever the bytes.
    ///
    /// Checks every rule of the model-format spec: the safetensors container, the metadata, every
    /// key and value of the graph, each referenced tensor's dtype, shape and values, and that the
    /// layers' shapes chain (`Model.inferShapes()`). Linear in the size of the file.
    ///
    /// - Parameter file: the name used in errors (the path as the user gave it).
    /// - Throws: one `ModelFormatError` naming `file` and the layer or field at fault.
    public static func decode(_ bytes: [UInt8], file: String) throws(ModelFormatError) -> Model {
        let container = try SafeTensors.decode(bytes, file: file)
        let graph = try graphJSON(in: container, file: file)
        let reader = GraphReader(file: file, container: container)
        let model = try reader.model(from: graph)
        try checkActivationSizes(model, file: file)
        do {
            _ = try model.inferShapes()
        } catch {
            throw error.inFile(file)
        }
        return model
    }

    /// Writes `model` to `path` (atomically).
    ///
    /// - Throws: `ModelFormatError` naming `path` if the file cannot be written.
    public static func write(_ model: Model, to path: String) throws(ModelFormatError) {
        try FormatIO.writeBytes(encode(model), path: path)
    }

    /// Checks the metadata and parses the graph JSON it carries.
    private static func graphJSON(in container: SafeTensorsFile, file: String) throws(ModelFormatError) -> JSONValue {
        guard let format = container.metadata["format"] else {
            throw ModelFormatError(file: file, "metadata has no 'format' (not a dnngen model file)")
        }
        guard format == formatName else {
            throw ModelFormatError(file: file, "metadata 'format' is '\(format)', expected '\(formatName)'")
        }
        guard let version = container.metadata["version"] else {
            throw ModelFormatError(file: file, "metadata has no 'version'")
        }
        guard version == Self.version else {
            throw ModelFormatError(file: file, "metadata 'version' is '\(version)', but this dnngen reads version \(Self.version)")
        }
        guard let text = container.metadata["graph"] else {
            throw ModelFormatError(file: file, "metadata has no 'graph'")
        }
        do {
            return try JSONValue.parse(text)
        } catch {
            throw ModelFormatError(file: file, "metadata 'graph' is not valid JSON: \(error)")
        }
    }
}
