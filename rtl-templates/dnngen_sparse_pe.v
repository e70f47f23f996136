// dnngen_sparse_pe: one processing element of the sparse (EIE-style)
// matrix-vector unit: activation FIFO, column-pointer lookup, index decoding,
// one product a clock and a double-buffered accumulator memory.
//
// Contract
//   The PE owns LOCAL_ROWS rows of the matrix (local rows 0..LOCAL_ROWS-1)
//   and two accumulator banks of LOCAL_ROWS words. Activations arrive as
//   items on s_axis (an internal stream: dnngen_fifo rules, ACT_FIFO_DEPTH
//   words): tdata = {last, col [PADDR_WIDTH], x [IN_WIDTH]}, x in the low
//   bits. The items of one vector come in increasing col; the vector's last
//   item has last = 1 and only it may have x = 0 (it then adds nothing and
//   only closes the vector). All items of a vector go to one bank, the banks
//   alternating per vector (the first vector after reset uses bank 0).
//
//   Storage (external ROMs, 1-cycle registered read):
//   - pointer ROM (dnngen_rom_dual), PTR_WIDTH-bit words: word c is the index
//     of column c's first entry, word COLS the number of entries; column c's
//     entries are [ptr[c], ptr[c+1]). The PE reads ptr_addr_a = col on port A
//     and ptr_addr_b = col + 1 on port B in the same cycle.
//   - entry ROM (dnngen_rom), words {delta [INDEX_BITS], value [WEIGHT_WIDTH]},
//     value in the low bits; entry_addr is its address. Within a column the
//     entries are in increasing local row: the first entry's row is delta,
//     each following entry's row is (previous row) + 1 + delta. Padding
//     entries (value = the code of 0, delta = 2^INDEX_BITS-1) only advance
//     the row (their product is 0).
//   For every entry: acc[bank][row] += w(value) * x (dnngen_weight_mul);
//   a row nobody wrote in this vector reads as 0 (a written bit per word,
//   cleared with the bank: the accumulator words themselves are never reset).
//
//   Timing. An item is popped in cycle o only when the column in progress
//   issues its last entry address in cycle o (or none is in progress), and
//   its bank is free (cleared by drain_clear since the PE last took a
//   vector's last item into it). Its pointers arrive in cycle o+1; the entry
//   addresses go out in cycles o+1 .. o+n (n = ptr[c+1]-ptr[c], or n = 0 when
//   x = 0), one a cycle; so an item costs max(1, n) cycles and the next item
//   can be popped in cycle o + max(1, n) (an item pushed in cycle t can be
//   popped from t+1 on). An entry addressed in
//   cycle u arrives in u+1 (row decode and product), is accumulated in u+2
//   (read-modify-write of a register, so consecutive updates of the same row
//   need no forwarding). The last item of a vector sets done[bank] at the end
//   of cycle o + max(1, n) + 2: done[bank] is high from cycle o+max(1,n)+3 on,
//   when every product of the vector is in the bank.
//   Drain port: drain_acc is bank drain_bank, row drain_row (0 if never
//   written) as sampled at the previous clock edge (1-cycle read). A drain_clear
//   pulse (one cycle, drain_bank) clears done[drain_bank] and the bank's
//   written bits at the clock edge (the bank is free again); the caller reads
//   a bank only while its done bit is high, banks in the order 0, 1, 0, ...,
//   and clears it with (or after) the last read.
//
//   Reset (synchronous, active high) clears control state only: the FIFO
//   pointers, the pending-item and address-generator state, the pipeline
//   valid bits, the bank selector, the busy and done bits and the written
//   bits; not the accumulator words or the datapath registers.
//
// Parameters (legal ranges)
//   LOCAL_ROWS      rows of this PE, >= 1
//   IN_WIDTH        input element width, >= 1; IN_SIGNED 0 unsigned, 1 signed
//   WEIGHT_WIDTH,
//   WEIGHT_KIND     as dnngen_weight_mul (0 int, 1 binary, 2 ternary, 3 pow2)
//   INDEX_BITS      delta width, 1..16
//   PTR_WIDTH       pointer width, >= 1, holds the entry count
//   EADDR_WIDTH     entry ROM address width, >= 1
//   PADDR_WIDTH     pointer ROM address width, >= 1, holds COLS (= last col + 1)
//   ROW_WIDTH       local row width: max(1, clog2(LOCAL_ROWS))
//   ACC_WIDTH       signed accumulator width, >= 2 (holds every partial sum)
//   ACT_FIFO_DEPTH  activation FIFO depth, power of 2, >= 2

