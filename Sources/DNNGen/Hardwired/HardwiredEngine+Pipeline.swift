/// Where the pipeline registers go, and what the layer costs.
extension HardwiredEngine {
    /// Whether node `n` holds an adder (inputs and the wiring of an offset do not).
    func isAdder(_ n: Int) -> Bool {
        if case .add = graph.nodes[n] { return true }
        return false
    }

    /// Stage (0-based) whose combinational logic computes node `n`; inputs arrive in stage 0.
    func stage(ofNode n: Int) -> Int { stage(ofLevel: graph.levels[n]) }

    func stage(ofLevel level: Int) -> Int { level <= 0 ? 0 : (level - 1) / levelsPerStage }

    /// Adder levels of an output: its value, the constant add and clamp, and the half-to-even increment.
    func level(ofOutput output: HardwiredOutput) -> Int {
        guard case .computed(let value, _, let halfEven) = output else { return 0 }
        return graph.levels[value] + 1 + (halfEven ? 1 : 0)
    }

    /// Clocks from an input beat to its output beat; every output is registered at least once.
    public var stages: Int {
        1 + (outputs.map { stage(ofLevel: level(ofOutput: $0)) }.max() ?? 0)
    }

    /// Per node, how many clocks after its own stage a reader needs it (registers to hold it).
    func delays() -> [Int] {
        var delay = [Int](repeating: 0, count: graph.nodes.count)
        for (n, node) in graph.nodes.enumerated() {
            let here = stage(ofNode: n)
            switch node {
            case .input: break
            case .add(let low, let high, _, _):
                delay[low] = max(delay[low], here - stage(ofNode: low))
                delay[high] = max(delay[high], here - stage(ofNode: high))
            case .offset(let operand, _, _, _):
                delay[operand] = max(delay[operand], here - stage(ofNode: operand))
            }
        }
        for output in outputs {
            guard case .computed(let value, _, _) = output else { continue }
            let here = stage(ofLevel: level(ofOutput: output))
            delay[value] = max(delay[value], here - stage(ofNode: value))
        }
        return delay
    }

    /// Nodes some output depends on (the rest are never emitted).
    func liveNodes() -> [Bool] {
        var live = [Bool](repeating: false, count: graph.nodes.count)
        for output in outputs { if case .computed(let value, _, _) = output { live[value] = true } }
        for n in graph.nodes.indices.reversed() where live[n] {
            switch graph.nodes[n] {
            case .input: break
            case .add(let low, let high, _, _): live[low] = true; live[high] = true
            case .offset(let operand, _, _, _): live[operand] = true
            }
        }
        return live
    }

    /// Bits of node `n` that need a LUT: where both operands have bits. Below, the low operand
    /// passes through; above the narrower operand, the wider one and the carry ride the carry
    /// chain alone (offset binary: nothing is sign-extended).
    func adderBits(_ n: Int) -> Int {
        guard case .add(let low, let high, let shift, _) = graph.nodes[n] else { return 0 }
        let top = min(graph.width(n), graph.width(low), shift + graph.width(high))
        return max(0, top - shift)
    }

    /// The area estimate: adders and their bits (on a carry-chain FPGA about one LUT a bit),
    /// the clamp of each output, and the pipeline's flip-flops.
    public var estimate: HardwiredEstimate {
        let live = liveNodes()
        let delay = delays()
        var result = HardwiredEstimate()
        for n in graph.nodes.indices where live[n] {
            if isAdder(n) {
                result.adders += 1
                result.adderBits += adderBits(n)
            }
            result.registerBits += delay[n] * graph.width(n)
        }
        for output in outputs {
            guard case .computed = output else { continue }
            result.registerBits += (stages - stage(ofLevel: level(ofOutput: output))) * outputType.bits
            result.clampedOutputs += 1
        }
        result.registerBits += stages
        result.maxLevel = outputs.map { level(ofOutput: $0) }.max() ?? 0
        return result
    }
}

/// What a hardwired layer costs, from its adder network.
public struct HardwiredEstimate: Equatable, Sendable {
    public var adders = 0
    /// Sum over adders of the bits where both operands have bits (a LUT each).
    public var adderBits = 0
    /// Outputs with a clamp (the others are constants).
    public var clampedOutputs = 0
    /// Pipeline flip-flops, valid bits included.
    public var registerBits = 0
    /// Adder levels on the longest path, clamp included.
    public var maxLevel = 0

    /// LUTs on a 6-input-LUT FPGA with carry chains: one a bit where an adder's operands
    /// overlap (Yosys synth_xilinx rides the zero extension and the constant adds on the carry
    /// chain without a LUT) and eight per clamped output (one an output bit). Checked against
    /// synth_xilinx in a test.
    public var luts: Int { adderBits + clampedOutputs * 8 }
}
