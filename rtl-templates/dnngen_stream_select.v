// dnngen_stream_select: top-level input adapter that drops the input
// elements the first layer does not use (its all-zero weight columns).
//
// Contract
//   One element per beat on both sides. Elements are counted 0 .. COUNT-1
//   per vector (the count wraps after COUNT-1; there is no tlast). Element i
//   is forwarded if KEEP[i] = 1; otherwise it is accepted and discarded
//   (s_axis_tready = 1 for it).
//   Combinational pass-through: m_axis_tdata = s_axis_tdata,
//   m_axis_tvalid = s_axis_tvalid && KEEP[i], s_axis_tready = m_axis_tready
//   for kept elements. Latency 0; one element a cycle.
//   Stream rules: transfer when tvalid && tready; tvalid and tdata hold until
//   the transfer (inherited from the source); tvalid never depends on tready.
//   Reset (synchronous, active high) clears the element counter.
//
// Parameters
//   COUNT  elements per input vector, >= 1
//   WIDTH  element width in bits, >= 1
//   KEEP   COUNT bits; bit i = 1 keeps element i

`resetall
`timescale 1ns / 1ps
`default_nettype none

module dnngen_stream_select #(
    // Elements per input vector.
    parameter COUNT = 4,
    // Element width in bits.
    parameter WIDTH = 8,
    // Bit i = 1 forwards element i, 0 drops it.
    parameter [COUNT-1:0] KEEP = {COUNT{1'b1}}
) (
    input  wire             clk,
    input  wire             rst,

    input  wire [WIDTH-1:0] s_axis_tdata,
    input  wire             s_axis_tvalid,
    output wire             s_axis_tready,

    output wire [WIDTH-1:0] m_axis_tdata,
    output wire             m_axis_tvalid,
    input  wire             m_axis_tready
);

    localparam INDEX_WIDTH = (COUNT > 1) ? $clog2(COUNT) : 1;
    localparam [31:0] LAST_INDEX_32 = COUNT - 1;
    localparam [INDEX_WIDTH-1:0] LAST_INDEX = LAST_INDEX_32[INDEX_WIDTH-1:0];

    initial begin
        if (COUNT < 1) $fatal(1, "COUNT %0d < 1 (%m)", COUNT);
        if (WIDTH < 1) $fatal(1, "WIDTH %0d < 1 (%m)", WIDTH);
    end

    reg [INDEX_WIDTH-1:0] index_reg;
    reg [INDEX_WIDTH-1:0] index_next;

    wire keep = KEEP[index_reg];

    assign m_axis_tdata = s_axis_tdata;
    assign m_axis_tvalid = s_axis_tvalid && keep;
    assign s_axis_tready = !keep || m_axis_tready;

    always @* begin
        index_next = index_reg;
        if (s_axis_tvalid && s_axis_tready) begin
            if (index_reg == LAST_INDEX) begin
                index_next = {INDEX_WIDTH{1'b0}};
            end else begin
                index_next = index_reg + 1'b1;
            end
        end
    end

    always @(posedge clk) begin
        index_reg <= index_next;

        if (rst) begin
            index_reg <= {INDEX_WIDTH{1'b0}};
        end
    end

endmodule

`resetall
