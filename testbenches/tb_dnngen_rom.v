// tb_dnngen_rom: unit bench for dnngen_rom.
//
// Loads INIT_FILE (written by gen_vectors.py) into the ROM and into a bench
// array, presents LFSR-chosen addresses (< DEPTH) every cycle, and checks
// that data is the word at the address of the previous clock edge (1 cycle
// latency). Ends with one PASS or FAIL line; FAIL ends in $fatal(1).

`resetall
`timescale 1ns / 1ps
`default_nettype none

module tb_dnngen_rom #(
    // dnngen_rom parameters.
    parameter WIDTH = 12,
    parameter DEPTH = 13,
    parameter ADDR_WIDTH = 4,
    parameter INIT_FILE = "rom.hex",
    // Reads to check.
    parameter N_READS = 500,
    // LFSR seed.
    parameter SEED = 32'h2468_ACE0
);

`include "tb_common.vh"

    reg  [ADDR_WIDTH-1:0] addr = {ADDR_WIDTH{1'b0}};
    wire [WIDTH-1:0]      data;
    reg  [WIDTH-1:0]      mem [0:DEPTH-1];

    dnngen_rom #(
        .WIDTH(WIDTH),
        .DEPTH(DEPTH),
        .ADDR_WIDTH(ADDR_WIDTH),
        .INIT_FILE(INIT_FILE)
    ) dut_inst (
        .clk(clk),
        .addr(addr),
        .data(data)
    );

    reg [31:0] lfsr = SEED;
    integer prev_addr = -1;
    integer reads = 0;

    always @(posedge clk) begin
        lfsr <= lfsr_next(lfsr);
        if (prev_addr >= 0) begin
            if (data !== mem[prev_addr]) begin
                `TB_MISMATCH(("MISMATCH addr=%0d got=%h exp=%h", prev_addr, data, mem[prev_addr]))
            end
            reads = reads + 1;
        end
        prev_addr = addr;
        // Sequential sweep first, then random addresses.
        if (reads < DEPTH) begin
            addr <= (addr + 1) % DEPTH;
        end else begin
            addr <= lfsr % DEPTH;
        end
    end

    initial begin
        $readmemh(INIT_FILE, mem);
        while (reads < N_READS) @(posedge clk);
        tb_verdict(reads, "");
    end

endmodule

`resetall
