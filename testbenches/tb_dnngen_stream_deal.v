// tb_dnngen_stream_deal: unit bench for dnngen_stream_deal and
// dnngen_stream_merge together, as the generator uses them around WAYS
// copies of a unit. Sends ITEMS items (value = index) with LFSR input gaps
// into the deal; each way stands for a unit copy that takes an item when its
// own LFSR says ready, checks that it is item k, k+WAYS, ... (its turn), and
// answers it with ITEM_BEATS beats (value item*ITEM_BEATS+b) at random
// times; the merge's output, stalled at random, must be beats 0, 1, 2, ...
// in order, each held while stalled (tb_axis_driver). Prints PASS or FAIL;
// $fatal on FAIL.

`resetall
`timescale 1ns / 1ps
`default_nettype none

module tb_dnngen_stream_deal #(
    parameter WIDTH = 12,
    parameter WAYS = 3,
    parameter ITEM_BEATS = 2,
    parameter ITEMS = 60,
    parameter GAP_PCT = 30,
    parameter STALL_PCT = 30
) ();

`include "tb_common.vh"

    wire [WIDTH-1:0]      s_tdata;
    wire [WIDTH-1:0]      m_tdata;

`include "tb_stream.vh"

    // One phase: item i is i (mod 2^WIDTH); output beat j is j.
    tb_axis_driver #(
        .IN_WIDTH(WIDTH),
        .OUT_WIDTH(WIDTH),
        .OUT_VEC_BEATS(ITEM_BEATS),
        .VECTORS(ITEMS),
        .PHASES(1),
        .GAP_PCT(GAP_PCT),
        .STALL_PCT(STALL_PCT),
        .SEED(32'h0bad_cafe),
        .TIMEOUT(1000)
    ) driver_inst (`TB_DRIVER_PORTS);

    wire [WIDTH-1:0]      dealt_tdata;
    wire [WAYS-1:0]       dealt_tvalid;
    reg  [WAYS-1:0]       dealt_tready;
    reg  [WAYS*WIDTH-1:0] way_tdata;
    reg  [WAYS-1:0]       way_tvalid;
    wire [WAYS-1:0]       way_tready;

    dnngen_stream_deal #(.WIDTH(WIDTH), .WAYS(WAYS)) deal_inst (
        .clk(clk), .rst(rst),
        .s_axis_tdata(s_tdata), .s_axis_tvalid(s_tvalid), .s_axis_tready(s_tready),
        .m_axis_tdata(dealt_tdata), .m_axis_tvalid(dealt_tvalid), .m_axis_tready(dealt_tready)
    );

    dnngen_stream_merge #(.WIDTH(WIDTH), .WAYS(WAYS), .ITEM_BEATS(ITEM_BEATS)) merge_inst (
        .clk(clk), .rst(rst),
        .s_axis_tdata(way_tdata), .s_axis_tvalid(way_tvalid), .s_axis_tready(way_tready),
        .m_axis_tdata(m_tdata), .m_axis_tvalid(m_tvalid), .m_axis_tready(m_tready)
    );

    // The ways stand for unit copies, each with its own LFSR-driven readiness and gaps.
    reg [31:0] lfsr = 32'h1357_9bdf;
    integer i;
    integer k;
    // Per way: the item it holds (-1: none), the beats of it sent, items taken.
    integer held [0:WAYS-1];
    integer beats_out [0:WAYS-1];
    integer taken [0:WAYS-1];

    always @(posedge clk) begin
        lfsr <= lfsr_next(lfsr);
        if (!rst) begin
            for (k = 0; k < WAYS; k = k + 1) begin
                // Way k takes an item: it must be its turn's.
                if (dealt_tvalid[k] && dealt_tready[k]) begin
                    if (dealt_tdata !== (taken[k] * WAYS + k) % (1 << WIDTH) || held[k] >= 0) begin
                        `TB_MISMATCH(("MISMATCH way %0d took %0d, expected item %0d", k, dealt_tdata, taken[k] * WAYS + k))
                    end
                    held[k] = taken[k] * WAYS + k;
                    beats_out[k] = 0;
                    taken[k] = taken[k] + 1;
                end
                // Its answer: ITEM_BEATS beats, each held until taken.
                if (way_tvalid[k] && way_tready[k]) begin
                    beats_out[k] = beats_out[k] + 1;
                    if (beats_out[k] == ITEM_BEATS) held[k] = -1;
                end
                if (!way_tvalid[k] || way_tready[k]) begin
                    if (held[k] >= 0 && ((lfsr >> (k + 3)) % 100) >= GAP_PCT) begin
                        way_tvalid[k] <= 1'b1;
                        way_tdata[k*WIDTH +: WIDTH] <= held[k] * ITEM_BEATS + beats_out[k];
                    end else begin
                        way_tvalid[k] <= 1'b0;
                    end
                end
                dealt_tready[k] <= held[k] < 0 && ((lfsr >> (k + 11)) % 100) >= STALL_PCT;
            end
        end
    end

    initial begin
        dealt_tready = {WAYS{1'b0}};
        way_tvalid = {WAYS{1'b0}};
        way_tdata = {WAYS*WIDTH{1'b0}};
        for (k = 0; k < WAYS; k = k + 1) begin
            held[k] = -1;
            beats_out[k] = 0;
            taken[k] = 0;
        end
        for (i = 0; i < ITEMS; i = i + 1) driver_inst.in_mem[i] = i;
        for (i = 0; i < ITEMS * ITEM_BEATS; i = i + 1) driver_inst.exp_mem[i] = i;
        tb_run_driver;
        $sformat(tb_summary, " cycles=%0d", last_out - first_in + 1);
        tb_verdict(ITEMS, tb_summary);
    end
endmodule

`resetall
