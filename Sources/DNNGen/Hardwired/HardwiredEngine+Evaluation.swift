/// The hardwired network evaluated in software, node by node, as the hardware computes it:
/// lets tests check the network against the reference without a simulator.
extension HardwiredEngine {
    /// The layer's outputs for one input vector (in the engine's column order).
    func evaluate(_ inputs: [Int]) -> [Int] {
        var values = [Int128](repeating: 0, count: graph.nodes.count)
        for (n, node) in graph.nodes.enumerated() {
            switch node {
            case .input(let index):
                values[n] = Int128(inputs[index])
            case .add(let low, let high, let shift, let subtract):
                let shifted = values[high] << Int128(shift)
                values[n] = subtract ? values[low] - shifted : values[low] + shifted
            case .offset(let operand, let shift, let negate, let constant):
                let shifted = values[operand] << Int128(shift)
                values[n] = negate ? constant - shifted : constant + shifted
            }
        }
        return outputs.map { output in
            switch output {
            case .constant(let value):
                return value
            case .computed(let node, let shift, let halfEven, let inverted):
                let v = inverted ? ~values[node] : values[node]
                var q = v >> Int128(shift)
                if halfEven && shift > 0 {
                    let half = (v >> Int128(shift - 1)) & 1 == 1
                    let sticky = v & ((Int128(1) << Int128(shift - 1)) - 1) != 0
                    if half && (sticky || q & 1 == 1) { q += 1 }
                }
                return outputType.clamp(q)
            }
        }
    }
}
