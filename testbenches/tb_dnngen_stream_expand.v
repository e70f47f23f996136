// tb_dnngen_stream_expand: unit bench for dnngen_stream_expand.
//
// Sends N_VEC vectors of BEATS beats (LANES elements each; the padding lanes
// after the K-th stream element carry junk) in three phases with
// (input gap %, output stall %) = (0,0), (25,25), (50,50), LFSR driven, and
// checks every output element against a plain model (stream element or
// constant by KEEP), tlast exactly on each vector's last element, and that
// stalled outputs hold. Ends with one PASS or FAIL line; FAIL and timeouts
// end in $fatal(1).

`resetall
`timescale 1ns / 1ps
`default_nettype none

module tb_dnngen_stream_expand #(
    // dnngen_stream_expand parameters (CONSTS is made below from a formula).
    parameter COUNT = 7,
    parameter LANES = 3,
    parameter BEATS = 2,
    parameter WIDTH = 8,
    parameter [COUNT-1:0] KEEP = 7'b1011011,
    // Vectors per phase.
    parameter N_VEC = 20,
    // LFSR seed.
    parameter SEED = 32'h1357_9BDF,
    // Cycles without progress before giving up.
    parameter TIMEOUT = 1000
);

    function [COUNT*WIDTH-1:0] make_consts;
        input integer unused;
        integer i;
        begin
            make_consts = {(COUNT*WIDTH){1'b0}};
            for (i = 0; i < COUNT; i = i + 1) begin
                make_consts[i*WIDTH +: WIDTH] = 8'hC0 + i * 5 + unused;
            end
        end
    endfunction

    localparam [COUNT*WIDTH-1:0] CONSTS = make_consts(0);

`include "tb_common.vh"

    localparam K = ones_in(KEEP, COUNT);

    // An output element is {tlast, tdata}, so that the driver checks and holds both.
    wire [LANES*WIDTH-1:0] s_tdata;
    wire [WIDTH-1:0]       m_data;
    wire                   m_tlast;
    wire [WIDTH:0]         m_tdata = {m_tlast, m_data};

`include "tb_stream.vh"

    tb_axis_driver #(
        .IN_WIDTH(WIDTH),
        .IN_LANES(LANES),
        .IN_VEC_BEATS(BEATS),
        .OUT_WIDTH(WIDTH + 1),
        .OUT_VEC_BEATS(COUNT),
        .VECTORS(N_VEC),
        .SEED(SEED),
        .TIMEOUT(TIMEOUT)
    ) driver_inst (`TB_DRIVER_PORTS);

    dnngen_stream_expand #(
        .COUNT(COUNT),
        .LANES(LANES),
        .BEATS(BEATS),
        .WIDTH(WIDTH),
        .KEEP(KEEP),
        .CONSTS(CONSTS)
    ) dut_inst (
        .clk(clk),
        .rst(rst),
        .s_axis_tdata(s_tdata),
        .s_axis_tvalid(s_tvalid),
        .s_axis_tready(s_tready),
        .m_axis_tdata(m_data),
        .m_axis_tvalid(m_tvalid),
        .m_axis_tready(m_tready),
        .m_axis_tlast(m_tlast)
    );

    // Stream element j of vector v (j < K real, j >= K padding junk).
    function [WIDTH-1:0] element;
        input integer v;
        input integer j;
        element = (j < K) ? v * 11 + j * 3 + 1 : 8'hEE;
    endfunction

    integer v;
    integer i;
    integer j;

    // The unit takes a phase's last input beat no later than it sends the last element.
    always @(posedge clk) begin
        if (!rst && !over && m_tvalid && m_tready && out_count == N_VEC * COUNT - 1
                && (in_beat != N_VEC * BEATS - 1 || (s_tvalid && !s_tready))) begin
            $display("MISMATCH phase=%0d all outputs out but input beats left", phase + 1);
            mismatches = mismatches + 1;
        end
    end

    // Model: output i is stream element (ones in KEEP below i) or constant i; tlast on the last.
    initial begin
        for (v = 0; v < N_VEC; v = v + 1) begin
            for (j = 0; j < BEATS * LANES; j = j + 1) begin
                driver_inst.in_mem[v*BEATS*LANES + j] = element(v, j);
            end
            j = 0;
            for (i = 0; i < COUNT; i = i + 1) begin
                driver_inst.exp_mem[v*COUNT + i] = {i == COUNT - 1, KEEP[i] ? element(v, j) : CONSTS[i*WIDTH +: WIDTH]};
                if (KEEP[i]) j = j + 1;
            end
        end
        tb_run_driver;
        tb_verdict(3 * N_VEC, "");
    end

endmodule

`resetall
