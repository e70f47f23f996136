import Foundation

/// The classification loss: `-log softmax(z)[label]`, computed stably from `z - max(z)`.
enum SoftmaxCrossEntropy {
    /// One sample's loss and predicted class (the first largest logit); writes
    /// `gradient = (softmax(z) - onehot(label)) × gradientScale`, the loss gradient of the logits.
    ///
    /// - Precondition: `count >= 1`; a label outside `0..<count` has no one-hot entry.
    @inline(__always)
    static func evaluate(logits: UnsafePointer<Float>, count: Int, label: Int, gradient: UnsafeMutablePointer<Float>,
                         gradientScale: Float) -> (loss: Double, predicted: Int) {
        var predicted = 0
        for i in 1..<count where logits[i] > logits[predicted] { predicted = i }
        let largest = logits[predicted]
        var sum: Double = 0
        for i in 0..<count { sum += Foundation.exp(Double(logits[i] - largest)) }
        let logSum = Foundation.log(sum)
        for i in 0..<count {
            let probability = Foundation.exp(Double(logits[i] - largest) - logSum)
            gradient[i] = Float(probability - (i == label ? 1 : 0)) * gradientScale
        }
        let loss = label >= 0 && label < count ? logSum - Double(logits[label] - largest) : 0
        return (loss, predicted)
    }
}
