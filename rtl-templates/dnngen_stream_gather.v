// dnngen_stream_gather: width converter that collects BEATS input beats of
// LANES elements into one output beat of LANES*BEATS elements, so that an
// engine taking a whole vector a clock (the hardwired engine) can follow one
// that delivers it over several beats.
//
// Contract
//   Input beat k (k = 0 .. BEATS-1, counted per vector, wrapping) lands at
//   m_axis_tdata[k*LANES*WIDTH +: LANES*WIDTH]. The output beat is
//   registered: it appears the cycle after the input's last beat is taken
//   and holds until accepted. While it waits, the first BEATS-1 beats of the
//   next vector are still taken; the last one waits (s_axis_tready low)
//   until the output is free or being taken. Throughput: one input beat a
//   cycle, one output beat every BEATS cycles.
//   Stream rules: transfer when tvalid && tready; tvalid and tdata hold until
//   the transfer; tvalid never depends on tready.
//   Reset (synchronous, active high) clears the beat counter and the output
//   valid bit.
//
// Parameters
//   WIDTH  element width in bits, >= 1
//   LANES  elements per input beat, >= 1
//   BEATS  input beats per output beat, >= 2

`resetall
`timescale 1ns / 1ps
`default_nettype none

module dnngen_stream_gather #(
    // Element width in bits.
    parameter WIDTH = 8,
    // Elements per input beat.
    parameter LANES = 2,
    // Input beats per output beat.
    parameter BEATS = 2
) (
    input  wire                         clk,
    input  wire                         rst,

    input  wire [LANES*WIDTH-1:0]       s_axis_tdata,
    input  wire                         s_axis_tvalid,
    output wire                         s_axis_tready,

    output wire [BEATS*LANES*WIDTH-1:0] m_axis_tdata,
    output wire                         m_axis_tvalid,
    input  wire                         m_axis_tready
);

    localparam BEAT_WIDTH = LANES * WIDTH;
    localparam COUNT_WIDTH = $clog2(BEATS);
    localparam [31:0] LAST_32 = BEATS - 1;
    localparam [COUNT_WIDTH-1:0] LAST = LAST_32[COUNT_WIDTH-1:0];

    initial begin
        if (WIDTH < 1) $fatal(1, "WIDTH %0d < 1 (%m)", WIDTH);
        if (LANES < 1) $fatal(1, "LANES %0d < 1 (%m)", LANES);
        if (BEATS < 2) $fatal(1, "BEATS %0d < 2 (%m)", BEATS);
    end

    reg [(BEATS-1)*BEAT_WIDTH-1:0] held_reg;
    reg [BEATS*BEAT_WIDTH-1:0]     out_reg;
    reg                            out_valid_reg;
    reg [COUNT_WIDTH-1:0]          count_reg;

    wire last = (count_reg == LAST);
    wire take = s_axis_tvalid && s_axis_tready;

    assign s_axis_tready = !last || !out_valid_reg || m_axis_tready;
    assign m_axis_tdata = out_reg;
    assign m_axis_tvalid = out_valid_reg;

    always @(posedge clk) begin
        if (m_axis_tready) begin
            out_valid_reg <= 1'b0;
        end
        if (take) begin
            if (last) begin
                out_reg <= {s_axis_tdata, held_reg};
                out_valid_reg <= 1'b1;
                count_reg <= {COUNT_WIDTH{1'b0}};
            end else begin
                held_reg[count_reg*BEAT_WIDTH +: BEAT_WIDTH] <= s_axis_tdata;
                count_reg <= count_reg + 1'b1;
            end
        end
        if (rst) begin
            out_valid_reg <= 1'b0;
            count_reg <= {COUNT_WIDTH{1'b0}};
        end
    end

endmodule

`resetall
