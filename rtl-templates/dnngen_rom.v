// dnngen_rom: read-only memory with a registered read port.
//
// Contract
//   data is mem[addr] as sampled at the previous rising clock edge: a read
//   latency of 1 cycle, free running, no enable and no reset. The memory is
//   loaded from INIT_FILE with $readmemh at elaboration (one fixed-width hex
//   word a line, DEPTH lines) and never written, so Yosys, Vivado and Quartus
//   infer block RAM or LUT ROM from it.
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

module dnngen_rom #(
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
    input  wire [ADDR_WIDTH-1:0] addr,
    output wire [WIDTH-1:0]      data
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
    reg [WIDTH-1:0] data_reg;

    initial begin
        $readmemh(INIT_FILE, mem);
    end

    always @(posedge clk) begin
        data_reg <= mem[addr];
    end

    assign data = data_reg;

endmodule

`resetall
