// dnngen_stream_deal: round-robin splitter that deals the beats of one stream
// to WAYS streams in turn, so that WAYS copies of a unit (the dense unit of a
// convolution, one window a beat) each compute every WAYS-th output pixel.
//
// Contract
//   Input beat n goes to output way n mod WAYS (counted from reset, wrapping;
//   there is no tlast). All ways see the input data: m_axis_tdata is one bus
//   shared by the ways, m_axis_tvalid[k] is way k's valid bit.
//   Combinational: m_axis_tvalid[k] = s_axis_tvalid && (turn == k),
//   s_axis_tready = m_axis_tready[turn]. Latency 0; one beat a cycle when
//   the way whose turn it is takes it. A way that is not ready holds back
//   the others (beats stay in order).
//   Stream rules: transfer when tvalid && tready; tvalid and tdata hold until
//   the transfer (inherited from the source); tvalid never depends on tready.
//   Reset (synchronous, active high) sets the turn to way 0.
//
// Parameters
//   WIDTH  bits of a beat, >= 1
//   WAYS   output streams, >= 2

`resetall
`timescale 1ns / 1ps
`default_nettype none

module dnngen_stream_deal #(
    // Bits of a beat.
    parameter WIDTH = 8,
    // Output streams the beats are dealt to in turn.
    parameter WAYS = 2
) (
    input  wire             clk,
    input  wire             rst,

    input  wire [WIDTH-1:0] s_axis_tdata,
    input  wire             s_axis_tvalid,
    output wire             s_axis_tready,

    output wire [WIDTH-1:0] m_axis_tdata,
    output wire [WAYS-1:0]  m_axis_tvalid,
    input  wire [WAYS-1:0]  m_axis_tready
);

    localparam TURN_WIDTH = $clog2(WAYS);
    localparam [31:0] LAST_32 = WAYS - 1;
    localparam [TURN_WIDTH-1:0] LAST = LAST_32[TURN_WIDTH-1:0];

    initial begin
        if (WIDTH < 1) $fatal(1, "WIDTH %0d < 1 (%m)", WIDTH);
        if (WAYS < 2) $fatal(1, "WAYS %0d < 2 (%m)", WAYS);
    end

    reg [TURN_WIDTH-1:0] turn_reg;

    assign m_axis_tdata = s_axis_tdata;
    assign m_axis_tvalid = {{(WAYS-1){1'b0}}, s_axis_tvalid} << turn_reg;
    assign s_axis_tready = m_axis_tready[turn_reg];

    always @(posedge clk) begin
        if (s_axis_tvalid && s_axis_tready) begin
            turn_reg <= (turn_reg == LAST) ? {TURN_WIDTH{1'b0}} : turn_reg + 1'b1;
        end

        if (rst) begin
            turn_reg <= {TURN_WIDTH{1'b0}};
        end
    end

endmodule

`resetall
