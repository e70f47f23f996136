// tb_dnngen_stream_select: unit bench for dnngen_stream_select.
//
// Sends N_VEC vectors of COUNT elements (element values from a formula) in
// three phases with (input gap %, output stall %) = (0,0), (25,25), (50,50),
// LFSR driven, and checks that exactly the elements with KEEP[i] = 1 come
// out, in order, and that dropped elements are always accepted. Ends with
// one PASS or FAIL line; FAIL and timeouts end in $fatal(1).

`resetall
`timescale 1ns / 1ps
`default_nettype none

module tb_dnngen_stream_select #(
    // dnngen_stream_select parameters.
    parameter COUNT = 7,
    parameter WIDTH = 8,
    parameter [COUNT-1:0] KEEP = 7'b1011010,
    // Vectors per phase.
    parameter N_VEC = 20,
    // LFSR seed.
    parameter SEED = 32'h0BAD_CAFE,
    // Cycles without progress before giving up.
    parameter TIMEOUT = 1000
);

`include "tb_common.vh"

    reg  [WIDTH-1:0] s_tdata;
    reg              s_tvalid = 1'b0;
    wire             s_tready;
    wire [WIDTH-1:0] m_tdata;
    wire             m_tvalid;
    reg              m_tready = 1'b0;

    dnngen_stream_select #(
        .COUNT(COUNT),
        .WIDTH(WIDTH),
        .KEEP(KEEP)
    ) dut_inst (
        .clk(clk),
        .rst(rst),
        .s_axis_tdata(s_tdata),
        .s_axis_tvalid(s_tvalid),
        .s_axis_tready(s_tready),
        .m_axis_tdata(m_tdata),
        .m_axis_tvalid(m_tvalid),
        .m_axis_tready(m_tready)
    );

    // Element e of the whole phase (vector e / COUNT, index e % COUNT).
    function [WIDTH-1:0] element;
        input integer e;
        element = e * 7 + 3;
    endfunction

    function integer kept_count;
        input [COUNT-1:0] keep;
        integer i;
        begin
            kept_count = 0;
            for (i = 0; i < COUNT; i = i + 1) begin
                if (keep[i]) kept_count = kept_count + 1;
            end
        end
    endfunction

    localparam K = kept_count(KEEP);

    reg [31:0]  src_lfsr = SEED;
    reg [31:0]  snk_lfsr = SEED ^ 32'h5A5A_0F0F;
    reg [WIDTH-1:0] expected [0:N_VEC*COUNT-1];

    integer phase = 0;
    integer pct = 0;
    integer cycle = 0;
    integer src_next = 0;     // next element to present
    integer src_cur = 0;      // element on s_axis
    integer exp_count = 0;    // kept elements sent in this phase
    integer snk_count = 0;    // elements received in this phase
    integer idle = 0;

    always @(posedge clk) begin
        cycle <= cycle + 1;
        if (!rst && phase < 3) begin
            src_lfsr <= lfsr_next(src_lfsr);
            snk_lfsr <= lfsr_next(snk_lfsr);
            idle = idle + 1;

            if (s_tvalid && !KEEP[src_cur % COUNT] && !s_tready) begin
                $display("MISMATCH cycle=%0d dropped element %0d not accepted", cycle, src_cur);
                mismatches = mismatches + 1;
            end
            if (s_tvalid && s_tready) begin
                idle = 0;
                if (KEEP[src_cur % COUNT]) begin
                    expected[exp_count] = element(src_cur);
                    exp_count = exp_count + 1;
                end
            end
            if (!s_tvalid || s_tready) begin
                if (src_next < N_VEC * COUNT && (src_lfsr % 100) >= pct) begin
                    s_tdata <= element(src_next);
                    s_tvalid <= 1'b1;
                    src_cur = src_next;
                    src_next = src_next + 1;
                end else begin
                    s_tvalid <= 1'b0;
                    s_tdata <= {WIDTH{1'bx}};
                end
            end

            if (m_tvalid && m_tready) begin
                idle = 0;
                if (snk_count >= exp_count || m_tdata !== expected[snk_count]) begin
                    `TB_MISMATCH(("MISMATCH phase=%0d idx=%0d got=%0d exp=%0d",
                                      phase + 1, snk_count, m_tdata, expected[snk_count]))
                end
                snk_count = snk_count + 1;
            end

            if (snk_count == N_VEC * K && src_next == N_VEC * COUNT && !s_tvalid) begin
                phase = phase + 1;
                pct = 25 * phase;
                src_next = 0;
                exp_count = 0;
                snk_count = 0;
                m_tready <= 1'b0;
            end else begin
                m_tready <= (snk_lfsr % 100) >= pct;
            end
        end
    end

    initial begin
        repeat (3) @(posedge clk);
        rst <= 1'b0;
        while (phase < 3 && idle <= TIMEOUT) @(posedge clk);
        if (phase < 3) begin
            $display("TIMEOUT phase=%0d", phase + 1);
            mismatches = mismatches + 1;
        end
        tb_verdict(3 * N_VEC, "");
    end

endmodule

`resetall
