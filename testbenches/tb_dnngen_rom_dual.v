// tb_dnngen_rom_dual: unit bench for dnngen_rom_dual.
//
// Loads INIT_FILE (written by gen_vectors.py) into the ROM and into a bench
// array and presents two addresses (< DEPTH) every cycle: first a sweep with
// port B one word ahead of port A (as the sparse MVU reads column pointers
// j and j+1), then independent LFSR-chosen addresses, equal ones included.
// Checks that each port's data is the word at its address of the previous
// clock edge (1 cycle latency). Ends with one PASS or FAIL line; FAIL ends in
// $fatal(1).

`resetall
`timescale 1ns / 1ps
`default_nettype none

module tb_dnngen_rom_dual #(
    // dnngen_rom_dual parameters.
    parameter WIDTH = 12,
    parameter DEPTH = 13,
    parameter ADDR_WIDTH = 4,
    parameter INIT_FILE = "rom.hex",
    // Reads to check (per port).
    parameter N_READS = 500,
    // LFSR seed.
    parameter SEED = 32'h1357_9BDF
);

`include "tb_common.vh"

    reg  [ADDR_WIDTH-1:0] addr_a = {ADDR_WIDTH{1'b0}};
    reg  [ADDR_WIDTH-1:0] addr_b = {ADDR_WIDTH{1'b0}};
    wire [WIDTH-1:0]      data_a;
    wire [WIDTH-1:0]      data_b;
    reg  [WIDTH-1:0]      mem [0:DEPTH-1];

    dnngen_rom_dual #(
        .WIDTH(WIDTH),
        .DEPTH(DEPTH),
        .ADDR_WIDTH(ADDR_WIDTH),
        .INIT_FILE(INIT_FILE)
    ) dut_inst (
        .clk(clk),
        .addr_a(addr_a),
        .data_a(data_a),
        .addr_b(addr_b),
        .data_b(data_b)
    );

    reg [31:0] lfsr = SEED;
    integer prev_a = -1;
    integer prev_b = -1;
    integer reads = 0;

    always @(posedge clk) begin
        lfsr <= lfsr_next(lfsr);
        if (prev_a >= 0) begin
            if (data_a !== mem[prev_a] || data_b !== mem[prev_b]) begin
                `TB_MISMATCH(("MISMATCH addr_a=%0d got=%h exp=%h addr_b=%0d got=%h exp=%h",
                                  prev_a, data_a, mem[prev_a], prev_b, data_b, mem[prev_b]))
            end
            reads = reads + 1;
        end
        prev_a = addr_a;
        prev_b = addr_b;
        if (reads < DEPTH) begin
            addr_a <= reads % DEPTH;
            addr_b <= (reads + 1) % DEPTH;
        end else begin
            addr_a <= lfsr % DEPTH;
            addr_b <= (lfsr[3] ? lfsr : (lfsr >> 11)) % DEPTH;
        end
    end

    initial begin
        $readmemh(INIT_FILE, mem);
        while (reads < N_READS) @(posedge clk);
        tb_verdict(2 * reads, "");
    end

endmodule

`resetall
