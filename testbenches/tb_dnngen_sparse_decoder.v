// tb_dnngen_sparse_decoder: unit bench for dnngen_sparse_decoder with its
// code ROM (dnngen_rom), from the stream and expected entries that
// gen_sparse_lane.py writes (an independent Python encoder).
//
// Runs BATCHES batches back to back (start in the clock idle_next is high)
// and checks every decoded non-zero {row, col, value} in order, that no
// extra entry appears, and that after the buffer has filled the decoder
// takes one clock a code: BATCHES*CODES clocks from the first start to
// the last code. One PASS or FAIL line; FAIL and timeouts end in $fatal(1).

`resetall
`timescale 1ns / 1ps
`default_nettype none

module tb_dnngen_sparse_decoder #(
    // dnngen_sparse_decoder parameters.
    parameter FORMAT = 1,
    parameter INDEX_BITS = 1,
    parameter RICE_K = 2,
    parameter RICE_QMAX = 4,
    parameter ROW_SPAN = 1,
    parameter WEIGHT_WIDTH = 4,
    parameter COLS = 17,
    parameter LOCAL_ROWS = 9,
    parameter ROW_WIDTH = 4,
    parameter COL_WIDTH = 5,
    parameter STREAM_WIDTH = 16,
    parameter ADDR_WIDTH = 4,
    parameter COUNT_WIDTH = 6,
    // Words and codes of the stream, non-zeros it holds, batches to run.
    parameter WORDS = 10,
    parameter CODES = 30,
    parameter ENTRIES = 30,
    parameter BATCHES = 3,
    // Images.
    parameter CODE_FILE = "code.hex",
    parameter EXPECTED_FILE = "expected.hex"
);

    localparam EXP_WIDTH = ROW_WIDTH + COL_WIDTH + WEIGHT_WIDTH;
    localparam DEPTH = (WORDS > 0) ? WORDS : 1;

`include "tb_common.vh"

    reg  [EXP_WIDTH-1:0]    exp_mem [0:DEPTH*STREAM_WIDTH];
    wire [ADDR_WIDTH-1:0]   rom_addr;
    wire [STREAM_WIDTH-1:0] rom_data;
    wire                    start;
    wire                    out_valid;
    wire [ROW_WIDTH-1:0]    out_row;
    wire [COL_WIDTH-1:0]    out_col;
    wire [WEIGHT_WIDTH-1:0] out_value;
    wire                    idle_next;
    localparam [31:0] CODES_32 = CODES;
    localparam [31:0] WORDS_32 = WORDS;

    dnngen_rom #(
        .WIDTH(STREAM_WIDTH),
        .DEPTH(DEPTH),
        .ADDR_WIDTH(ADDR_WIDTH),
        .INIT_FILE(CODE_FILE)
    ) rom_inst (
        .clk(clk),
        .addr(rom_addr),
        .data(rom_data)
    );

    dnngen_sparse_decoder #(
        .FORMAT(FORMAT),
        .INDEX_BITS(INDEX_BITS),
        .RICE_K(RICE_K),
        .RICE_QMAX(RICE_QMAX),
        .ROW_SPAN(ROW_SPAN),
        .WEIGHT_WIDTH(WEIGHT_WIDTH),
        .COLS(COLS),
        .LOCAL_ROWS(LOCAL_ROWS),
        .ROW_WIDTH(ROW_WIDTH),
        .COL_WIDTH(COL_WIDTH),
        .STREAM_WIDTH(STREAM_WIDTH),
        .ADDR_WIDTH(ADDR_WIDTH),
        .COUNT_WIDTH(COUNT_WIDTH)
    ) dut_inst (
        .clk(clk),
        .rst(rst),
        .start(start),
        .codes(CODES_32[COUNT_WIDTH-1:0]),
        .words(WORDS_32[ADDR_WIDTH:0]),
        .rom_addr(rom_addr),
        .rom_data(rom_data),
        .out_valid(out_valid),
        .out_row(out_row),
        .out_col(out_col),
        .out_value(out_value),
        .idle_next(idle_next)
    );

    integer started = 0;
    integer got = 0;
    integer first_start = -1;
    integer last_out = 0;
    integer cycle = 0;
    reg [EXP_WIDTH-1:0] want;

    // The first batch waits for the read-ahead buffer to fill.
    assign start = !rst && started < BATCHES && idle_next && cycle >= 12;

    always @(posedge clk) begin
        cycle <= cycle + 1;
        if (!rst) begin
            if (start) begin
                started = started + 1;
                if (first_start < 0) first_start = cycle;
            end
            if (out_valid) begin
                want = exp_mem[got % ENTRIES];
                if (got >= ENTRIES * BATCHES || {out_row, out_col, out_value} !== want) begin
                    `TB_MISMATCH(("MISMATCH idx=%0d got=%0d,%0d,%0d exp=%0d,%0d,%0d", got, out_row, out_col, out_value,
                                      want[EXP_WIDTH-1 -: ROW_WIDTH], want[WEIGHT_WIDTH +: COL_WIDTH],
                                      want[WEIGHT_WIDTH-1:0]))
                end
                got = got + 1;
                last_out = cycle;
            end
        end
    end

    initial begin
        $readmemh(EXPECTED_FILE, exp_mem);
        repeat (3) @(posedge clk);
        rst <= 1'b0;
        repeat (BATCHES * CODES + 40) @(posedge clk);
        if (got != ENTRIES * BATCHES) begin
            $display("MISMATCH entries=%0d expected=%0d", got, ENTRIES * BATCHES);
            mismatches = mismatches + 1;
        end
        // Started in clock s, decoded from s+1, shown a clock later: the
        // last entry shows by s + BATCHES*CODES + 1 (no stall).
        if (last_out - first_start > BATCHES * CODES + 1) begin
            $display("MISMATCH cycles=%0d for %0d codes (one a clock expected)", last_out - first_start - 1,
                     BATCHES * CODES);
            mismatches = mismatches + 1;
        end
        $sformat(tb_summary, " cycles_per_inference=%0d latency=1 codes=%0d words=%0d", (last_out - first_start - 1) / BATCHES, CODES, WORDS);
        tb_verdict(BATCHES, tb_summary);
    end

endmodule

`resetall
