// tb_dnngen_fifo: unit bench for dnngen_fifo.
//
// Pushes N_WORDS words and pops them with LFSR-driven tvalid gaps and tready
// stalls in three phases (25/75, 50/50, 75/25 % idle on the input/output
// side, so the FIFO runs empty and full), against a plain queue model:
// checks order and data, count, s_axis_tready = (count < DEPTH),
// m_axis_tvalid = (count > 0), and that a stalled output holds.
// Ends with one PASS or FAIL line; FAIL ends in $fatal(1).

`resetall
`timescale 1ns / 1ps
`default_nettype none

module tb_dnngen_fifo #(
    // dnngen_fifo parameters.
    parameter WIDTH = 8,
    parameter DEPTH = 8,
    // Words per phase.
    parameter N_WORDS = 400,
    // LFSR seed.
    parameter SEED = 32'h1F2E_3D4C
);

    localparam CW = $clog2(DEPTH) + 1;

`include "tb_common.vh"

    reg  [WIDTH-1:0] s_tdata;
    reg              s_tvalid = 1'b0;
    wire             s_tready;
    wire [WIDTH-1:0] m_tdata;
    wire             m_tvalid;
    reg              m_tready = 1'b0;
    wire [CW-1:0]    count;

    dnngen_fifo #(
        .WIDTH(WIDTH),
        .DEPTH(DEPTH)
    ) dut_inst (
        `TB_UNIT_PORTS,
        .count(count)
    );

    function [WIDTH-1:0] word;
        input integer n;
        word = n * 13 + 5;
    endfunction

    reg [31:0] src_lfsr = SEED;
    reg [31:0] snk_lfsr = SEED ^ 32'h5A5A_0F0F;

    integer phase = 0;
    integer cycle = 0;
    integer pushed = 0;
    integer popped = 0;
    integer level = 0;      // model count
    integer saw_full = 0;
    integer saw_empty = 0;
    // The output stream rule: a stalled beat holds its valid and data.
    `TB_HOLD_CHECK(WIDTH, !rst && phase < 3, m_tdata)

    always @(posedge clk) begin
        cycle <= cycle + 1;
        if (!rst && phase < 3) begin
            src_lfsr <= lfsr_next(src_lfsr);
            snk_lfsr <= lfsr_next(snk_lfsr);

            if (count !== level || s_tready !== (level < DEPTH) || m_tvalid !== (level > 0)) begin
                `TB_MISMATCH(("MISMATCH cycle=%0d count=%0d exp=%0d tready=%b tvalid=%b",
                                   cycle, count, level, s_tready, m_tvalid))
            end
            if (level == DEPTH) saw_full = saw_full + 1;
            if (level == 0) saw_empty = saw_empty + 1;
            if (s_tvalid && s_tready) begin
                pushed = pushed + 1;
                level = level + 1;
            end
            if (m_tvalid && m_tready) begin
                if (m_tdata !== word(popped)) begin
                    `TB_MISMATCH(("MISMATCH word=%0d got=%0d exp=%0d", popped, m_tdata, word(popped)))
                end
                popped = popped + 1;
                level = level - 1;
            end

            if (!s_tvalid || s_tready) begin
                if (pushed < N_WORDS * (phase + 1) && (src_lfsr % 100) >= 25 * (phase + 1)) begin
                    s_tdata <= word(pushed);
                    s_tvalid <= 1'b1;
                end else begin
                    s_tvalid <= 1'b0;
                    s_tdata <= {WIDTH{1'bx}};
                end
            end
            m_tready <= (snk_lfsr % 100) >= 75 - 25 * phase;

            if (popped == N_WORDS * (phase + 1)) begin
                phase = phase + 1;
            end
        end
    end

    initial begin
        repeat (3) @(posedge clk);
        rst <= 1'b0;
        while (phase < 3 && cycle < 40 * N_WORDS) @(posedge clk);
        if (phase < 3) begin
            $display("TIMEOUT phase=%0d", phase + 1);
            mismatches = mismatches + 1;
        end
        if (saw_full == 0 || saw_empty == 0) begin
            $display("MISMATCH the FIFO never ran full (%0d) or empty (%0d)", saw_full, saw_empty);
            mismatches = mismatches + 1;
        end
        mismatches = mismatches + hold_violations;
        tb_verdict(popped, "");
    end

endmodule

`resetall
