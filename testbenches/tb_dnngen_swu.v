// tb_dnngen_swu: unit bench for dnngen_swu, driven by the images and the
// expected im2col windows that gen_vectors.py writes (an independent Python
// reference).
//
// Three phases with (input gap %, output stall %) = (0,0), (25,25), (50,50),
// LFSR driven; every phase sends N_IMG images back to back and checks every
// element of every window. A phase ends when all its windows are out and
// all its input beats are in (inputs past the last window are still
// consumed). Also checked:
//   - m_axis rule: once tvalid is high, tvalid and tdata hold until taken;
//   - phase 1 (no gaps, no stalls): consecutive images' first windows are
//     EXPECT_II cycles apart, and EXPECT_II = input beats + padding pixels
//     of an image (IMG_H*IMG_W*BEATS + PADDING): the unit never waits
//     beyond one clock per padding pixel;
//   - phase 1: the first window is valid LATENCY cycles after the first
//     input beat was accepted (gen_vectors.py's schedule model).
// Ends with one PASS or FAIL line; FAIL and timeouts end in $fatal(1).

`resetall
`timescale 1ns / 1ps
`default_nettype none

module tb_dnngen_swu #(
    // dnngen_swu parameters.
    parameter WIDTH = 8,
    parameter CHANNELS = 1,
    parameter LANES = 1,
    parameter IMG_H = 8,
    parameter IMG_W = 8,
    parameter KERNEL_H = 3,
    parameter KERNEL_W = 3,
    parameter STRIDE_H = 1,
    parameter STRIDE_W = 1,
    parameter PAD_H = 1,
    parameter PAD_W = 1,
    // Images per phase.
    parameter N_IMG = 3,
    // Expected cycles per image in phase 1.
    parameter EXPECT_II = 100,
    // Expected cycles from the first input beat to the first window.
    parameter LATENCY = 12,
    // Padding pixels per image: (IMG_H+2*PAD_H)*(IMG_W+2*PAD_W) - IMG_H*IMG_W.
    parameter PADDING = 36,
    // Images: input elements (HWC), expected window elements.
    parameter INPUT_FILE = "input.hex",
    parameter EXPECTED_FILE = "expected.hex",
    // LFSR seed.
    parameter SEED = 32'h5EED_C0DE,
    // Cycles without a transfer before giving up.
    parameter TIMEOUT = 10000
);

    localparam BEATS = CHANNELS / LANES;
    localparam OUT_H = (IMG_H + 2 * PAD_H - KERNEL_H) / STRIDE_H + 1;
    localparam OUT_W = (IMG_W + 2 * PAD_W - KERNEL_W) / STRIDE_W + 1;
    localparam WIN_ELEMS = KERNEL_H * KERNEL_W * CHANNELS;
    localparam IMG_BEATS = IMG_H * IMG_W * BEATS;
    localparam OUT_BEATS = OUT_H * OUT_W;

`include "tb_common.vh"

    wire [LANES*WIDTH-1:0]     s_tdata;
    wire [WIN_ELEMS*WIDTH-1:0] m_tdata;

`include "tb_stream.vh"

    tb_axis_driver #(
        .IN_WIDTH(WIDTH),
        .IN_LANES(LANES),
        .IN_VEC_BEATS(IMG_BEATS),
        .OUT_WIDTH(WIDTH),
        .OUT_LANES(WIN_ELEMS),
        .OUT_VEC_BEATS(OUT_BEATS),
        .VECTORS(N_IMG),
        .EXPECT_II(EXPECT_II),
        `TB_DRIVER_BENCH_PARAMS
    ) driver_inst (`TB_DRIVER_PORTS);

    dnngen_swu #(
        .WIDTH(WIDTH),
        .CHANNELS(CHANNELS),
        .LANES(LANES),
        .IMG_H(IMG_H),
        .IMG_W(IMG_W),
        .KERNEL_H(KERNEL_H),
        .KERNEL_W(KERNEL_W),
        .STRIDE_H(STRIDE_H),
        .STRIDE_W(STRIDE_W),
        .PAD_H(PAD_H),
        .PAD_W(PAD_W)
    ) dut_inst (`TB_UNIT_PORTS);

    initial begin
        tb_run_driver;
        if (first_valid - first_in != LATENCY) begin
            $display("MISMATCH latency %0d cycles from the first input beat to the first window, expected %0d",
                     first_valid - first_in, LATENCY);
            mismatches = mismatches + 1;
        end
        if (EXPECT_II != IMG_BEATS + PADDING) begin
            $display("MISMATCH EXPECT_II %0d != input beats %0d + padding pixels %0d",
                     EXPECT_II, IMG_BEATS, PADDING);
            mismatches = mismatches + 1;
        end
        $display("CYCLES per_image=%0d input_beats=%0d padding_pixels=%0d windows=%0d phase1_total=%0d",
                 EXPECT_II, IMG_BEATS, PADDING, OUT_BEATS, last_out - first_in + 1);
        $sformat(tb_summary, " cycles_per_inference=%0d latency=%0d", EXPECT_II, first_valid - first_in);
        tb_verdict(3 * N_IMG, tb_summary);
    end

endmodule

`resetall
