/// The hardwired network evaluated in software, node by node, as the hardware computes it
/// (offset-binary bits of each node's width, complements, the output's constant add): lets
/// tests check the network against the reference without a simulator.
extension HardwiredEngine {
    /// The layer's outputs for one input vector (in the engine's column order).
    func evaluate(_ inputs: [Int]) -> [Int] {
        var bits = [Int128](repeating: 0, count: graph.nodes.count)
        func complement(_ n: Int) -> Int128 { graph.complementOffset(n) - bits[n] }
        for (n, node) in graph.nodes.enumerated() {
            let value: Int128
            switch node {
            case .input(let index):
                value = Int128(inputs[index]) - graph.offsets[n]
            case .add(let low, let high, let shift, let subtract):
                value = bits[low] + (subtract ? complement(high) : bits[high]) << Int128(shift)
            case .offset(let operand, let shift, let negate, _):
                value = (negate ? complement(operand) : bits[operand]) << Int128(shift)
            }
            bits[n] = value & graph.complementOffset(n)  // the node's width, modulo 2^width
        }
        return outputs.map { output in
            switch output {
            case .constant(let value):
                return value
            case .computed(let node, let shift, let halfEven):
                let v = bits[node] + graph.offsets[node]
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
