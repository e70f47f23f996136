/// `v = μ·v + g; p -= lr·v`.
struct MomentumSGD: Optimizer {
    var momentum: Float
    var velocity: [Float]

    init(parameterCount: Int, momentum: Float = 0.9) {
        self.momentum = momentum
        velocity = [Float](repeating: 0, count: parameterCount)
    }

    mutating func update(_ parameters: inout [Float], gradient: [Float], learningRate: Float) {
        let momentum = momentum
        velocity.withUnsafeMutableBufferPointer { v in
            parameters.withUnsafeMutableBufferPointer { p in
                gradient.withUnsafeBufferPointer { g in
                    for i in 0..<p.count {
                        v[i] = momentum * v[i] + g[i]
                        p[i] -= learningRate * v[i]
                    }
                }
            }
        }
    }
}
