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

    localparam K = ones_in(KEEP, COUNT);

    wire [WIDTH-1:0] s_tdata;
    wire [WIDTH-1:0] m_tdata;

`include "tb_stream.vh"

    tb_axis_driver #(
        .IN_WIDTH(WIDTH),
        .IN_VEC_BEATS(COUNT),
        .OUT_WIDTH(WIDTH),
        .OUT_VEC_BEATS(K),
        .VECTORS(N_VEC),
        .SEED(SEED),
        .TIMEOUT(TIMEOUT)
    ) driver_inst (`TB_DRIVER_PORTS);

    dnngen_stream_select #(
        .COUNT(COUNT),
        .WIDTH(WIDTH),
        .KEEP(KEEP)
    ) dut_inst (`TB_UNIT_PORTS);

    // Element e of the whole phase (vector e / COUNT, index e % COUNT).
    function [WIDTH-1:0] element;
        input integer e;
        element = e * 7 + 3;
    endfunction

    integer cycle = 0;
    integer e;
    integer kept = 0;

    // A dropped element is taken in the clock it is offered.
    always @(posedge clk) begin
        cycle <= cycle + 1;
        if (!rst && !over && s_tvalid && !KEEP[in_beat % COUNT] && !s_tready) begin
            $display("MISMATCH cycle=%0d dropped element %0d not accepted", cycle, in_beat);
            mismatches = mismatches + 1;
        end
    end

    initial begin
        for (e = 0; e < N_VEC * COUNT; e = e + 1) begin
            driver_inst.in_mem[e] = element(e);
            if (KEEP[e % COUNT]) begin
                driver_inst.exp_mem[kept] = element(e);
                kept = kept + 1;
            end
        end
        tb_run_driver;
        tb_verdict(3 * N_VEC, "");
    end

endmodule

`resetall
