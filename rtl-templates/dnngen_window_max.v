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
//   m_axis_tready; latency 0, one window a cycle. The maximum is a balanced
//   tree of comparators, ceil(log2(TAPS)) deep (not a chain of TAPS-1). Stream rules are inherited
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
            // A heap-ordered tree: node i (1 <= i < 2*TAPS) at [i*WIDTH +: WIDTH],
            // the taps are the leaves TAPS .. 2*TAPS-1, node i < TAPS is the
            // larger of nodes 2i and 2i+1, and node 1 is the maximum. Depth
            // ceil(log2(TAPS)); node 0 is unused.
            /* verilator lint_off UNUSEDSIGNAL */
            reg [2*TAPS*WIDTH-1:0] heap;
            /* verilator lint_on UNUSEDSIGNAL */
            reg [WIDTH-1:0]        left;
            reg [WIDTH-1:0]        right;
            integer                i;

            always @* begin
                heap = {(2 * TAPS * WIDTH){1'b0}};
                left = {WIDTH{1'b0}};
                right = {WIDTH{1'b0}};
                for (i = 0; i < TAPS; i = i + 1) begin
                    heap[(TAPS + i)*WIDTH +: WIDTH] = s_axis_tdata[(i*CHANNELS + c)*WIDTH +: WIDTH] ^ ORDER_FLIP;
                end
                for (i = TAPS - 1; i >= 1; i = i - 1) begin
                    left = heap[2*i*WIDTH +: WIDTH];
                    right = heap[(2*i + 1)*WIDTH +: WIDTH];
                    heap[i*WIDTH +: WIDTH] = (right > left) ? right : left;
                end
            end

            assign m_axis_tdata[c*WIDTH +: WIDTH] = heap[WIDTH +: WIDTH] ^ ORDER_FLIP;
        end
    endgenerate

endmodule

`resetall
