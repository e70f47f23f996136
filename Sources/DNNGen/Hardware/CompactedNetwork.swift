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
}
