// tb_dnngen_sparse_pe: unit bench for dnngen_sparse_pe with its entry ROM
// (dnngen_rom) and pointer ROM (dnngen_rom_dual), driven by the images,
// activation items and expected accumulators that gen_vectors.py writes.
//
// The bench is the PE's caller: it offers the items (ITEM_FILE, vectors ended
// by an item with last = 1), and drains each bank as the sparse MVU does:
// wait for done[bank], read rows 0..LOCAL_ROWS-1 on the drain port (1-cycle
// read), pulse drain_clear with the last row, then the other bank.
// Three phases, all N_VEC vectors each:
//   1  isolated vectors (each offered once the previous one is drained), no
//      gaps, no drain stalls: done[bank] must rise exactly TIMING_FILE[v]
//      cycles after the vector's first item is taken;
//   2  items with 25% gaps, drain with 25% stalls;  3  50% / 50%.
// Every drained row is compared with EXPECTED_FILE (sum of w * x, modulo
// 2^ACC_WIDTH). Ends with one PASS or FAIL line; FAIL ends in $fatal(1).

`resetall
`timescale 1ns / 1ps
`default_nettype none

module tb_dnngen_sparse_pe #(
    // dnngen_sparse_pe parameters.
    parameter LOCAL_ROWS = 6,
    parameter IN_WIDTH = 8,
    parameter IN_SIGNED = 1,
    parameter WEIGHT_WIDTH = 8,
    parameter WEIGHT_KIND = 0,
    parameter INDEX_BITS = 2,
    parameter PTR_WIDTH = 5,
    parameter EADDR_WIDTH = 4,
    parameter PADDR_WIDTH = 4,
    parameter ROW_WIDTH = 3,
    parameter ACC_WIDTH = 20,
    parameter ACT_FIFO_DEPTH = 2,
    // Matrix columns, entry ROM depth.
    parameter COLS = 10,
    parameter ENTRIES = 16,
    // Vectors per phase, items over all vectors.
    parameter N_VEC = 10,
    parameter N_ITEMS = 40,
    // Images.
    parameter ENTRY_FILE = "entries.hex",
    parameter POINTER_FILE = "pointers.hex",
    parameter ITEM_FILE = "items.hex",
    parameter EXPECTED_FILE = "expected.hex",
    parameter TIMING_FILE = "timing.hex",
    // LFSR seed.
    parameter SEED = 32'h0DD5_EED5,
    // Cycles without progress before giving up.
    parameter TIMEOUT = 5000
);

    localparam ITEM_WIDTH = PADDR_WIDTH + IN_WIDTH + 1;
    localparam EW = INDEX_BITS + WEIGHT_WIDTH;
    localparam PHASES = 3;

`include "tb_common.vh"

    reg [ITEM_WIDTH-1:0] item_mem [0:N_ITEMS-1];
    reg [ACC_WIDTH-1:0]  exp_mem [0:N_VEC*LOCAL_ROWS-1];
    reg [31:0]           timing_mem [0:N_VEC-1];

    reg  [ITEM_WIDTH-1:0]  s_tdata;
    reg                    s_tvalid = 1'b0;
    wire                   s_tready;
    wire [PADDR_WIDTH-1:0] ptr_addr_a;
    wire [PADDR_WIDTH-1:0] ptr_addr_b;
    wire [PTR_WIDTH-1:0]   ptr_data_a;
    wire [PTR_WIDTH-1:0]   ptr_data_b;
    wire [EADDR_WIDTH-1:0] entry_addr;
    wire [EW-1:0]          entry_data;
    reg  [ROW_WIDTH-1:0]   drain_row = {ROW_WIDTH{1'b0}};
    reg                    drain_bank = 1'b0;
    reg                    drain_clear = 1'b0;
    wire [ACC_WIDTH-1:0]   drain_acc;
    wire [1:0]             done;

    dnngen_rom #(
        .WIDTH(EW),
        .DEPTH(ENTRIES),
        .ADDR_WIDTH(EADDR_WIDTH),
        .INIT_FILE(ENTRY_FILE)
    ) entry_rom_inst (
        .clk(clk),
        .addr(entry_addr),
        .data(entry_data)
    );

    dnngen_rom_dual #(
        .WIDTH(PTR_WIDTH),
        .DEPTH(COLS + 1),
        .ADDR_WIDTH(PADDR_WIDTH),
        .INIT_FILE(POINTER_FILE)
    ) pointer_rom_inst (
        .clk(clk),
        .addr_a(ptr_addr_a),
        .data_a(ptr_data_a),
        .addr_b(ptr_addr_b),
        .data_b(ptr_data_b)
    );

    dnngen_sparse_pe #(
        .LOCAL_ROWS(LOCAL_ROWS),
        .IN_WIDTH(IN_WIDTH),
        .IN_SIGNED(IN_SIGNED),
        .WEIGHT_WIDTH(WEIGHT_WIDTH),
        .WEIGHT_KIND(WEIGHT_KIND),
        .INDEX_BITS(INDEX_BITS),
        .PTR_WIDTH(PTR_WIDTH),
        .EADDR_WIDTH(EADDR_WIDTH),
        .PADDR_WIDTH(PADDR_WIDTH),
        .ROW_WIDTH(ROW_WIDTH),
        .ACC_WIDTH(ACC_WIDTH),
        .ACT_FIFO_DEPTH(ACT_FIFO_DEPTH)
    ) dut_inst (
        .clk(clk),
        .rst(rst),
        .s_axis_tdata(s_tdata),
        .s_axis_tvalid(s_tvalid),
        .s_axis_tready(s_tready),
        .ptr_addr_a(ptr_addr_a),
        .ptr_addr_b(ptr_addr_b),
        .ptr_data_a(ptr_data_a),
        .ptr_data_b(ptr_data_b),
        .entry_addr(entry_addr),
        .entry_data(entry_data),
        .drain_row(drain_row),
        .drain_bank(drain_bank),
        .drain_clear(drain_clear),
        .drain_acc(drain_acc),
        .done(done)
    );

    reg [31:0] src_lfsr = SEED;
    reg [31:0] snk_lfsr = SEED ^ 32'h5A5A_0F0F;

    integer phase = 0;
    integer gap_pct = 0;
    integer stall_pct = 0;
    integer cycle = 0;
    integer src_next = 0;       // next item to offer
    integer src_vec = 0;        // vector of the next item
    integer vec_start = 0;      // cycle the current vector's first item was taken
    integer drained = 0;        // vectors drained in this phase
    integer row = 0;            // next row to read
    integer rd1_row = -1;       // row presented on drain_row this cycle (-1: none)
    integer rd2_row = -1;       // row whose value is on drain_acc this cycle
    integer idle = 0;
    integer max_done = 0;
    reg     bank = 1'b0;            // bank drained next
    reg     waiting_done = 1'b1;
    reg     first_item = 1'b1;

    always @(posedge clk) begin
        cycle <= cycle + 1;
        drain_clear <= 1'b0;
        if (!rst && phase < PHASES) begin
            src_lfsr <= lfsr_next(src_lfsr);
            snk_lfsr <= lfsr_next(snk_lfsr);
            idle = idle + 1;

            // Source: hold the item until it is taken.
            if (s_tvalid && s_tready) begin
                idle = 0;
                if (first_item) begin
                    vec_start = cycle;
                end
                first_item = s_tdata[ITEM_WIDTH-1];
            end
            if (!s_tvalid || s_tready) begin
                // Isolated phase: a vector starts once the previous ones are drained.
                if (src_next < N_ITEMS && (src_lfsr % 100) >= gap_pct
                    && (phase != 0 || !first_item || drained == src_vec)) begin
                    s_tdata <= item_mem[src_next];
                    s_tvalid <= 1'b1;
                    if (item_mem[src_next][ITEM_WIDTH-1]) begin
                        src_vec = src_vec + 1;
                    end
                    src_next = src_next + 1;
                end else begin
                    s_tvalid <= 1'b0;
                    s_tdata <= {ITEM_WIDTH{1'bx}};
                end
            end

            // Drain: the value of the row presented two edges ago is on drain_acc.
            if (rd2_row >= 0) begin
                idle = 0;
                if (drain_acc !== exp_mem[drained*LOCAL_ROWS + rd2_row]) begin
                    `TB_MISMATCH(("MISMATCH phase=%0d vec=%0d idx=%0d got=%0d exp=%0d",
                                      phase + 1, drained, rd2_row, drain_acc,
                                      exp_mem[drained*LOCAL_ROWS + rd2_row]))
                end
                if (rd2_row == LOCAL_ROWS - 1) begin
                    drained = drained + 1;
                end
            end
            rd2_row = rd1_row;
            rd1_row = -1;
            if (waiting_done && done[bank]) begin
                waiting_done = 1'b0;
                if (phase == 0) begin
                    if (cycle - vec_start > max_done) max_done = cycle - vec_start;
                    if (cycle - vec_start != timing_mem[drained]) begin
                        $display("MISMATCH vec=%0d done %0d cycles after its first item, model %0d",
                                 drained, cycle - vec_start, timing_mem[drained]);
                        mismatches = mismatches + 1;
                    end
                end
            end
            if (!waiting_done && (snk_lfsr % 100) >= stall_pct) begin
                drain_row <= row;
                drain_bank <= bank;
                rd1_row = row;
                if (row == LOCAL_ROWS - 1) begin
                    drain_clear <= 1'b1;
                    row = 0;
                    bank = !bank;
                    waiting_done = 1'b1;
                end else begin
                    row = row + 1;
                end
            end
            if (drained == N_VEC && rd2_row < 0 && rd1_row < 0) begin
                phase = phase + 1;
                gap_pct = 25 * phase;
                stall_pct = 25 * phase;
                src_next = 0;
                src_vec = 0;
                drained = 0;
            end
        end
    end

    initial begin
        $readmemh(ITEM_FILE, item_mem);
        $readmemh(EXPECTED_FILE, exp_mem);
        $readmemh(TIMING_FILE, timing_mem);
        repeat (4) @(posedge clk);
        rst <= 1'b0;
        while (phase < PHASES && idle <= TIMEOUT) @(posedge clk);
        if (phase < PHASES) begin
            $display("TIMEOUT phase=%0d drained=%0d", phase + 1, drained);
            mismatches = mismatches + 1;
        end
        $sformat(tb_summary, " cycles_per_inference=%0d latency=%0d", max_done, max_done);
        tb_verdict(PHASES * N_VEC, tb_summary);
    end

endmodule

`resetall
