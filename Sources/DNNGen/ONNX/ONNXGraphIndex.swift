/// Lookups over one ONNX graph: constant tensors (initializers and `Constant` nodes), the
/// producer and consumers of each tensor, and typed attribute reads that fail with the node's name.
struct ONNXGraphIndex {
    let graph: ONNXGraph
    let file: String
    /// Initializers plus the outputs of `Constant` nodes.
    private(set) var constants: [String: ONNXTensor]
    private var producers: [String: Int] = [:]
    private var consumers: [String: [Int]] = [:]

    init(graph: ONNXGraph, file: String) throws(ModelFormatError) {
        self.graph = graph
        self.file = file
        constants = graph.initializers
        for (index, node) in graph.nodes.enumerated() {
            for output in node.outputs where !output.isEmpty {
                guard producers[output] == nil, graph.initializers[output] == nil else {
                    throw ModelFormatError(file: file, "\(node.label): tensor '\(output)' is produced twice")
                }
                producers[output] = index
            }
            for input in node.inputs where !input.isEmpty {
                consumers[input, default: []].append(index)
            }
        }
        for node in graph.nodes where node.opType == "Constant" {
            guard node.outputs.count == 1, case .tensor(var tensor)? = node.attributes["value"] else {
                throw ModelFormatError(file: file, "\(node.label): only a Constant with a 'value' tensor is supported")
            }
            tensor.name = node.outputs[0]
            constants[node.outputs[0]] = tensor
        }
    }

    func error(_ node: ONNXNode, _ message: String) -> ModelFormatError {
        ModelFormatError(file: file, "\(node.label): \(message)")
    }

    func producer(of tensor: String) -> ONNXNode? {
        producers[tensor].map { graph.nodes[$0] }
    }

    /// The nodes reading `tensor`, in graph order.
    func consumers(of tensor: String) -> [ONNXNode] {
        (consumers[tensor] ?? []).map { graph.nodes[$0] }
    }

    func isGraphOutput(_ tensor: String) -> Bool {
        graph.outputs.contains { $0.name == tensor }
    }

    /// Input `index` of `node` as a constant tensor.
    func constantInput(_ node: ONNXNode, _ index: Int, what: String) throws(ModelFormatError) -> ONNXTensor {
        guard index < node.inputs.count, !node.inputs[index].isEmpty else {
            throw error(node, "has no \(what) input")
        }
        guard let tensor = constants[node.inputs[index]] else {
            throw error(node, "\(what) '\(node.inputs[index])' must be a constant (an initializer or Constant node)")
        }
        return tensor
    }

    /// Input `index` of `node` as a constant, or nil when the optional input is omitted.
    func optionalConstantInput(_ node: ONNXNode, _ index: Int, what: String) throws(ModelFormatError) -> ONNXTensor? {
        guard index < node.inputs.count, !node.inputs[index].isEmpty else { return nil }
        return try constantInput(node, index, what: what)
    }

    /// A constant that must hold exactly one value.
    func scalarInput(_ node: ONNXNode, _ index: Int, what: String) throws(ModelFormatError) -> Double {
        let tensor = try constantInput(node, index, what: what)
        guard tensor.count == 1 else {
            throw error(node, "\(what) '\(tensor.name)' has \(tensor.count) values, expected one")
        }
        return tensor.values[0]
    }

    func intAttribute(_ node: ONNXNode, _ name: String, default value: Int) throws(ModelFormatError) -> Int {
        switch node.attributes[name] {
        case nil: return value
        case .int(let v)?:
            guard v >= Int64(Int32.min), v <= Int64(Int32.max) else { throw error(node, "attribute '\(name)' \(v) is out of range") }
            return Int(v)
        default: throw error(node, "attribute '\(name)' must be an integer")
        }
    }

    func floatAttribute(_ node: ONNXNode, _ name: String, default value: Float) throws(ModelFormatError) -> Float {
        switch node.attributes[name] {
        case nil: return value
        case .float(let v)?: return v
        default: throw error(node, "attribute '\(name)' must be a float")
        }
    }

    func intsAttribute(_ node: ONNXNode, _ name: String) throws(ModelFormatError) -> [Int]? {
        switch node.attributes[name] {
        case nil: return nil
        case .ints(let values)?:
            guard values.allSatisfy({ $0 >= -65_536 && $0 <= 65_536 }) else {
                throw error(node, "attribute '\(name)' \(values) is out of range")
            }
            return values.map { Int($0) }
        default: throw error(node, "attribute '\(name)' must be a list of integers")
        }
    }

    func stringAttribute(_ node: ONNXNode, _ name: String, default value: String) throws(ModelFormatError) -> String {
        switch node.attributes[name] {
        case nil: return value
        case .string(let v)?: return v
        default: throw error(node, "attribute '\(name)' must be a string")
        }
    }
}
