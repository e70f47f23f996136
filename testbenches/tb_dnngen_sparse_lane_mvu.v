// tb_dnngen_sparse_lane_mvu: unit bench for dnngen_sparse_lane_mvu with its
// ROMs (one code ROM per group, the parameter ROM), from the images and
// expected outputs that gen_sparse_lane.py writes (an independent Python
// reference of the code formats, the arithmetic and the cycle bound).
//
// Three phases send all N_VEC vectors (whole inferences of VECTORS vectors)
// and check every output beat: (input gap %, output stall %) = (0,0),
// (25,25), (50,50), LFSR driven. In phase 1 the cycles from the first
// accepted input beat to the last output beat must not exceed BOUND (the
// header's per-batch formula plus the first load, the last drain and the
// pipeline). Also checked: a stalled m_axis beat holds tvalid and tdata.
// One PASS or FAIL line; FAIL and timeouts end in $fatal(1).

`resetall
`timescale 1ns / 1ps
`default_nettype none

module tb_dnngen_sparse_lane_mvu #(
    // dnngen_sparse_lane_mvu parameters.
    parameter G = 2,
    parameter LANES = 3,
    parameter ROWS = 7,
    parameter LOCAL_ROWS = 4,
    parameter DRAIN_ROWS = 2,
    parameter OUT_BEATS = 2,
    parameter VECTORS = 5,
    parameter IN_LANES = 1,
    parameter IN_BEATS = 16,
    parameter IN_WIDTH = 8,
    parameter IN_SIGNED = 0,
    parameter WEIGHT_WIDTH = 4,
    parameter WEIGHT_KIND = 0,
    parameter FORMAT = 1,
    parameter INDEX_BITS = 1,
    parameter RICE_K = 2,
    parameter RICE_QMAX = 4,
    parameter ROW_SPAN = 1,
    parameter STREAM_WIDTH = 16,
    parameter CADDR_WIDTH = 2,
    parameter CODE_DEPTH = 4,
    parameter COUNT_WIDTH = 4,
    parameter PADDR_WIDTH = 1,
    parameter ACC_WIDTH = 24,
    parameter BIAS_WIDTH = 12,
    parameter MULT_WIDTH = 31,
    parameter SHIFT_WIDTH = 6,
    parameter ROUNDING = 0,
    parameter OUT_WIDTH = 8,
    parameter OUT_MIN = -128,
    parameter OUT_MAX = 127,
    parameter ZERO_POINT = 0,
    parameter FIFO_DEPTH = 8,
    // Per group code count and word count, packed (group g at
    // [g*COUNT_WIDTH +: COUNT_WIDTH] and [g*(CADDR_WIDTH+1) +: CADDR_WIDTH+1]).
    parameter GROUP_CODES = 8'h00,
    parameter GROUP_WORDS = 6'h00,
    // Vectors per phase, cycle bound of phase 1, non-zeros (reported).
    parameter N_VEC = 15,
    parameter BOUND = 1000,
    parameter NNZ = 0,
    // Images: group g's code ROM is CODE_PREFIX<g>.hex (G <= 10).
    parameter CODE_PREFIX = "code",
    parameter PARAM_FILE = "params.hex",
    parameter INPUT_FILE = "input.hex",
    parameter EXPECTED_FILE = "expected.hex",
    parameter SEED = 32'h5EED_4321,
    parameter TIMEOUT = 20000
);

    localparam OUT_LANES = G * DRAIN_ROWS;
    localparam PW = BIAS_WIDTH + MULT_WIDTH + SHIFT_WIDTH;
    localparam PHASES = 3;

`include "tb_common.vh"

    wire [IN_LANES*IN_WIDTH-1:0]   s_tdata;
    wire [OUT_LANES*OUT_WIDTH-1:0] m_tdata;

