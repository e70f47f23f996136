/// How many units of each layer survive: a rate of its own, or its share of a global target.
///
/// The split rule for a global target: a layer of `n` weights keeps `min(n, c·√n)` of them,
/// `c` chosen so the kept weights of all those layers meet the target. Large layers are pruned
/// harder and small ones (the first convolution, the classifier) gently, as the per-layer rates
/// in the ADMM pruning papers are. A structured layer's units are rounded to the nearest
/// whole number, at least 1.
///
/// Never pruned by filter: the last layer (its rows are the network's outputs). Never pruned by
/// channel: a first conv2d layer (its channels are the image's).
enum LayerBudgets {
    /// Units kept per layer, in layer order.
    ///
    /// - Throws: `CompressionError` if a named layer does not exist or cannot be pruned so.
    static func unitsKept(layers: [PrunableLayer], request: PruningRequest, firstIsConv: Bool)
        throws(CompressionError) -> [Int]
    {
        let names = Set(layers.map(\.name))
        for name in request.layers.keys.sorted() where !names.contains(name) {
            throw CompressionError("--prune names layer '\(name)', which is not a dense or conv2d layer of the model (it has \(layers.map(\.name).joined(separator: ", ")))")
        }
        func exempt(_ index: Int) -> Bool {
            switch request.kind {
            case .filter: return index == layers.count - 1
            case .channel: return index == 0 && firstIsConv
            case .irregular, .shape: return false
            }
        }
        for (index, layer) in layers.enumerated() where exempt(index) && request.layers[layer.name] != nil {
            let why = request.kind == .filter ? "its rows are the network's outputs" : "its channels are the input image's"
            throw CompressionError("layer '\(layer.name)' cannot be pruned by \(request.kind.rawValue): \(why)")
        }
        let shared = layers.indices.filter { !exempt($0) && request.layers[layers[$0].name] == nil }
        var keptWeights = layers.map { Double($0.weightCount) }
        if let global = request.global {
            let sizes = shared.map { Double(layers[$0].weightCount) }
            let shares = splitBySquareRoot(sizes: sizes, target: global.keptFraction * sizes.reduce(0, +))
            for (slot, index) in shared.enumerated() { keptWeights[index] = shares[slot] }
        }
        for (index, layer) in layers.enumerated() {
            if let rate = request.layers[layer.name] { keptWeights[index] = rate.keptFraction * Double(layer.weightCount) }
        }
        return layers.indices.map { index in
            let layer = layers[index]
            let units = layer.unitCount(request.kind)
            let wanted = (keptWeights[index] / Double(layer.unitSize(request.kind))).rounded()
            return Swift.min(units, Swift.max(1, Int(wanted)))
        }
    }

    /// `min(size, c·√size)` for each size, with `c` found by bisection so they sum to `target`
    /// (within a thousandth of a weight).
    static func splitBySquareRoot(sizes: [Double], target: Double) -> [Double] {
        func shares(_ c: Double) -> [Double] { sizes.map { Swift.min($0, c * $0.squareRoot()) } }
        var low = 0.0
        var high = (sizes.max() ?? 0).squareRoot()  // every layer whole
        for _ in 0..<200 where high - low > 1e-9 {
            let middle = (low + high) / 2
            if shares(middle).reduce(0, +) < target { low = middle } else { high = middle }
        }
        return shares(high)
    }
}
