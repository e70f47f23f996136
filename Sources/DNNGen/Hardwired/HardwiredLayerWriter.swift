/// Writes one hardwired layer as its own Verilog module: the adder network with its
/// constants, pipeline registers by stage, the clamps, and a stall-all-stages handshake.
///
/// Generated rather than a template because the network *is* the weights. Plain Verilog-2005:
/// unsigned vectors (offset binary, see `AdderNode`) with explicit zero extension, so every
/// operand has the width of its result (Verilator -Wall clean, no signedness rules to trip over).
struct HardwiredLayerWriter {
    let engine: HardwiredEngine
    let moduleName: String
    let layerName: String
    let inputType: ActivationType
    let header: String

    func text() -> String {
        let graph = engine.graph
        let columns = graph.inputCount
        let rows = engine.outputs.count
        let ib = inputType.bits
        let ob = engine.outputType.bits
        let stages = engine.stages
        let live = engine.liveNodes()
        let delay = engine.delays()
        let estimate = engine.estimate
        var lines: [String] = []
        lines.append(header + """
        //
        // Hardwired layer '\(layerName)': \(rows) outputs from \(columns) inputs, weights as constants.
        // One input vector a clock (element c at [c*\(ib) +: \(ib)]), one output vector a clock
        // (row r at [r*\(ob) +: \(ob)]). Latency \(stages) clocks; a stalled output holds every stage.
        // \(estimate.adders) adders (\(estimate.adderBits) adder bits), \(estimate.maxLevel) levels, at most \(engine.levelsPerStage) a stage.

        `resetall
        `timescale 1ns / 1ps
        `default_nettype none

        module \(moduleName) (
            input  wire        clk,
            input  wire        rst,
            // Inputs with only zero weights are left unread.
            /* verilator lint_off UNUSEDSIGNAL */
            input  wire [\(columns * ib - 1):0] s_axis_tdata,
            /* verilator lint_on UNUSEDSIGNAL */
            input  wire        s_axis_tvalid,
            output wire        s_axis_tready,
            output wire [\(rows * ob - 1):0] m_axis_tdata,
            output wire        m_axis_tvalid,
            input  wire        m_axis_tready
        );

        // Inputs with zero weights, and bits below a constant shift, are left unread.
        /* verilator lint_off UNUSEDSIGNAL */

        reg  [\(stages - 1):0] valid_reg;
        wire        ce = !valid_reg[\(stages - 1)] || m_axis_tready;
        assign s_axis_tready = ce;
        assign m_axis_tvalid = valid_reg[\(stages - 1)];

        always @(posedge clk) begin
            if (ce) begin
                valid_reg <= \(stages == 1 ? "s_axis_tvalid" : "{valid_reg[\(stages - 2):0], s_axis_tvalid}");
            end
            if (rst) begin
                valid_reg <= \(stages)'d0;
            end
        end

        """)
        var registers: [String] = []
        func ref(_ n: Int, at stage: Int) -> String {
            let d = stage - engine.stage(ofNode: n)
            return d == 0 ? "n\(n)" : "n\(n)_d\(d)"
        }
        // Bits `from ..< from+count` of node `n` (or of its complement), zero-extended.
        func operand(_ n: Int, at stage: Int, from: Int, width: Int, complement: Bool = false) -> String {
            Self.bits(ref(n, at: stage), width: graph.width(n), from: from, count: width, complement: complement)
        }
        for n in graph.nodes.indices where live[n] {
            let w = graph.width(n)
            let here = engine.stage(ofNode: n)
            switch graph.nodes[n] {
            case .input(let c):
                // Offset binary: a signed input's sign bit flipped (value + 2^(bits-1)).
                let top = graph.offsets[n] < 0 ? "~s_axis_tdata[\(c * ib + w - 1)]" : nil
                if let top, w > 1 {
                    lines.append("wire [\(w - 1):0] n\(n) = {\(top), s_axis_tdata[\(c * ib) +: \(w - 1)]};")
                } else {
                    lines.append("wire [\(w - 1):0] n\(n) = \(top ?? "s_axis_tdata[\(c * ib) +: \(w)]");")
                }
            case .add(let low, let high, let shift, let subtract):
                lines.append("wire [\(w - 1):0] n\(n);")
                if shift > 0 { lines.append("assign n\(n)[\(shift - 1):0] = \(operand(low, at: here, from: 0, width: shift));") }
                let k = w - shift
                lines.append("assign n\(n)[\(w - 1):\(shift)] = \(operand(low, at: here, from: shift, width: k)) + \(operand(high, at: here, from: 0, width: k, complement: subtract));")
            case .offset(let x, let shift, let negate, _):
                // Wiring: the operand (or its complement) shifted; the constant is in the offset.
                lines.append("wire [\(w - 1):0] n\(n);")
                if shift > 0 { lines.append("assign n\(n)[\(min(shift, w) - 1):0] = \(min(shift, w))'d0;") }
                if w > shift { lines.append("assign n\(n)[\(w - 1):\(shift)] = \(operand(x, at: here, from: 0, width: w - shift, complement: negate));") }
            }
            if delay[n] > 0 {
                for d in 1...delay[n] {
                    lines.append("reg  [\(w - 1):0] n\(n)_d\(d);")
                    registers.append("n\(n)_d\(d) <= \(d == 1 ? "n\(n)" : "n\(n)_d\(d - 1)");")
                }
            }
        }
        lines.append("")
        for (r, output) in engine.outputs.enumerated() {
            switch output {
            case .constant(let value):
                lines.append("assign m_axis_tdata[\(r * ob) +: \(ob)] = \(Self.literal(Int128(value), width: ob));")
            case .computed(let v, let shift, let halfEven):
                let here = engine.stage(ofLevel: engine.level(ofOutput: output))
                let vRange = graph.ranges[v]
                let divisor = Int128(1) << Int128(shift)
                let qLow = Self.floorDiv(vRange.lowerBound, divisor)
                let qHigh = Self.floorDiv(vRange.upperBound, divisor) + (halfEven ? 1 : 0)
                let outMin = Int128(engine.outputType.min)
                let outMax = Int128(engine.outputType.max)
                let wc = max(Analysis.signedWidth(qLow...qHigh), Analysis.signedWidth(outMin...outMax))
                // v = the node's bits + its offset: one constant add (carry chain, no LUT),
                // modulo 2^wt, where v fits.
                let wt = shift + wc
                let offset = graph.offsets[v]
                let u = operand(v, at: here, from: 0, width: wt)
                lines.append("wire [\(wt - 1):0] t\(r) = \(offset == 0 ? u : "\(u) + \(Self.literal(offset, width: wt))");")
                func vBits(from: Int, count: Int) -> String {
                    count == 1 ? "t\(r)[\(from)]" : "t\(r)[\(from + count - 1):\(from)]"
                }
                lines.append("wire [\(wc - 1):0] q\(r) = \(vBits(from: shift, count: wc));")
                var rounded = "q\(r)"
                if halfEven && shift > 0 {
                    let half = vBits(from: shift - 1, count: 1)
                    let sticky = shift > 1 ? "(|(\(vBits(from: 0, count: shift - 1)))) || " : ""
                    lines.append("wire        up\(r) = \(half) && (\(sticky)q\(r)[0]);")
                    lines.append("wire [\(wc - 1):0] r\(r) = q\(r) + {\(wc > 1 ? "\(wc - 1)'d0, " : "")up\(r)};")
                    rounded = "r\(r)"
                }
                let y = Self.clamp(rounded, width: wc, low: qLow, high: qHigh, type: engine.outputType)
                lines.append("wire [\(ob - 1):0] y\(r) = \(y);")
                let count = stages - here
                for d in 1...count {
                    lines.append("reg  [\(ob - 1):0] y\(r)_d\(d);")
                    registers.append("y\(r)_d\(d) <= \(d == 1 ? "y\(r)" : "y\(r)_d\(d - 1)");")
                }
                lines.append("assign m_axis_tdata[\(r * ob) +: \(ob)] = y\(r)_d\(count);")
            }
        }
        lines.append("""

        // Datapath registers: no reset; they advance with the valid bits.
        always @(posedge clk) begin
            if (ce) begin
        """)
        for line in registers { lines.append("        " + line) }
        lines.append("""
            end
        end

        /* verilator lint_on UNUSEDSIGNAL */

        endmodule

        `resetall

        """)
        return lines.joined(separator: "\n")
    }

    /// Bits `from ..< from+count` of `name`, a `width`-bit unsigned value (or its complement
    /// in `width` bits), zero-extended as far as needed.
    static func bits(_ name: String, width: Int, from: Int, count: Int, complement: Bool = false) -> String {
        let top = from + count - 1
        if from >= width { return "\(count)'d0" }
        let slice = top == from || (from == width - 1) ? "\(name)[\(from)]" : "\(name)[\(min(top, width - 1)):\(from)]"
        let bits = complement ? "~\(slice)" : slice
        if top <= width - 1 { return bits }
        return "{\(top - width + 1)'d0, \(bits)}"
    }

    /// The clamp of `name` (a `width`-bit two's complement value in `low ... high`) to the
    /// output type, tested on its top bits rather than by comparisons: with an unsigned type,
    /// negative means 0 and any bit above the type means all ones; with a signed type, top bits
    /// not all equal to the sign mean out of range. A LUT an output bit.
    static func clamp(_ name: String, width: Int, low: Int128, high: Int128, type: ActivationType) -> String {
        let ob = type.bits
        let value = "\(name)[\(ob - 1):0]"
        let negative = "\(name)[\(width - 1)]"
        let above = width - 1 > ob ? "(|\(name)[\(width - 2):\(ob)])" : nil
        if !type.signed {
            var y = value
            if high > Int128(type.max), let above { y = "(\(value) | {\(ob){\(above)}})" }
            if low < 0 { y = "(\(y) & {\(ob){~\(negative)}})" }
            return y
        }
        guard low < Int128(type.min) || high > Int128(type.max), width > ob else { return value }
        // In range iff bits width-1 ... ob-1 are all the sign.
        let top = "\(name)[\(width - 1):\(ob - 1)]"
        let inRange = "(\(top) == {\(width - ob + 1){1'b0}} || \(top) == {\(width - ob + 1){1'b1}})"
        let saturated = "{\(negative), {\(ob - 1){~\(negative)}}}"
        return "(\(inRange) ? \(value) : \(saturated))"
    }

    /// `value` modulo `2^width` as a sized hex literal.
    static func literal(_ value: Int128, width: Int) -> String {
        let bits = UInt128(truncatingIfNeeded: value)
        let masked = width >= 128 ? bits : bits & ((UInt128(1) << UInt128(width)) - 1)
        return "\(width)'h" + String(masked, radix: 16)
    }

    static func floorDiv(_ a: Int128, _ b: Int128) -> Int128 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}
