// dnngen_fifo: synchronous first-in first-out queue on AXI4-Stream style ports.
//
// Contract
//   Words enter on s_axis_* and leave in order on m_axis_*; a transfer happens
//   on a rising edge where tvalid && tready. s_axis_tready = (count < DEPTH),
//   m_axis_tvalid = (count > 0); neither depends on the other side's valid or
//   ready, and m_axis_tvalid/m_axis_tdata hold until the word is taken.
//   A pushed word is visible on m_axis one cycle after its transfer; a push
//   and a pop in the same cycle are allowed (also when full or empty: a full
//   FIFO accepts nothing, an empty one offers nothing).
//   count is the number of stored words, registered (0 .. DEPTH).
//   Throughput: one push and one pop per cycle.
//   Reset (synchronous, active high) empties the queue: pointers and count.
//   The storage itself is not reset.
//
// Parameters
//   WIDTH  word width in bits, >= 1
//   DEPTH  capacity in words, a power of 2, >= 2

`resetall
`timescale 1ns / 1ps
`default_nettype none

module dnngen_fifo #(
    // Word width in bits.
    parameter WIDTH = 8,
    // Capacity in words (power of 2, >= 2).
    parameter DEPTH = 8
) (
    input  wire                     clk,
    input  wire                     rst,

    input  wire [WIDTH-1:0]         s_axis_tdata,
    input  wire                     s_axis_tvalid,
    output wire                     s_axis_tready,

    output wire [WIDTH-1:0]         m_axis_tdata,
    output wire                     m_axis_tvalid,
    input  wire                     m_axis_tready,

    output wire [$clog2(DEPTH):0]   count
);

    localparam PTR_WIDTH = $clog2(DEPTH);
    localparam COUNT_WIDTH = PTR_WIDTH + 1;

    initial begin
        if (WIDTH < 1) $fatal(1, "WIDTH %0d < 1 (%m)", WIDTH);
        if (DEPTH < 2 || (DEPTH & (DEPTH - 1)) != 0) begin
            $fatal(1, "DEPTH %0d is not a power of 2 >= 2 (%m)", DEPTH);
        end
    end

    reg [WIDTH-1:0] mem [0:DEPTH-1];

    reg [PTR_WIDTH-1:0]   wr_ptr_reg;
    reg [PTR_WIDTH-1:0]   wr_ptr_next;
    reg [PTR_WIDTH-1:0]   rd_ptr_reg;
    reg [PTR_WIDTH-1:0]   rd_ptr_next;
    reg [COUNT_WIDTH-1:0] count_reg;
    reg [COUNT_WIDTH-1:0] count_next;

    wire full = count_reg[PTR_WIDTH];
    wire empty = (count_reg == {COUNT_WIDTH{1'b0}});
    wire push = s_axis_tvalid && !full;
    wire pop = m_axis_tready && !empty;

    assign s_axis_tready = !full;
    assign m_axis_tvalid = !empty;
    assign m_axis_tdata = mem[rd_ptr_reg];
    assign count = count_reg;

    always @* begin
        wr_ptr_next = wr_ptr_reg;
        rd_ptr_next = rd_ptr_reg;
        count_next = count_reg;
        if (push) begin
            wr_ptr_next = wr_ptr_reg + 1'b1;
        end
        if (pop) begin
            rd_ptr_next = rd_ptr_reg + 1'b1;
        end
        if (push && !pop) begin
            count_next = count_reg + 1'b1;
        end else if (pop && !push) begin
            count_next = count_reg - 1'b1;
        end
    end

    always @(posedge clk) begin
        if (push) begin
            mem[wr_ptr_reg] <= s_axis_tdata;
        end
    end

    always @(posedge clk) begin
        wr_ptr_reg <= wr_ptr_next;
        rd_ptr_reg <= rd_ptr_next;
        count_reg <= count_next;

        if (rst) begin
            wr_ptr_reg <= {PTR_WIDTH{1'b0}};
            rd_ptr_reg <= {PTR_WIDTH{1'b0}};
            count_reg <= {COUNT_WIDTH{1'b0}};
        end
    end

endmodule

`resetall
