// dnngen_window_max: max pooling over a sliding window, for pools whose stride
// differs from their kernel (overlapping or gapped windows). A dnngen_swu with
// no padding makes the windows; this module reduces each to its maximum per
// channel.
//
// Contract
//   Input: one window per beat, element (tap t, channel c) at index
//   t*CHANNELS + c, i.e. bits [(t*CHANNELS + c)*WIDTH +: WIDTH], TAPS taps
//   (kernel positions) per window, as dnngen_swu emits them.
//   Output: one pooled pixel per beat, CHANNELS elements, channel c at
//   [c*WIDTH +: WIDTH] = the maximum over the TAPS taps of channel c.
//   Combinational: m_axis_tvalid = s_axis_tvalid, s_axis_tready =
//   m_axis_tready; latency 0, one window a cycle. Stream rules are inherited
//   from the source (tvalid and tdata hold until the transfer). No state, so
//   nothing to reset.
//
// Parameters
//   WIDTH     element width in bits, >= 1
//   SIGNED    1: compare two's complement, 0: unsigned
//   CHANNELS  channels per pixel, >= 1
//   TAPS      kernel positions per window, >= 1

`resetall
`timescale 1ns / 1ps
`default_nettype none

module dnngen_window_max #(
    // Element width in bits.
    parameter WIDTH = 8,
    // 1: elements are two's complement; 0: unsigned.
    parameter SIGNED = 0,
    // Channels per pixel.
    parameter CHANNELS = 2,
    // Kernel positions per window.
    parameter TAPS = 4
) (
    input  wire                         s_axis_tvalid,
    input  wire [TAPS*CHANNELS*WIDTH-1:0] s_axis_tdata,
    output wire                         s_axis_tready,

    output wire [CHANNELS*WIDTH-1:0]    m_axis_tdata,
    output wire                         m_axis_tvalid,
    input  wire                         m_axis_tready
);

    initial begin
        if (WIDTH < 1) $fatal(1, "WIDTH %0d < 1 (%m)", WIDTH);
        if (CHANNELS < 1) $fatal(1, "CHANNELS %0d < 1 (%m)", CHANNELS);
        if (TAPS < 1) $fatal(1, "TAPS %0d < 1 (%m)", TAPS);
    end

    assign m_axis_tvalid = s_axis_tvalid;
    assign s_axis_tready = m_axis_tready;

    // Flipping the sign bit maps two's complement order onto unsigned order,
    // so one unsigned comparator serves both.
    localparam [WIDTH:0] SIGN_BIT = {{(WIDTH){1'b0}}, 1'b1} << (WIDTH - 1);
    localparam [WIDTH-1:0] ORDER_FLIP = (SIGNED != 0) ? SIGN_BIT[WIDTH-1:0] : {WIDTH{1'b0}};

    genvar c;
    generate
        for (c = 0; c < CHANNELS; c = c + 1) begin : g_channel
            reg [WIDTH-1:0] best;
            reg [WIDTH-1:0] tap;
            integer t;
            always @* begin
                best = s_axis_tdata[c*WIDTH +: WIDTH] ^ ORDER_FLIP;
                for (t = 1; t < TAPS; t = t + 1) begin
                    tap = s_axis_tdata[(t*CHANNELS + c)*WIDTH +: WIDTH] ^ ORDER_FLIP;
                    if (tap > best) best = tap;
                end
            end
            assign m_axis_tdata[c*WIDTH +: WIDTH] = best ^ ORDER_FLIP;
        end
    endgenerate

endmodule

`resetall
