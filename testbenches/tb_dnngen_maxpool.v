// tb_dnngen_maxpool: unit bench for dnngen_maxpool, driven by the images and
// the expected pooled maps that gen_vectors.py writes (an independent Python
// reference).
//
// Three phases with (input gap %, output stall %) = (0,0), (25,25), (50,50),
// LFSR driven; every phase sends N_IMG images back to back and checks every
// output element. A phase ends when all its outputs are out and all its
// input beats are in (rows and columns past the last window are still
// consumed). Also checked:
//   - m_axis rule: once tvalid is high, tvalid and tdata hold until taken;
//   - phase 1 (no gaps, no stalls): consecutive images' first outputs are
//     EXPECT_II = IMG_H*IMG_W*BEATS cycles (the input beats) apart, and the
//     whole phase takes at most N_IMG*EXPECT_II + 1 cycles from the first
//     input beat to the last output;
//   - phase 1: the first output is valid LATENCY cycles after the first
//     input beat was accepted.
// Ends with one PASS or FAIL line; FAIL and timeouts end in $fatal(1).

`resetall
`timescale 1ns / 1ps
`default_nettype none

module tb_dnngen_maxpool #(
    // dnngen_maxpool parameters.
    parameter WIDTH = 8,
    parameter SIGNED = 0,
    parameter CHANNELS = 1,
    parameter LANES = 1,
    parameter IMG_H = 6,
    parameter IMG_W = 6,
    parameter KERNEL_H = 2,
    parameter KERNEL_W = 2,
    // Images per phase.
    parameter N_IMG = 3,
    // Expected cycles per image in phase 1.
    parameter EXPECT_II = 36,
    // Expected cycles from the first input beat to the first output.
    parameter LATENCY = 8,
    // Images: input elements (HWC), expected output elements (HWC).
    parameter INPUT_FILE = "input.hex",
    parameter EXPECTED_FILE = "expected.hex",
    // LFSR seed.
    parameter SEED = 32'h0DD5_12E5,
    // Cycles without a transfer before giving up.
    parameter TIMEOUT = 10000
);

    localparam BEATS = CHANNELS / LANES;
    localparam OUT_H = IMG_H / KERNEL_H;
    localparam OUT_W = IMG_W / KERNEL_W;
    localparam IMG_BEATS = IMG_H * IMG_W * BEATS;
    localparam OUT_BEATS = OUT_H * OUT_W * BEATS;

`include "tb_common.vh"

    wire [LANES*WIDTH-1:0] s_tdata;
    wire [LANES*WIDTH-1:0] m_tdata;

`include "tb_stream.vh"

    tb_axis_driver #(
        .IN_WIDTH(WIDTH),
        .IN_LANES(LANES),
        .IN_VEC_BEATS(IMG_BEATS),
        .OUT_WIDTH(WIDTH),
        .OUT_LANES(LANES),
        .OUT_VEC_BEATS(OUT_BEATS),
        .VECTORS(N_IMG),
        .EXPECT_II(EXPECT_II),
        `TB_DRIVER_BENCH_PARAMS
    ) driver_inst (`TB_DRIVER_PORTS);

    dnngen_maxpool #(
        .WIDTH(WIDTH),
        .SIGNED(SIGNED),
        .CHANNELS(CHANNELS),
        .LANES(LANES),
        .IMG_H(IMG_H),
        .IMG_W(IMG_W),
        .KERNEL_H(KERNEL_H),
        .KERNEL_W(KERNEL_W)
    ) dut_inst (`TB_UNIT_PORTS);

    integer total;

    initial begin
        tb_run_driver;
        if (first_valid - first_in != LATENCY) begin
            $display("MISMATCH latency %0d cycles from the first input beat to the first output, expected %0d",
                     first_valid - first_in, LATENCY);
            mismatches = mismatches + 1;
        end
        if (EXPECT_II != IMG_BEATS) begin
            $display("MISMATCH EXPECT_II %0d != input beats %0d", EXPECT_II, IMG_BEATS);
            mismatches = mismatches + 1;
        end
        // Phase 1 end to end: the input never waits, the last output follows
        // the last input beat by at most one clock.
        total = ((last_out > last_in) ? last_out : last_in) - first_in + 1;
        if (total > N_IMG * EXPECT_II + 1) begin
            $display("MISMATCH phase 1 took %0d cycles for %0d images of %0d input beats",
                     total, N_IMG, IMG_BEATS);
            mismatches = mismatches + 1;
        end
        $display("CYCLES per_image=%0d input_beats=%0d outputs=%0d phase1_total=%0d",
                 EXPECT_II, IMG_BEATS, OUT_BEATS, total);
        $sformat(tb_summary, " cycles_per_inference=%0d latency=%0d", EXPECT_II, first_valid - first_in);
        tb_verdict(3 * N_IMG, tb_summary);
    end

endmodule

`resetall
