// dnngen_stream_merge: round-robin collector, the inverse of
// dnngen_stream_deal: takes ITEM_BEATS beats from input way 0, then
// ITEM_BEATS from way 1, ... way WAYS-1, then way 0 again, so that the
// outputs of WAYS copies of a unit (ITEM_BEATS beats per output pixel) leave
// in pixel order.
//
// Contract
//   The input ways share nothing: way k's beat is s_axis_tdata[k*WIDTH +:
//   WIDTH] with valid s_axis_tvalid[k] and ready s_axis_tready[k].
//   Combinational: m_axis_tdata = way turn's data, m_axis_tvalid =
//   s_axis_tvalid[turn], s_axis_tready[k] = m_axis_tready && (turn == k).
//   Latency 0; one beat a cycle while the way whose turn it is has one. The
//   turn passes to the next way after ITEM_BEATS transfers (counted from
//   reset, wrapping; there is no tlast).
//   Stream rules: transfer when tvalid && tready; tvalid and tdata hold until
//   the transfer (inherited from the source); tvalid never depends on tready.
//   Reset (synchronous, active high) sets the turn to way 0, beat 0.
//
// Parameters
//   WIDTH       bits of a beat, >= 1
//   WAYS        input streams, >= 2
//   ITEM_BEATS  beats a way sends per turn, >= 1

`resetall
`timescale 1ns / 1ps
`default_nettype none

module dnngen_stream_merge #(
    // Bits of a beat.
    parameter WIDTH = 8,
    // Input streams taken in turn.
    parameter WAYS = 2,
    // Beats a way sends per turn (an output pixel's row groups).
    parameter ITEM_BEATS = 1
) (
    input  wire                  clk,
    input  wire                  rst,

    input  wire [WAYS*WIDTH-1:0] s_axis_tdata,
    input  wire [WAYS-1:0]       s_axis_tvalid,
    output wire [WAYS-1:0]       s_axis_tready,

    output wire [WIDTH-1:0]      m_axis_tdata,
    output wire                  m_axis_tvalid,
    input  wire                  m_axis_tready
);

    localparam TURN_WIDTH = $clog2(WAYS);
    localparam BEAT_CNT_WIDTH = (ITEM_BEATS > 1) ? $clog2(ITEM_BEATS) : 1;
    localparam [31:0] LAST_TURN_32 = WAYS - 1;
    localparam [TURN_WIDTH-1:0] LAST_TURN = LAST_TURN_32[TURN_WIDTH-1:0];
    localparam [31:0] LAST_BEAT_32 = ITEM_BEATS - 1;
    localparam [BEAT_CNT_WIDTH-1:0] LAST_BEAT = LAST_BEAT_32[BEAT_CNT_WIDTH-1:0];

    initial begin
        if (WIDTH < 1) $fatal(1, "WIDTH %0d < 1 (%m)", WIDTH);
        if (WAYS < 2) $fatal(1, "WAYS %0d < 2 (%m)", WAYS);
        if (ITEM_BEATS < 1) $fatal(1, "ITEM_BEATS %0d < 1 (%m)", ITEM_BEATS);
    end

    reg [TURN_WIDTH-1:0]     turn_reg;
    reg [BEAT_CNT_WIDTH-1:0] beat_reg;

    assign m_axis_tdata = s_axis_tdata[turn_reg*WIDTH +: WIDTH];
    assign m_axis_tvalid = s_axis_tvalid[turn_reg];
    assign s_axis_tready = {{(WAYS-1){1'b0}}, m_axis_tready} << turn_reg;

    always @(posedge clk) begin
        if (m_axis_tvalid && m_axis_tready) begin
            if (beat_reg == LAST_BEAT) begin
                beat_reg <= {BEAT_CNT_WIDTH{1'b0}};
                turn_reg <= (turn_reg == LAST_TURN) ? {TURN_WIDTH{1'b0}} : turn_reg + 1'b1;
            end else begin
                beat_reg <= beat_reg + 1'b1;
            end
        end

        if (rst) begin
            turn_reg <= {TURN_WIDTH{1'b0}};
            beat_reg <= {BEAT_CNT_WIDTH{1'b0}};
        end
    end

endmodule

`resetall
