// tb_dnngen_requant: unit bench for dnngen_requant.
//
// Reads N_WORDS input words (LANES packed {acc, m, s}, s in the low bits)
// and the expected outputs written by gen_vectors.py (a Python reference of
// the spec's R and clamp), presents them with LFSR-driven in_valid gaps, and
// checks that every out_valid carries the next expected word exactly 4
// cycles after its input. Ends with one PASS or FAIL line; FAIL -> $fatal(1).

`resetall
`timescale 1ns / 1ps
`default_nettype none

module tb_dnngen_requant #(
    // dnngen_requant parameters.
    parameter LANES = 2,
    parameter ACC_WIDTH = 48,
    parameter MULT_WIDTH = 31,
    parameter SHIFT_WIDTH = 6,
    parameter ROUNDING = 0,
    parameter OUT_WIDTH = 8,
    parameter OUT_MIN = -128,
    parameter OUT_MAX = 127,
    parameter ZERO_POINT = 0,
    // Number of input (and expected) words.
    parameter N_WORDS = 4,
    // Input words, LANES*(ACC_WIDTH+MULT_WIDTH+SHIFT_WIDTH) bits each.
    parameter INPUT_FILE = "input.hex",
    // Expected words, LANES*OUT_WIDTH bits each.
    parameter EXPECTED_FILE = "expected.hex",
    // LFSR seed, percentage of idle input cycles.
    parameter SEED = 32'h1234_5678,
    parameter GAP_PCT = 30
);

    localparam LW = ACC_WIDTH + MULT_WIDTH + SHIFT_WIDTH;

`include "tb_common.vh"

    reg [LANES*LW-1:0]        in_mem [0:N_WORDS-1];
    reg [LANES*OUT_WIDTH-1:0] exp_mem [0:N_WORDS-1];

    reg                       in_valid = 1'b0;
    reg [LANES*ACC_WIDTH-1:0]   in_acc;
    reg [LANES*MULT_WIDTH-1:0]  in_mult;
    reg [LANES*SHIFT_WIDTH-1:0] in_shift;
    wire                      out_valid;
    wire [LANES*OUT_WIDTH-1:0] out_data;

    dnngen_requant #(
        .LANES(LANES),
        .ACC_WIDTH(ACC_WIDTH),
        .MULT_WIDTH(MULT_WIDTH),
        .SHIFT_WIDTH(SHIFT_WIDTH),
        .ROUNDING(ROUNDING),
        .OUT_WIDTH(OUT_WIDTH),
        .OUT_MIN(OUT_MIN),
        .OUT_MAX(OUT_MAX),
        .ZERO_POINT(ZERO_POINT)
    ) dut_inst (
        .clk(clk),
        .rst(rst),
        .in_valid(in_valid),
        .in_acc(in_acc),
        .in_mult(in_mult),
        .in_shift(in_shift),
        .out_valid(out_valid),
        .out_data(out_data)
    );

    reg [31:0] lfsr = SEED;
    integer sent = 0;
    integer received = 0;
    integer cycle = 0;
    integer l;
    reg [3:0] valid_hist = 4'b0000;
    reg [LW-1:0] w;

    always @(posedge clk) begin
        cycle <= cycle + 1;
        valid_hist <= {valid_hist[2:0], in_valid};
        if (!rst) begin
            lfsr <= lfsr_next(lfsr);
            if (sent < N_WORDS && (lfsr % 100) >= GAP_PCT) begin
                for (l = 0; l < LANES; l = l + 1) begin
                    w = in_mem[sent][l*LW +: LW];
                    in_acc[l*ACC_WIDTH +: ACC_WIDTH] <= w[LW-1 -: ACC_WIDTH];
                    in_mult[l*MULT_WIDTH +: MULT_WIDTH] <= w[SHIFT_WIDTH +: MULT_WIDTH];
                    in_shift[l*SHIFT_WIDTH +: SHIFT_WIDTH] <= w[0 +: SHIFT_WIDTH];
                end
                in_valid <= 1'b1;
                sent <= sent + 1;
            end else begin
                in_valid <= 1'b0;
                in_acc <= {(LANES*ACC_WIDTH){1'bx}};
                in_mult <= {(LANES*MULT_WIDTH){1'bx}};
                in_shift <= {(LANES*SHIFT_WIDTH){1'bx}};
            end
        end
        if (!rst && out_valid !== valid_hist[3]) begin
            $display("MISMATCH cycle=%0d out_valid=%b, expected %b (latency 4)", cycle, out_valid, valid_hist[3]);
            mismatches = mismatches + 1;
        end
        if (out_valid === 1'b1) begin
            if (out_data !== exp_mem[received]) begin
                if (mismatches < 10) begin
                    w = in_mem[received][0 +: LW];
                    $display("MISMATCH word=%0d got=%h exp=%h (lane 0: acc=%0d m=%0d s=%0d)",
                             received, out_data, exp_mem[received],
                             $signed(w[LW-1 -: ACC_WIDTH]), w[SHIFT_WIDTH +: MULT_WIDTH], w[0 +: SHIFT_WIDTH]);
                end
                mismatches = mismatches + 1;
            end
            received = received + 1;
        end
    end

    initial begin
        $readmemh(INPUT_FILE, in_mem);
        $readmemh(EXPECTED_FILE, exp_mem);
        repeat (5) @(posedge clk);
        rst <= 1'b0;
        while (received < N_WORDS && cycle < 20 * N_WORDS + 100) @(posedge clk);
        repeat (5) @(posedge clk);
        if (received != N_WORDS) begin
            `TB_MISMATCH(("MISMATCH received %0d of %0d words", received, N_WORDS))
        end
        $sformat(tb_summary, " rounding=%0d", ROUNDING);
        tb_verdict(received, tb_summary);
    end

endmodule

`resetall
