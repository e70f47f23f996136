// dnngen_rom_dual: read-only memory with two registered read ports.
//
// Contract
//   data_a is mem[addr_a] and data_b is mem[addr_b], each as sampled at the
//   previous rising clock edge: both ports have a read latency of 1 cycle,
//   free running, no enable and no reset; the two ports are independent (any
//   two addresses, also equal ones, in the same cycle). The memory is loaded
//   from INIT_FILE with $readmemh at elaboration (one fixed-width hex word a
//   line, DEPTH lines) and never written, so Yosys, Vivado and Quartus infer a
//   true dual-port block RAM (or a LUT ROM with two read ports) from it. The
//   sparse matrix-vector unit reads its column pointers with it: port A the
//   column's first entry, port B the next column's, in the same cycle.
//   Reset: none (no control state).
//
// Parameters
//   WIDTH       word width in bits, >= 1
//   DEPTH       number of words, 1 .. 2^ADDR_WIDTH
//   ADDR_WIDTH  address width in bits, >= 1
//   INIT_FILE   hex image read with $readmemh
//
// Addresses >= DEPTH read an undefined word.

`resetall
`timescale 1ns / 1ps
`default_nettype none

module dnngen_rom_dual #(
    // Word width in bits.
    parameter WIDTH = 8,
    // Number of words.
    parameter DEPTH = 16,
    // Address width in bits (at least clog2(DEPTH), at least 1).
    parameter ADDR_WIDTH = 4,
    // Image file: DEPTH lines of fixed-width hex.
    parameter INIT_FILE = "rom.hex"
) (
    input  wire                  clk,

    input  wire [ADDR_WIDTH-1:0] addr_a,
    output wire [WIDTH-1:0]      data_a,

    input  wire [ADDR_WIDTH-1:0] addr_b,
    output wire [WIDTH-1:0]      data_b
);

    initial begin
        if (WIDTH < 1) $fatal(1, "WIDTH %0d < 1 (%m)", WIDTH);
        if (DEPTH < 1) $fatal(1, "DEPTH %0d < 1 (%m)", DEPTH);
        if (ADDR_WIDTH < 1) $fatal(1, "ADDR_WIDTH %0d < 1 (%m)", ADDR_WIDTH);
        if (DEPTH > (1 << ADDR_WIDTH)) begin
            $fatal(1, "DEPTH %0d does not fit ADDR_WIDTH %0d (%m)", DEPTH, ADDR_WIDTH);
        end
    end

    reg [WIDTH-1:0] mem [0:DEPTH-1];
    reg [WIDTH-1:0] data_a_reg;
    reg [WIDTH-1:0] data_b_reg;

    initial begin
        $readmemh(INIT_FILE, mem);
    end

    always @(posedge clk) begin
        data_a_reg <= mem[addr_a];
    end

    always @(posedge clk) begin
        data_b_reg <= mem[addr_b];
    end

    assign data_a = data_a_reg;
    assign data_b = data_b_reg;

endmodule

`resetall
