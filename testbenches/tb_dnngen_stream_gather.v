// tb_dnngen_stream_gather: unit bench for dnngen_stream_gather. Sends
// VECTORS vectors of BEATS beats (element value = a counter) with LFSR input
// gaps and output stalls, and checks that each output beat is exactly its
// vector's beats side by side, in order, and that a stalled output beat
// holds (tb_axis_driver). Prints PASS or FAIL (cycles from the first input
// beat to the last output beat); $fatal on FAIL.

`resetall
`timescale 1ns / 1ps
`default_nettype none

module tb_dnngen_stream_gather #(
    parameter WIDTH = 8,
    parameter LANES = 2,
    parameter BEATS = 3,
    parameter VECTORS = 40,
    parameter GAP_PCT = 30,
    parameter STALL_PCT = 30
) ();

`include "tb_common.vh"

    wire [LANES*WIDTH-1:0]       s_tdata;
    wire [BEATS*LANES*WIDTH-1:0] m_tdata;

`include "tb_stream.vh"

    // One phase; element i of the stream is i mod 2^WIDTH, in and out.
    tb_axis_driver #(
        .IN_WIDTH(WIDTH),
        .IN_LANES(LANES),
        .IN_VEC_BEATS(BEATS),
        .OUT_WIDTH(WIDTH),
        .OUT_LANES(BEATS * LANES),
        .VECTORS(VECTORS),
        .PHASES(1),
        .GAP_PCT(GAP_PCT),
        .STALL_PCT(STALL_PCT),
        .SEED(32'h1234_5678),
        .TIMEOUT(1000)
    ) driver_inst (`TB_DRIVER_PORTS);

    dnngen_stream_gather #(
        .WIDTH(WIDTH),
        .LANES(LANES),
        .BEATS(BEATS)
    ) dut_inst (`TB_UNIT_PORTS);

    integer i;

    initial begin
        for (i = 0; i < VECTORS * BEATS * LANES; i = i + 1) begin
            driver_inst.in_mem[i] = i;
            driver_inst.exp_mem[i] = i;
        end
        tb_run_driver;
        $sformat(tb_summary, " cycles=%0d", last_out - first_in + 1);
        tb_verdict(VECTORS, tb_summary);
    end
endmodule

`resetall