`include "tb_stream.vh"

    tb_axis_driver #(
        .IN_WIDTH(IN_WIDTH),
        .IN_LANES(IN_LANES),
        .IN_VEC_BEATS(IN_BEATS),
        .OUT_WIDTH(OUT_WIDTH),
        .OUT_LANES(OUT_LANES),
        .OUT_VEC_BEATS(OUT_BEATS),
        .VECTORS(N_VEC),
        .PHASES(PHASES),
        `TB_DRIVER_BENCH_PARAMS
    ) driver_inst (`TB_DRIVER_PORTS);

    wire [G*CADDR_WIDTH-1:0]       code_addr;
    wire [G*STREAM_WIDTH-1:0]      code_data;
    wire [PADDR_WIDTH-1:0]         param_addr;
    wire [OUT_LANES*PW-1:0]        param_data;
    wire [G*COUNT_WIDTH-1:0]       group_codes = GROUP_CODES;
    wire [G*(CADDR_WIDTH+1)-1:0]   group_words = GROUP_WORDS;

    genvar g;
    generate
        for (g = 0; g < G; g = g + 1) begin : g_rom
            localparam [7:0] DIGIT = 8'd48 + g;

            dnngen_rom #(
                .WIDTH(STREAM_WIDTH),
                .DEPTH(CODE_DEPTH),
                .ADDR_WIDTH(CADDR_WIDTH),
                .INIT_FILE({CODE_PREFIX, DIGIT, ".hex"})
            ) code_rom_inst (
                .clk(clk),
                .addr(code_addr[g*CADDR_WIDTH +: CADDR_WIDTH]),
                .data(code_data[g*STREAM_WIDTH +: STREAM_WIDTH])
            );
        end
    endgenerate

    dnngen_rom #(
        .WIDTH(OUT_LANES * PW),
        .DEPTH(OUT_BEATS),
        .ADDR_WIDTH(PADDR_WIDTH),
        .INIT_FILE(PARAM_FILE)
    ) param_rom_inst (
        .clk(clk),
        .addr(param_addr),
        .data(param_data)
    );

    dnngen_sparse_lane_mvu #(
        .G(G),
        .LANES(LANES),
        .ROWS(ROWS),
        .LOCAL_ROWS(LOCAL_ROWS),
        .DRAIN_ROWS(DRAIN_ROWS),
        .OUT_BEATS(OUT_BEATS),
        .VECTORS(VECTORS),
        .IN_LANES(IN_LANES),
        .IN_BEATS(IN_BEATS),
        .IN_WIDTH(IN_WIDTH),
        .IN_SIGNED(IN_SIGNED),
        .WEIGHT_WIDTH(WEIGHT_WIDTH),
        .WEIGHT_KIND(WEIGHT_KIND),
        .FORMAT(FORMAT),
        .INDEX_BITS(INDEX_BITS),
        .RICE_K(RICE_K),
        .RICE_QMAX(RICE_QMAX),
        .ROW_SPAN(ROW_SPAN),
        .STREAM_WIDTH(STREAM_WIDTH),
        .CADDR_WIDTH(CADDR_WIDTH),
        .COUNT_WIDTH(COUNT_WIDTH),
        .PADDR_WIDTH(PADDR_WIDTH),
        .ACC_WIDTH(ACC_WIDTH),
        .BIAS_WIDTH(BIAS_WIDTH),
        .MULT_WIDTH(MULT_WIDTH),
        .SHIFT_WIDTH(SHIFT_WIDTH),
        .ROUNDING(ROUNDING),
        .OUT_WIDTH(OUT_WIDTH),
        .OUT_MIN(OUT_MIN),
        .OUT_MAX(OUT_MAX),
        .ZERO_POINT(ZERO_POINT),
        .FIFO_DEPTH(FIFO_DEPTH)
    ) dut_inst (
        `TB_UNIT_PORTS,
        .group_codes(group_codes),
        .group_words(group_words),
        .code_addr(code_addr),
        .code_data(code_data),
        .param_addr(param_addr),
        .param_data(param_data)
    );

    integer phase1_cycles;

    initial begin
        tb_run_driver;
        phase1_cycles = last_out - first_in + 1;
        $display("CYCLES phase1=%0d bound=%0d vectors=%0d nnz=%0d", phase1_cycles, BOUND, N_VEC, NNZ);
        if (phase1_cycles > BOUND) begin
            $display("MISMATCH phase 1 took %0d cycles, bound %0d", phase1_cycles, BOUND);
            mismatches = mismatches + 1;
        end
        $sformat(tb_summary, " cycles_per_inference=%0d latency=0", phase1_cycles * VECTORS / N_VEC);
        tb_verdict(PHASES * N_VEC, tb_summary);
    end

endmodule

`resetall
