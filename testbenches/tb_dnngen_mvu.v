// tb_dnngen_mvu: unit bench for dnngen_mvu with its weight and parameter
// ROMs (dnngen_rom), driven by the images and expected outputs that
// gen_vectors.py writes (an independent Python reference).
//
// Three phases with (input gap %, output stall %) = (0,0), (25,25), (50,50),
// LFSR driven; every phase sends all N_VEC vectors and checks every output
// beat. Also checked:
//   - m_axis rule: once tvalid is high, tvalid and tdata hold until taken;
//   - phase 1 (no gaps): back-to-back vectors are EXPECT_II cycles apart
//     (= max(NF*SF, IN_BEATS)), and the first output beat is valid SF+7
//     cycles after the vector's last input beat was accepted (unit idle).
// Ends with one PASS or FAIL line; FAIL and timeouts end in $fatal(1).

`resetall
`timescale 1ns / 1ps
`default_nettype none

module tb_dnngen_mvu #(
    // dnngen_mvu parameters.
    parameter PE = 2,
    parameter SIMD = 4,
    parameter NF = 3,
    parameter SF = 2,
    parameter IN_LANES = 1,
    parameter IN_BEATS = 8,
    parameter IN_WIDTH = 8,
    parameter IN_SIGNED = 0,
    parameter WEIGHT_WIDTH = 8,
    parameter WEIGHT_KIND = 0,
    parameter ACC_WIDTH = 24,
    parameter BIAS_WIDTH = 16,
    parameter MULT_WIDTH = 31,
    parameter SHIFT_WIDTH = 6,
    parameter ROUNDING = 0,
    parameter OUT_WIDTH = 8,
    parameter OUT_MIN = -128,
    parameter OUT_MAX = 127,
    parameter FIFO_DEPTH = 8,
    parameter WADDR_WIDTH = 3,
    parameter PADDR_WIDTH = 2,
    // Vectors per phase.
    parameter N_VEC = 12,
    // Expected cycles between back-to-back vectors in phase 1 (0: no check).
    parameter EXPECT_II = 6,
    // Images: weight ROM, parameter ROM, input elements, expected elements.
    parameter WEIGHT_FILE = "weights.hex",
    parameter PARAM_FILE = "params.hex",
    parameter INPUT_FILE = "input.hex",
    parameter EXPECTED_FILE = "expected.hex",
    // LFSR seed.
    parameter SEED = 32'hACE1_2468,
    // Cycles without a transfer before giving up.
    parameter TIMEOUT = 10000
);

    localparam PW = BIAS_WIDTH + MULT_WIDTH + SHIFT_WIDTH;
    localparam LATENCY = SF + 8;

`include "tb_common.vh"

    wire [IN_LANES*IN_WIDTH-1:0]        s_tdata;
    wire [PE*OUT_WIDTH-1:0]             m_tdata;

`include "tb_stream.vh"

    tb_axis_driver #(
        .IN_WIDTH(IN_WIDTH),
        .IN_LANES(IN_LANES),
        .IN_VEC_BEATS(IN_BEATS),
        .OUT_WIDTH(OUT_WIDTH),
        .OUT_LANES(PE),
        .OUT_VEC_BEATS(NF),
        .VECTORS(N_VEC),
        .EXPECT_II(EXPECT_II),
        `TB_DRIVER_BENCH_PARAMS
    ) driver_inst (`TB_DRIVER_PORTS);

    wire [WADDR_WIDTH-1:0]              weight_addr;
    wire [PE*SIMD*WEIGHT_WIDTH-1:0]     weight_data;
    wire [PADDR_WIDTH-1:0]              param_addr;
    wire [PE*PW-1:0]                    param_data;

    dnngen_rom #(
        .WIDTH(PE * SIMD * WEIGHT_WIDTH),
        .DEPTH(NF * SF),
        .ADDR_WIDTH(WADDR_WIDTH),
        .INIT_FILE(WEIGHT_FILE)
    ) weight_rom_inst (
        .clk(clk),
        .addr(weight_addr),
        .data(weight_data)
    );

    dnngen_rom #(
        .WIDTH(PE * PW),
        .DEPTH(NF),
        .ADDR_WIDTH(PADDR_WIDTH),
        .INIT_FILE(PARAM_FILE)
    ) param_rom_inst (
        .clk(clk),
        .addr(param_addr),
        .data(param_data)
    );

    dnngen_mvu #(
        .PE(PE),
        .SIMD(SIMD),
        .NF(NF),
        .SF(SF),
        .IN_LANES(IN_LANES),
        .IN_BEATS(IN_BEATS),
        .IN_WIDTH(IN_WIDTH),
        .IN_SIGNED(IN_SIGNED),
        .WEIGHT_WIDTH(WEIGHT_WIDTH),
        .WEIGHT_KIND(WEIGHT_KIND),
        .ACC_WIDTH(ACC_WIDTH),
        .BIAS_WIDTH(BIAS_WIDTH),
        .MULT_WIDTH(MULT_WIDTH),
        .SHIFT_WIDTH(SHIFT_WIDTH),
        .ROUNDING(ROUNDING),
        .OUT_WIDTH(OUT_WIDTH),
        .OUT_MIN(OUT_MIN),
        .OUT_MAX(OUT_MAX),
        .FIFO_DEPTH(FIFO_DEPTH),
        .WADDR_WIDTH(WADDR_WIDTH),
        .PADDR_WIDTH(PADDR_WIDTH)
    ) dut_inst (
        `TB_UNIT_PORTS,
        .weight_addr(weight_addr),
        .weight_data(weight_data),
        .param_addr(param_addr),
        .param_data(param_data)
    );

    initial begin
        tb_run_driver;
        if (first_valid - vec0_last_in != LATENCY) begin
            $display("MISMATCH latency %0d cycles from the last input beat to the first output, expected %0d",
                     first_valid - vec0_last_in, LATENCY);
            mismatches = mismatches + 1;
        end
        $sformat(tb_summary, " cycles_per_inference=%0d latency=%0d", EXPECT_II, first_valid - vec0_last_in);
        tb_verdict(3 * N_VEC, tb_summary);
    end

endmodule

`resetall
