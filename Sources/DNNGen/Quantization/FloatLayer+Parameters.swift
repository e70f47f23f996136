extension FloatLayer {
    /// The weight tensor of a dense or conv layer, nil for other ops; settable for those two.
    var weight: FloatTensor? {
        get {
            switch op {
            case .dense(let dense): return dense.weight
            case .conv2d(let conv): return conv.weight
            case .maxpool2d, .flatten: return nil
            }
        }
        set {
            guard let newValue else { return }
            switch op {
            case .dense(var dense):
                dense.weight = newValue
                op = .dense(dense)
            case .conv2d(var conv):
                conv.weight = newValue
                op = .conv2d(conv)
            case .maxpool2d, .flatten:
                break
            }
        }
    }

    var bias: FloatTensor? {
        switch op {
        case .dense(let dense): return dense.bias
        case .conv2d(let conv): return conv.bias
        case .maxpool2d, .flatten: return nil
        }
    }

    /// Whether a ReLU follows (false for ops without one).
    var relu: Bool {
        switch op {
        case .dense(let dense): return dense.relu
        case .conv2d(let conv): return conv.relu
        case .maxpool2d, .flatten: return false
        }
    }
}
