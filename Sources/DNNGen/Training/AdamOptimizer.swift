import Foundation

/// Adam: running means of the gradient and its square, bias-corrected.
struct AdamOptimizer: Optimizer {
    var beta1: Float = 0.9
    var beta2: Float = 0.999
    var epsilon: Float = 1e-8
    var firstMoment: [Float]
    var secondMoment: [Float]
    /// Updates made so far.
    var steps = 0

    init(parameterCount: Int) {
        firstMoment = [Float](repeating: 0, count: parameterCount)
        secondMoment = [Float](repeating: 0, count: parameterCount)
    }

    mutating func update(_ parameters: inout [Float], gradient: [Float], learningRate: Float) {
        steps += 1
        let (beta1, beta2, epsilon) = (beta1, beta2, epsilon)
        let correction1 = Float(1 - Foundation.pow(Double(beta1), Double(steps)))
        let correction2 = Float(1 - Foundation.pow(Double(beta2), Double(steps)))
        firstMoment.withUnsafeMutableBufferPointer { m in
            secondMoment.withUnsafeMutableBufferPointer { v in
                parameters.withUnsafeMutableBufferPointer { p in
                    gradient.withUnsafeBufferPointer { g in
                        for i in 0..<p.count {
                            m[i] = beta1 * m[i] + (1 - beta1) * g[i]
                            v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i]
                            p[i] -= learningRate * (m[i] / correction1) / ((v[i] / correction2).squareRoot() + epsilon)
                        }
                    }
                }
            }
        }
    }
}
