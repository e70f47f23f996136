/// Writes `tb/tb.v`: the generic checker `dnngen_tb` (from testbenches/) wired to the design.
struct TestbenchWriter {
    let plan: HardwarePlan
    let vectors: TestVectors
    let context: GenerationContext
    let seed: UInt64

    /// Cycles without an output before the bench gives up: generous against the plan's interval.
    var timeout: Int { 1000 + 20 * plan.initiationInterval + 10 * plan.engines.reduce(0) { $0 + $1.cycles } }

    func text(top: String) -> String {
        let network = plan.network
        let inWidth = network.inputType.bits
        let outWidth = network.outputType.bits
        return context.header("//", purpose: "Testbench: drives the reference's vectors with random gaps and back-pressure, checks every output.", modelName: plan.modelName) + """

        `timescale 1ns / 1ps
        `default_nettype none

        module tb;

        wire                clk;
        wire                rst;
        wire [\(plan.inputLanes * inWidth - 1):0]        s_tdata;
        wire                s_tvalid;
        wire                s_tlast;
        wire                s_tready;
        wire [\(plan.outputLanes * outWidth - 1):0]        m_tdata;
        wire                m_tvalid;
        wire                m_tlast;
        wire                m_tready;

        dnngen_tb #(
            .IN_WIDTH(\(inWidth)),
            .IN_SIGNED(\(network.inputType.signed ? 1 : 0)),
            .OUT_WIDTH(\(outWidth)),
            .OUT_SIGNED(\(network.outputType.signed ? 1 : 0)),
            .IN_LEN(\(network.inputCount)),
            .OUT_LEN(\(network.outputConstants.count)),
            .IN_LANES(\(plan.inputLanes)),
            .OUT_LANES(\(plan.outputLanes)),
            .N_VEC(\(vectors.inputs.count)),
            .INPUT_FILE("tb/input.hex"),
            .EXPECTED_FILE("tb/expected.hex"),
            .ACTUAL_FILE("tb/actual.txt"),
            .SEED(\(seed % 0x7fff_ffff + 1)),
            .TIMEOUT(\(timeout))
        ) bench (
            .clk(clk),
            .rst(rst),
            .dut_s_tdata(s_tdata),
            .dut_s_tvalid(s_tvalid),
            .dut_s_tlast(s_tlast),
            .dut_s_tready(s_tready),
            .dut_m_tdata(m_tdata),
            .dut_m_tvalid(m_tvalid),
            .dut_m_tlast(m_tlast),
            .dut_m_tready(m_tready)
        );

        \(top) dut (
            .clk(clk),
            .rst(rst),
            .s_axis_tdata(s_tdata),
            .s_axis_tvalid(s_tvalid),
            .s_axis_tready(s_tready),
            .s_axis_tlast(s_tlast),
            .m_axis_tdata(m_tdata),
            .m_axis_tvalid(m_tvalid),
            .m_axis_tready(m_tready),
            .m_axis_tlast(m_tlast)
        );

        endmodule

        `default_nettype wire

        """
    }
}
