// tb_dnngen_stream_gather: unit bench for dnngen_stream_gather. Sends
// VECTORS vectors of BEATS beats (element value = a counter) with LFSR input
// gaps and output stalls, and checks that each output beat is exactly its
// vector's beats side by side, in order. Prints PASS or FAIL; $fatal on FAIL.

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
    localparam BEAT_WIDTH = LANES * WIDTH;

`include "tb_common.vh"

    reg  [BEAT_WIDTH-1:0]        s_tdata;
    reg                          s_tvalid;
    wire                         s_tready;
    wire [BEATS*BEAT_WIDTH-1:0]  m_tdata;
    wire                         m_tvalid;
    reg                          m_tready;

    dnngen_stream_gather #(
        .WIDTH(WIDTH),
        .LANES(LANES),
        .BEATS(BEATS)
    ) dut (
        .clk(clk),
        .rst(rst),
        .s_axis_tdata(s_tdata),
        .s_axis_tvalid(s_tvalid),
        .s_axis_tready(s_tready),
        .m_axis_tdata(m_tdata),
        .m_axis_tvalid(m_tvalid),
        .m_axis_tready(m_tready)
    );

    reg [31:0] lfsr = 32'h1234_5678;
    integer sent = 0;        // beats sent
    integer received = 0;    // output beats received
    integer cycles = 0;
    integer k;
    integer l;
    reg [BEATS*BEAT_WIDTH-1:0] expected;

    // The output stream rule: a stalled beat holds its valid and data.
    `TB_HOLD_CHECK(BEATS*BEAT_WIDTH, !rst, m_tdata)

    // Beat b holds elements b*LANES .. b*LANES+LANES-1, each its index mod 2^WIDTH.
    function [BEAT_WIDTH-1:0] beat;
        input integer b;
        integer i;
        begin
            for (i = 0; i < LANES; i = i + 1) beat[i*WIDTH +: WIDTH] = b * LANES + i;
        end
    endfunction

    always @(posedge clk) begin
        cycles <= cycles + 1;
        lfsr <= lfsr_next(lfsr);
        if (!rst) begin
            if (s_tvalid && s_tready) sent = sent + 1;
            if (!s_tvalid || s_tready) begin
                if (sent < VECTORS * BEATS && (lfsr % 100) >= GAP_PCT) begin
                    s_tvalid <= 1'b1;
                    s_tdata <= beat(sent);
                end else begin
                    s_tvalid <= 1'b0;
                end
            end
            if (m_tvalid && m_tready) begin
                for (k = 0; k < BEATS; k = k + 1) expected[k*BEAT_WIDTH +: BEAT_WIDTH] = beat(received * BEATS + k);
                if (m_tdata !== expected) begin
                    `TB_MISMATCH(("MISMATCH vector %0d: got %h expected %h", received, m_tdata, expected))
                end
                received = received + 1;
            end
            m_tready <= ((lfsr >> 8) % 100) >= STALL_PCT;
        end
    end

    initial begin
        s_tvalid = 1'b0;
        s_tdata = {BEAT_WIDTH{1'b0}};
        m_tready = 1'b0;
        l = 0;
        repeat (3) @(posedge clk);
        rst <= 1'b0;
        wait (received == VECTORS || cycles > 100 * VECTORS * BEATS + 100);
        if (received != VECTORS) begin
            `TB_MISMATCH(("TIMEOUT received %0d of %0d vectors", received, VECTORS))
        end
        mismatches = mismatches + hold_violations;
        $sformat(tb_summary, " cycles=%0d", cycles);
        tb_verdict(received, tb_summary);
    end
endmodule

`resetall
