/// A network after compaction: the pipeline of stages the hardware runs, plus what the adapters
/// at its edges do (which input elements to drop, which outputs are constants).
public struct CompactedNetwork: Equatable, Sendable {
    public var stages: [CompactedStage]
    public var inputShape: [Int]
    public var inputType: ActivationType
    /// Stream position → C-order index of the model input. Feature maps stream pixel by pixel,
    /// channels of a pixel together (HWC); vectors in order.
    public var inputOrder: [Int]
    /// Per stream position: whether the first stage reads it (the input adapter drops the rest).
    public var inputKeep: [Bool]
    /// For each network output element: nil when computed, else its constant value.
    public var outputConstants: [Int?]
    public var outputType: ActivationType

    /// Elements per input vector, as streamed (before dropping).
    public var inputCount: Int { inputOrder.count }

    public var matrices: [CompactedMatrix] {
        stages.compactMap { if case .matrix(let m) = $0 { return m } else { return nil } }
    }

    /// The same network with every input element read by the first layer (zero weights for
    /// the ones compaction dropped), so that the input stream needs no adapter and can carry
    /// several elements a beat. Only a vector feeding a dense layer changes.
    func keepingEveryInput() -> CompactedNetwork {
        guard inputShape.count == 1, case .matrix(var first)? = stages.first, case .vector = first.source else { return self }
        var copy = self
        first.source = .vector(columns: inputOrder)
        copy.stages[0] = .matrix(first)
        copy.inputKeep = inputOrder.map { _ in true }
        return copy
    }
}