`resetall
`timescale 1ns / 1ps
`default_nettype none

module dnngen_sparse_pe #(
    // Local rows (accumulator words per bank).
    parameter LOCAL_ROWS = 4,
    // Input element width in bits.
    parameter IN_WIDTH = 8,
    // 1 if input elements are two's complement, 0 if unsigned.
    parameter IN_SIGNED = 0,
    // Weight width in bits.
    parameter WEIGHT_WIDTH = 4,
    // Weight encoding: 0 int, 1 binary, 2 ternary, 3 pow2.
    parameter WEIGHT_KIND = 0,
    // Relative row index (delta) width in bits, 1..16.
    parameter INDEX_BITS = 4,
    // Pointer word width in bits.
    parameter PTR_WIDTH = 5,
    // Entry ROM address width in bits.
    parameter EADDR_WIDTH = 4,
    // Pointer ROM address width in bits.
    parameter PADDR_WIDTH = 4,
    // Local row width in bits: max(1, clog2(LOCAL_ROWS)).
    parameter ROW_WIDTH = 2,
    // Signed accumulator width in bits.
    parameter ACC_WIDTH = 24,
    // Activation FIFO depth in items (power of 2, >= 2).
    parameter ACT_FIFO_DEPTH = 8
) (
    input  wire                             clk,
    input  wire                             rst,

    input  wire [PADDR_WIDTH+IN_WIDTH:0]    s_axis_tdata,
    input  wire                             s_axis_tvalid,
    output wire                             s_axis_tready,

    output wire [PADDR_WIDTH-1:0]           ptr_addr_a,
    output wire [PADDR_WIDTH-1:0]           ptr_addr_b,
    input  wire [PTR_WIDTH-1:0]             ptr_data_a,
    input  wire [PTR_WIDTH-1:0]             ptr_data_b,

    output wire [EADDR_WIDTH-1:0]           entry_addr,
    input  wire [INDEX_BITS+WEIGHT_WIDTH-1:0] entry_data,

    input  wire [ROW_WIDTH-1:0]             drain_row,
    input  wire                             drain_bank,
    input  wire                             drain_clear,
    output wire [ACC_WIDTH-1:0]             drain_acc,
    output wire [1:0]                       done
);

    localparam ITEM_WIDTH = PADDR_WIDTH + IN_WIDTH + 1;
    localparam FIFO_COUNT_WIDTH = $clog2(ACT_FIFO_DEPTH) + 1;
    localparam [31:0] ONE_32 = 1;
    localparam [PTR_WIDTH-1:0] PTR_ONE = ONE_32[PTR_WIDTH-1:0];

    initial begin
        if (LOCAL_ROWS < 1) $fatal(1, "LOCAL_ROWS %0d < 1 (%m)", LOCAL_ROWS);
        if (INDEX_BITS < 1 || INDEX_BITS > 16) $fatal(1, "INDEX_BITS %0d not 1..16 (%m)", INDEX_BITS);
        if (PTR_WIDTH < 1) $fatal(1, "PTR_WIDTH %0d < 1 (%m)", PTR_WIDTH);
        if (EADDR_WIDTH < 1) $fatal(1, "EADDR_WIDTH %0d < 1 (%m)", EADDR_WIDTH);
        if (PADDR_WIDTH < 1) $fatal(1, "PADDR_WIDTH %0d < 1 (%m)", PADDR_WIDTH);
        if (ROW_WIDTH < 1 || (LOCAL_ROWS > 1 && (1 << ROW_WIDTH) < LOCAL_ROWS)) begin
            $fatal(1, "ROW_WIDTH %0d too small for LOCAL_ROWS %0d (%m)", ROW_WIDTH, LOCAL_ROWS);
        end
        if (ACC_WIDTH < 2) $fatal(1, "ACC_WIDTH %0d < 2 (%m)", ACC_WIDTH);
    end

    // ------------------------------------------------------ activation FIFO
    wire [ITEM_WIDTH-1:0]       head;
    wire                        head_valid;
    wire                        pop_ok;
    /* verilator lint_off UNUSEDSIGNAL */
    wire [FIFO_COUNT_WIDTH-1:0] fifo_count;
    /* verilator lint_on UNUSEDSIGNAL */

    dnngen_fifo #(
        .WIDTH(ITEM_WIDTH),
        .DEPTH(ACT_FIFO_DEPTH)
    ) act_fifo_inst (
        .clk(clk),
        .rst(rst),
        .s_axis_tdata(s_axis_tdata),
        .s_axis_tvalid(s_axis_tvalid),
        .s_axis_tready(s_axis_tready),
        .m_axis_tdata(head),
        .m_axis_tvalid(head_valid),
        .m_axis_tready(pop_ok),
        .count(fifo_count)
    );

    wire [IN_WIDTH-1:0]    head_x = head[IN_WIDTH-1:0];
    wire [PADDR_WIDTH-1:0] head_col = head[IN_WIDTH +: PADDR_WIDTH];
    wire                   head_last = head[ITEM_WIDTH-1];
    wire                   pop = head_valid && pop_ok;

    // The pointer ROM reads the head's column in the cycle it is popped.
    assign ptr_addr_a = head_col;
    assign ptr_addr_b = head_col + 1'b1;

    // --------------------------------------------- popped item (pointer stage)
    // Valid the cycle after the pop, when the item's pointers are on
    // ptr_data_a/b; the address generator is then always free to take it.
    reg                    p1_valid_reg;
    reg [IN_WIDTH-1:0]     p1_x_reg;
    reg                    p1_last_reg;
    reg                    p1_bank_reg;
    reg                    pop_bank_reg;
    reg                    pop_bank_next;
    // busy[b]: the PE has taken the last item of bank b's vector and the
    // bank is not drained yet; done[b]: ... and all its products are in.
    reg [1:0]              busy_reg;
    reg [1:0]              busy_next;
    reg [1:0]              done_reg;
    reg [1:0]              done_next;

    // ------------------------------------------------------ address generator
    // The column in progress: entries ag_cur_reg .. ag_end_reg-1 still to go.
    reg [PTR_WIDTH-1:0]    ag_cur_reg;
    reg [PTR_WIDTH-1:0]    ag_cur_next;
    reg [PTR_WIDTH-1:0]    ag_end_reg;
    reg [PTR_WIDTH-1:0]    ag_end_next;
    reg [IN_WIDTH-1:0]     ag_x_reg;
    reg [IN_WIDTH-1:0]     ag_x_next;
    reg                    ag_last_reg;
    reg                    ag_last_next;
    reg                    ag_bank_reg;
    reg                    ag_bank_next;

    // What goes out this cycle: an entry address (issue) and/or the end of a
    // vector (issue_end: the vector's last entry, or its empty last item).
    reg                    issue;
    reg [PTR_WIDTH-1:0]    issue_addr;
    reg                    issue_first;
    reg [IN_WIDTH-1:0]     issue_x;
    reg                    issue_bank;
    reg                    issue_end;
    reg                    free_next;

    wire                   p1_zero = (p1_x_reg == {IN_WIDTH{1'b0}});
    wire [PTR_WIDTH-1:0]   p1_count = ptr_data_b - ptr_data_a;
    wire                   p1_empty = p1_zero || (p1_count == {PTR_WIDTH{1'b0}});
    wire                   p1_single = (p1_count == PTR_ONE);
    wire [PTR_WIDTH-1:0]   p1_next_addr = ptr_data_a + 1'b1;
    wire                   ag_busy = (ag_cur_reg != ag_end_reg);
    wire [PTR_WIDTH-1:0]   ag_cur_inc = ag_cur_reg + 1'b1;
    wire                   ag_single = (ag_cur_inc == ag_end_reg);

    assign pop_ok = free_next && !busy_reg[pop_bank_reg];

    always @* begin
        ag_cur_next = ag_cur_reg;
        ag_end_next = ag_end_reg;
        ag_x_next = ag_x_reg;
        ag_last_next = ag_last_reg;
        ag_bank_next = ag_bank_reg;
        issue = 1'b0;
        issue_addr = ag_cur_reg;
        issue_first = 1'b0;
        issue_x = ag_x_reg;
        issue_bank = ag_bank_reg;
        issue_end = 1'b0;
        free_next = 1'b1;

        if (p1_valid_reg) begin
            issue_x = p1_x_reg;
            issue_bank = p1_bank_reg;
            if (p1_empty) begin
                // No entries (or x = 0): one cycle; closes the vector if last.
                issue_end = p1_last_reg;
            end else begin
                issue = 1'b1;
                issue_addr = ptr_data_a;
                issue_first = 1'b1;
                issue_end = p1_last_reg && p1_single;
                free_next = p1_single;
                ag_cur_next = p1_next_addr;
                ag_end_next = ptr_data_b;
                ag_x_next = p1_x_reg;
                ag_last_next = p1_last_reg;
                ag_bank_next = p1_bank_reg;
            end
        end else if (ag_busy) begin
            issue = 1'b1;
            issue_end = ag_last_reg && ag_single;
            free_next = ag_single;
            ag_cur_next = ag_cur_inc;
        end
    end

    generate
        if (PTR_WIDTH >= EADDR_WIDTH) begin : g_eaddr_low
            // Pointer values are at most the entry count; an address is below it.
            /* verilator lint_off UNUSEDSIGNAL */
            wire [PTR_WIDTH-1:0] addr_full = issue_addr;
            /* verilator lint_on UNUSEDSIGNAL */
            assign entry_addr = addr_full[EADDR_WIDTH-1:0];
        end else begin : g_eaddr_extend
            assign entry_addr = {{(EADDR_WIDTH - PTR_WIDTH){1'b0}}, issue_addr};
        end
    endgenerate

    always @(posedge clk) begin
        if (pop) begin
            p1_x_reg <= head_x;
            p1_last_reg <= head_last;
            p1_bank_reg <= pop_bank_reg;
        end
        ag_x_reg <= ag_x_next;
        ag_last_reg <= ag_last_next;
        ag_bank_reg <= ag_bank_next;
    end

    // ------------------------------------------- entry decode (stage E1)
    reg                    e1_valid_reg;
    reg                    e1_end_reg;
    reg                    e1_first_reg;
    reg [IN_WIDTH-1:0]     e1_x_reg;
    reg                    e1_bank_reg;
    reg [ROW_WIDTH-1:0]    row_inc_reg;    // previous entry's row + 1

    wire [WEIGHT_WIDTH-1:0] e1_value = entry_data[WEIGHT_WIDTH-1:0];
    wire [ROW_WIDTH-1:0]    e1_delta;
    wire [ROW_WIDTH-1:0]    e1_row = (e1_first_reg ? {ROW_WIDTH{1'b0}} : row_inc_reg) + e1_delta;
    wire [ACC_WIDTH-1:0]    e1_prod;

    // Rows are below LOCAL_ROWS <= 2^ROW_WIDTH, so the row sum is exact modulo
    // 2^ROW_WIDTH: a delta wider than ROW_WIDTH has zero high bits.
    generate
        if (INDEX_BITS >= ROW_WIDTH) begin : g_delta_low
            /* verilator lint_off UNUSEDSIGNAL */
            wire [INDEX_BITS-1:0] delta_full = entry_data[WEIGHT_WIDTH +: INDEX_BITS];
            /* verilator lint_on UNUSEDSIGNAL */
            assign e1_delta = delta_full[ROW_WIDTH-1:0];
        end else begin : g_delta_extend
            assign e1_delta = {{(ROW_WIDTH - INDEX_BITS){1'b0}}, entry_data[WEIGHT_WIDTH +: INDEX_BITS]};
        end
    endgenerate

    dnngen_weight_mul #(
        .IN_WIDTH(IN_WIDTH),
        .IN_SIGNED(IN_SIGNED),
        .WEIGHT_WIDTH(WEIGHT_WIDTH),
        .WEIGHT_KIND(WEIGHT_KIND),
        .ACC_WIDTH(ACC_WIDTH)
    ) mul_inst (
        .x(e1_x_reg),
        .w(e1_value),
        .p(e1_prod)
    );

    always @(posedge clk) begin
        e1_first_reg <= issue_first;
        e1_x_reg <= issue_x;
        e1_bank_reg <= issue_bank;
        if (e1_valid_reg) begin
            row_inc_reg <= e1_row + 1'b1;
        end
    end

    // ------------------------------------------- accumulate (stage E2)
    reg                    e2_valid_reg;
    reg                    e2_end_reg;
    reg                    e2_bank_reg;
    reg [ROW_WIDTH-1:0]    e2_row_reg;
    reg [ACC_WIDTH-1:0]    e2_prod_reg;

    always @(posedge clk) begin
        e2_bank_reg <= e1_bank_reg;
        e2_row_reg <= e1_row;
        e2_prod_reg <= e1_prod;
    end

    // Two banks, one write port each (at most one bank accumulates at a
    // time); asynchronous reads, so an update sees the previous clock's write.
    reg [ACC_WIDTH-1:0]    acc0_mem [0:LOCAL_ROWS-1];
    reg [ACC_WIDTH-1:0]    acc1_mem [0:LOCAL_ROWS-1];
    reg [LOCAL_ROWS-1:0]   written0_reg;
    reg [LOCAL_ROWS-1:0]   written0_next;
    reg [LOCAL_ROWS-1:0]   written1_reg;
    reg [LOCAL_ROWS-1:0]   written1_next;
    reg [ACC_WIDTH-1:0]    drain_acc_reg;

    wire [ACC_WIDTH-1:0]   e2_old0 = written0_reg[e2_row_reg] ? acc0_mem[e2_row_reg] : {ACC_WIDTH{1'b0}};
    wire [ACC_WIDTH-1:0]   e2_old1 = written1_reg[e2_row_reg] ? acc1_mem[e2_row_reg] : {ACC_WIDTH{1'b0}};
    wire [ACC_WIDTH-1:0]   e2_sum = (e2_bank_reg ? e2_old1 : e2_old0) + e2_prod_reg;
    wire [ACC_WIDTH-1:0]   drain_old0 = written0_reg[drain_row] ? acc0_mem[drain_row] : {ACC_WIDTH{1'b0}};
    wire [ACC_WIDTH-1:0]   drain_old1 = written1_reg[drain_row] ? acc1_mem[drain_row] : {ACC_WIDTH{1'b0}};

    always @(posedge clk) begin
        if (e2_valid_reg && !e2_bank_reg) begin
            acc0_mem[e2_row_reg] <= e2_sum;
        end
    end

    always @(posedge clk) begin
        if (e2_valid_reg && e2_bank_reg) begin
            acc1_mem[e2_row_reg] <= e2_sum;
        end
    end

    always @(posedge clk) begin
        drain_acc_reg <= drain_bank ? drain_old1 : drain_old0;
    end

    assign drain_acc = drain_acc_reg;
    assign done = done_reg;

    // ------------------------------------------------------ control state
    always @* begin
        pop_bank_next = pop_bank_reg;
        busy_next = busy_reg;
        done_next = done_reg;
        written0_next = written0_reg;
        written1_next = written1_reg;

        if (pop && head_last) begin
            busy_next[pop_bank_reg] = 1'b1;
            pop_bank_next = !pop_bank_reg;
        end
        if (e2_valid_reg) begin
            if (e2_bank_reg) begin
                written1_next[e2_row_reg] = 1'b1;
            end else begin
                written0_next[e2_row_reg] = 1'b1;
            end
        end
        if (e2_end_reg) begin
            done_next[e2_bank_reg] = 1'b1;
        end
        // The caller clears a bank only after its done bit rose, and the PE
        // does not take the bank again before the clear: never both at once.
        if (drain_clear) begin
            busy_next[drain_bank] = 1'b0;
            done_next[drain_bank] = 1'b0;
            if (drain_bank) begin
                written1_next = {LOCAL_ROWS{1'b0}};
            end else begin
                written0_next = {LOCAL_ROWS{1'b0}};
            end
        end
    end

    always @(posedge clk) begin
        p1_valid_reg <= pop;
        pop_bank_reg <= pop_bank_next;
        busy_reg <= busy_next;
        ag_cur_reg <= ag_cur_next;
        ag_end_reg <= ag_end_next;
        e1_valid_reg <= issue;
        e1_end_reg <= issue_end;
        e2_valid_reg <= e1_valid_reg;
        e2_end_reg <= e1_end_reg;
        done_reg <= done_next;
        written0_reg <= written0_next;
        written1_reg <= written1_next;

        if (rst) begin
            p1_valid_reg <= 1'b0;
            pop_bank_reg <= 1'b0;
            busy_reg <= 2'b00;
            ag_cur_reg <= {PTR_WIDTH{1'b0}};
            ag_end_reg <= {PTR_WIDTH{1'b0}};
            e1_valid_reg <= 1'b0;
            e1_end_reg <= 1'b0;
            e2_valid_reg <= 1'b0;
            e2_end_reg <= 1'b0;
            done_reg <= 2'b00;
            written0_reg <= {LOCAL_ROWS{1'b0}};
            written1_reg <= {LOCAL_ROWS{1'b0}};
        end
    end

endmodule

`resetall
