// dnngen_sparse_mvu: sparse matrix-vector unit (EIE style: compressed
// columns, relative row indices, zero activations skipped), a drop-in
// alternative to dnngen_mvu with the same streams.
//
// Contract
//   For a matrix W of ROWS rows by COLS = IN_LANES*IN_BEATS columns computes,
//   for every row r,
//     y[r] = clamp(R((bias[r] + sum_j W[r][j] * x[j]) * m[r], s[r]) + ZERO_POINT, OUT_MIN, OUT_MAX)
//   bit exactly, as dnngen_mvu (R as in dnngen_requant: ROUNDING 0 half_up,
//   1 half_even, 2 floor; y is the low OUT_WIDTH bits of the clamped value).
//
//   Streams: exactly dnngen_mvu's with PE = P, NF = LOCAL_ROWS. Input s_axis:
//   IN_BEATS beats per vector, beat b lane k is x[b*IN_LANES+k] at
//   [k*IN_WIDTH +: IN_WIDTH]; s_axis_tready is a register (two input banks:
//   the next vector loads while the current one is scanned). Output m_axis:
//   LOCAL_ROWS beats per vector, beat r lane p is row r*P+p at
//   [p*OUT_WIDTH +: OUT_WIDTH] (rows >= ROWS are padding: 0 weights, their
//   params bias 0, m 1, s 0). Stream rules: a transfer happens when tvalid &&
//   tready; once tvalid is high, tvalid and tdata hold until the transfer;
//   tvalid never depends on tready. No tlast.
//
//   Storage: external ROMs, 1-cycle registered read, instantiated by the
//   generator. Row r lives on PE p = r % P as local row r / P.
//   - Entry ROM of PE p (dnngen_rom, depth ENTRIES, address
//     entry_addr[p*EADDR_WIDTH +: EADDR_WIDTH], word
//     entry_data[p*EW +: EW], EW = INDEX_BITS+WEIGHT_WIDTH): the PE's
//     entries column by column (CSC), word = {delta, value}, value (the
//     WEIGHT_KIND code of dnngen_weight_mul) in the low WEIGHT_WIDTH bits.
//     Within a column the entries are in increasing local row: the first
//     entry's local row is delta, each next entry's is previous + 1 + delta.
//     A gap of g zero rows that does not fit (g >= 2^INDEX_BITS) takes
//     floor(g / 2^INDEX_BITS) padding entries {2^INDEX_BITS-1, code of 0}
//     first (each advances the row by 2^INDEX_BITS and adds 0), then the
//     non-zero with delta g mod 2^INDEX_BITS. Binary weights have no code for
//     0: they need 2^INDEX_BITS >= LOCAL_ROWS (initial check). Words past the
//     PE's last entry are never read.
//   - Pointer ROM of PE p (dnngen_rom_dual, depth COLS+1, PTR_WIDTH bits):
//     word j = index of column j's first entry, word COLS = the PE's entry
//     count; column j's entries are [ptr[j], ptr[j+1]). Both addresses come
//     out: port A ptr_addr_a[p*PADDR_WIDTH +: PADDR_WIDTH] = j, port B
//     ptr_addr_b[...] = j + 1, data on ptr_data_a/b[p*PTR_WIDTH +: PTR_WIDTH].
//   - Parameter ROM (dnngen_rom, depth LOCAL_ROWS): word r, lane p at
//     [p*PW +: PW], PW = BIAS_WIDTH+MULT_WIDTH+SHIFT_WIDTH, packed
//     {bias (signed), m (unsigned), s (unsigned)}, s in the low bits, for row
//     r*P+p: dnngen_mvu's parameter ROM with PE = P, NF = LOCAL_ROWS.
//
//   Architecture. Broadcaster: scans the full input bank one column a clock,
//   j = 0..COLS-1; column j is sent, as an item (j, x[j]) pushed into every
//   PE's activation FIFO (dnngen_fifo, ACT_FIFO_DEPTH) in the same clock, if
//   x[j] != 0 or j = COLS-1 (the last column closes the vector, also with
//   x = 0); a zero column is skipped (one clock, nothing sent). While any FIFO
//   is full the broadcaster waits. PE (dnngen_sparse_pe): pops an item, reads
//   ptr[j] and ptr[j+1], then sends one entry address a clock; every entry is
//   decoded (row), multiplied (dnngen_weight_mul) and added into the PE's
//   accumulator word (registers, read-modify-write in one clock). The next
//   item's pointers are read while the current column's last entry goes out,
//   so item j costs cost_p(j) = max(1, n_p(j)) clocks, n_p(j) = ptr[j+1] -
//   ptr[j] (entries, padding included) if x[j] != 0, and 0 for the closing
//   item with x = 0. Two accumulator banks per PE, alternating per vector:
//   a PE starts vector v+1 while bank v is drained. Drain: once every PE has
//   finished the vector, LOCAL_ROWS beats, one a clock (credits as in
//   dnngen_mvu: a row is issued only if fifo count + rows in flight <
//   FIFO_DEPTH, so back-pressure never loses a result): param_addr = r and
//   the PEs' row r, then bias + acc, dnngen_requant, the output FIFO.
//
//   Cycles. All times in clocks, with m_axis_tready high (a stalled output
//   only delays the drain). Sent columns S(x) = {j : x[j] != 0} + {COLS-1}.
//   Isolated vector (unit idle; A = the clock its last input beat is
//   accepted), when no activation FIFO fills up:
//     F = max over p of t_p, t_p = 0; for j in S(x) ascending: t_p = max(t_p, j) + cost_p(j)
//     first output beat valid at A + F + 12, last at A + F + LOCAL_ROWS + 11,
//   and max(COLS, W) <= F <= COLS - 1 + W, W = max_p sum_{j in S(x)} cost_p(j).
//   Exact in every case (FIFO stalls, vectors back to back), with items
//   k = 0, 1, ... numbered over all vectors, D = ACT_FIFO_DEPTH, L = LOCAL_ROWS,
//   and the source never idle from the first beat of vector 0 (clock 0):
//     a_v = max(A_{v-1} + 1, R_{v-2} + 1)      first beat of v (a_0 = 0)
//     A_v = a_v + IN_BEATS - 1                  last beat of v
//     s = max(s, A_v + 1)                       scan: clock column 0 is fetched
//     for j = 0 .. COLS-1:                      (column j fetched at clock s;
//       if j = COLS-1: R_v = s                   R_v: input bank freed)
//       if j in S(x_v), as item k:
//         push_k = max(s + 1, max_p pop_{p,k-D} + 1)    (k >= D)
//         s = push_k
//         for each p: pop_{p,k} = max(push_k + 1, free_p, G_v if k is v's first item)
//                     free_p = pop_{p,k} + cost_p(j)
//       else: s = s + 1
//     done_{p,v} = free_p + 3;  G_v = Dr_{v-2} + L  (bank free again)
//     Dr_v = max(max_p done_{p,v}, Dr_{v-1} + L)    drain start
//     output beat r of v valid at Dr_v + 6 + r
//   (s, free_p start at -inf; terms with negative indices are dropped). The
//   isolated formula is this recurrence for one vector with no push waiting
//   for a pop. Back to back, with no FIFO stalls and identical vectors, a
//   vector takes max(IN_BEATS, COLS, W, L, (W + L + 3) / 2) clocks (the
//   last term: a PE starts vector v+2 only when bank v is drained).
//   Pipeline: fetch (s) -> push (s+1) -> FIFO head (s+2) -> pop o -> pointers
//   and first entry address (o+1) -> entry word, row, product (o+2) ->
//   accumulate (o+3); done 3 clocks after the last entry address; drain
//   issue Dr -> param and accumulator words (Dr+1) -> bias + acc (Dr+2) ->
//   requant (3 stages) -> FIFO push (Dr+5) -> m_axis_tvalid (Dr+6).
//
//   Reset (synchronous, active high) clears control state only: bank full
//   flags, counters, FIFO pointers, valid bits, PE bank state and the
//   accumulators' written bits; not the input banks, the accumulator words or
//   the datapath registers.
//
// Parameters (legal ranges; the generator guarantees that ACC_WIDTH holds
// bias plus any partial sum of products, and that entries and pointers are
// consistent with the matrix)
//   P                    >= 1 (<= 10 for the unit bench's ROM file names only)
//   ROWS                 >= 1; LOCAL_ROWS = ceil(ROWS / P) (checked)
//   IN_LANES, IN_BEATS   >= 1; COLS = IN_LANES*IN_BEATS
//   IN_WIDTH             >= 1; IN_SIGNED 0 (unsigned) or 1 (two's complement)
//   WEIGHT_KIND          0 int (WEIGHT_WIDTH >= 1), 1 binary (WEIGHT_WIDTH 1),
//                        2 ternary (WEIGHT_WIDTH 2), 3 pow2 (WEIGHT_WIDTH 2..8)
//   INDEX_BITS           1..16 (binary: 2^INDEX_BITS >= LOCAL_ROWS)
//   ENTRIES              >= 1, entries of the fullest PE (padding included)
//   PTR_WIDTH            >= max(1, clog2(ENTRIES+1))
//   EADDR_WIDTH          >= max(1, clog2(ENTRIES))
//   PADDR_WIDTH          >= max(1, clog2(COLS+1))
//   RADDR_WIDTH          >= max(1, clog2(LOCAL_ROWS))
//   ACC_WIDTH            >= 2; BIAS_WIDTH 1 .. ACC_WIDTH
//   MULT_WIDTH           >= 1 (m < 2^MULT_WIDTH); SHIFT_WIDTH 1..8 (s <= 62 used)
//   ROUNDING             0 half_up, 1 half_even, 2 floor
//   OUT_WIDTH            1..32; OUT_MIN <= OUT_MAX (32-bit integers)
//   ZERO_POINT           added after rounding, before the clamp (default 0)
//   ACT_FIFO_DEPTH       power of 2, >= 2 (8: load imbalance between PEs
//                        rarely stalls the broadcaster)
//   FIFO_DEPTH           power of 2, >= 8 (one output beat a clock)

`resetall
`timescale 1ns / 1ps
`default_nettype none

module dnngen_sparse_mvu #(
    // Processing elements; row r lives on PE r % P as local row r / P. >= 1.
    parameter P = 2,
    // Matrix rows, >= 1.
    parameter ROWS = 7,
    // Rows per PE: ceil(ROWS / P).
    parameter LOCAL_ROWS = 4,
    // Input elements per input beat, >= 1.
    parameter IN_LANES = 1,
    // Input beats per vector, >= 1; the matrix has IN_LANES*IN_BEATS columns.
    parameter IN_BEATS = 8,
    // Input element width in bits.
    parameter IN_WIDTH = 8,
    // 1 if input elements are two's complement, 0 if unsigned.
    parameter IN_SIGNED = 0,
    // Weight width in bits (binary 1, ternary 2, pow2 2..8, int >= 1).
    parameter WEIGHT_WIDTH = 4,
    // Weight encoding: 0 int, 1 binary, 2 ternary, 3 pow2 (see dnngen_weight_mul).
    parameter WEIGHT_KIND = 0,
    // Relative row index (delta) width in bits, 1..16.
    parameter INDEX_BITS = 4,
    // Entry ROM depth (entries of the fullest PE, padding included), >= 1.
    parameter ENTRIES = 16,
    // Pointer ROM word width: max(1, clog2(ENTRIES+1)).
    parameter PTR_WIDTH = 5,
    // Entry ROM address width: max(1, clog2(ENTRIES)).
    parameter EADDR_WIDTH = 4,
    // Pointer ROM address width (COLS+1 words): max(1, clog2(COLS+1)).
    parameter PADDR_WIDTH = 4,
    // Parameter ROM address width: max(1, clog2(LOCAL_ROWS)).
    parameter RADDR_WIDTH = 2,
    // Signed accumulator width in bits.
    parameter ACC_WIDTH = 24,
    // Signed bias width in bits, <= ACC_WIDTH.
    parameter BIAS_WIDTH = 16,
    // Unsigned requantization multiplier width in bits.
    parameter MULT_WIDTH = 31,
    // Requantization shift width in bits.
    parameter SHIFT_WIDTH = 6,
    // Rounding: 0 half_up, 1 half_even, 2 floor.
    parameter ROUNDING = 0,
    // Output element width in bits.
    parameter OUT_WIDTH = 8,
    // Lower clamp bound of the output.
    parameter OUT_MIN = 0,
    // Upper clamp bound of the output.
    parameter OUT_MAX = 255,
    // Zero point added after rounding (asymmetric output activations).
    parameter ZERO_POINT = 0,
    // Activation FIFO depth per PE in items (power of 2, >= 2).
    parameter ACT_FIFO_DEPTH = 8,
    // Output FIFO depth in beats (power of 2, >= 8 for full throughput).
    parameter FIFO_DEPTH = 8
) (
    input  wire                                             clk,
    input  wire                                             rst,

    input  wire [IN_LANES*IN_WIDTH-1:0]                     s_axis_tdata,
    input  wire                                             s_axis_tvalid,
    output wire                                             s_axis_tready,

    output wire [P*OUT_WIDTH-1:0]                           m_axis_tdata,
    output wire                                             m_axis_tvalid,
    input  wire                                             m_axis_tready,

    output wire [P*EADDR_WIDTH-1:0]                         entry_addr,
    input  wire [P*(INDEX_BITS+WEIGHT_WIDTH)-1:0]           entry_data,

    output wire [P*PADDR_WIDTH-1:0]                         ptr_addr_a,
    output wire [P*PADDR_WIDTH-1:0]                         ptr_addr_b,
    input  wire [P*PTR_WIDTH-1:0]                           ptr_data_a,
    input  wire [P*PTR_WIDTH-1:0]                           ptr_data_b,

    output wire [RADDR_WIDTH-1:0]                           param_addr,
    input  wire [P*(BIAS_WIDTH+MULT_WIDTH+SHIFT_WIDTH)-1:0] param_data
);

    // Matrix columns (= input elements per vector).
    localparam COLS = IN_LANES * IN_BEATS;
    localparam BEAT_WIDTH = IN_LANES * IN_WIDTH;
    localparam BANK_WIDTH = COLS * IN_WIDTH;
    localparam PW = BIAS_WIDTH + MULT_WIDTH + SHIFT_WIDTH;
    localparam EW = INDEX_BITS + WEIGHT_WIDTH;
    localparam ITEM_WIDTH = PADDR_WIDTH + IN_WIDTH + 1;
    localparam BEAT_CNT_WIDTH = (IN_BEATS > 1) ? $clog2(IN_BEATS) : 1;
    localparam COUNT_WIDTH = $clog2(FIFO_DEPTH) + 1;
    // Counter end values, sized through 32-bit constants (lint-clean).
    localparam [31:0] LAST_BEAT_32 = IN_BEATS - 1;
    localparam [31:0] LAST_COL_32 = COLS - 1;
    localparam [31:0] LAST_ROW_32 = LOCAL_ROWS - 1;
    localparam [31:0] FIFO_DEPTH_32 = FIFO_DEPTH;
    localparam [BEAT_CNT_WIDTH-1:0] LAST_BEAT = LAST_BEAT_32[BEAT_CNT_WIDTH-1:0];
    localparam [PADDR_WIDTH-1:0] LAST_COL = LAST_COL_32[PADDR_WIDTH-1:0];
    localparam [RADDR_WIDTH-1:0] LAST_ROW = LAST_ROW_32[RADDR_WIDTH-1:0];
    localparam [COUNT_WIDTH:0] CREDITS = FIFO_DEPTH_32[COUNT_WIDTH:0];

    initial begin
        if (P < 1) $fatal(1, "P %0d < 1 (%m)", P);
        if (ROWS < 1) $fatal(1, "ROWS %0d < 1 (%m)", ROWS);
        if (LOCAL_ROWS != (ROWS + P - 1) / P) begin
            $fatal(1, "LOCAL_ROWS %0d != ceil(ROWS %0d / P %0d) (%m)", LOCAL_ROWS, ROWS, P);
        end
        if (IN_LANES < 1) $fatal(1, "IN_LANES %0d < 1 (%m)", IN_LANES);
        if (IN_BEATS < 1) $fatal(1, "IN_BEATS %0d < 1 (%m)", IN_BEATS);
        if (INDEX_BITS < 1 || INDEX_BITS > 16) $fatal(1, "INDEX_BITS %0d not 1..16 (%m)", INDEX_BITS);
        if (WEIGHT_KIND == 1 && LOCAL_ROWS > (1 << INDEX_BITS)) begin
            // Binary weights have no code for 0, so no padding entries.
            $fatal(1, "binary weights need 2^INDEX_BITS %0d >= LOCAL_ROWS %0d (%m)",
                   1 << INDEX_BITS, LOCAL_ROWS);
        end
        if (ENTRIES < 1) $fatal(1, "ENTRIES %0d < 1 (%m)", ENTRIES);
        if ((1 << PTR_WIDTH) <= ENTRIES) begin
            $fatal(1, "PTR_WIDTH %0d too small for ENTRIES %0d (%m)", PTR_WIDTH, ENTRIES);
        end
        if ((1 << EADDR_WIDTH) < ENTRIES) begin
            $fatal(1, "EADDR_WIDTH %0d too small for ENTRIES %0d (%m)", EADDR_WIDTH, ENTRIES);
        end
        if ((1 << PADDR_WIDTH) < COLS + 1) begin
            $fatal(1, "PADDR_WIDTH %0d too small for COLS+1 %0d words (%m)", PADDR_WIDTH, COLS + 1);
        end
        if ((1 << RADDR_WIDTH) < LOCAL_ROWS) begin
            $fatal(1, "RADDR_WIDTH %0d too small for LOCAL_ROWS %0d (%m)", RADDR_WIDTH, LOCAL_ROWS);
        end
        if (BIAS_WIDTH < 1 || BIAS_WIDTH > ACC_WIDTH) begin
            $fatal(1, "BIAS_WIDTH %0d not in 1..ACC_WIDTH %0d (%m)", BIAS_WIDTH, ACC_WIDTH);
        end
        if (ACT_FIFO_DEPTH < 2 || (ACT_FIFO_DEPTH & (ACT_FIFO_DEPTH - 1)) != 0) begin
            $fatal(1, "ACT_FIFO_DEPTH %0d is not a power of 2 >= 2 (%m)", ACT_FIFO_DEPTH);
        end
        if (FIFO_DEPTH < 8 || (FIFO_DEPTH & (FIFO_DEPTH - 1)) != 0) begin
            $fatal(1, "FIFO_DEPTH %0d is not a power of 2 >= 8 (%m)", FIFO_DEPTH);
        end
    end

    // ---------------------------------------------------------------- loader
    // Two input banks, exactly as dnngen_mvu: the loader fills bank
    // wr_bank_reg while the broadcaster scans bank rd_bank_reg.
    reg [BANK_WIDTH-1:0]     bank0_reg;
    reg [BANK_WIDTH-1:0]     bank1_reg;
    reg [1:0]                full_reg;
    reg [1:0]                full_next;
    reg                      wr_bank_reg;
    reg                      wr_bank_next;
    reg [BEAT_CNT_WIDTH-1:0] wr_beat_reg;
    reg [BEAT_CNT_WIDTH-1:0] wr_beat_next;
    reg                      in_ready_reg;
    reg                      in_ready_next;

    wire in_accept = s_axis_tvalid && in_ready_reg;

    assign s_axis_tready = in_ready_reg;

    // ----------------------------------------------------------- broadcaster
    // Fetch stage: column col_reg of the read bank into b1_*; a column is
    // sent to every PE (all activation FIFOs at once) if x != 0 or it is the
    // last column (which closes the vector); a zero column just leaves.
    reg                      rd_bank_reg;
    reg                      rd_bank_next;
    reg [PADDR_WIDTH-1:0]    col_reg;
    reg [PADDR_WIDTH-1:0]    col_next;
    reg                      b1_valid_reg;
    reg                      b1_valid_next;
    reg [IN_WIDTH-1:0]       b1_x_reg;
    reg [PADDR_WIDTH-1:0]    b1_col_reg;
    reg                      b1_last_reg;

    wire [P-1:0]             act_ready;
    wire                     all_ready = &act_ready;
    wire                     col_last = (col_reg == LAST_COL);
    wire                     b1_needed = (b1_x_reg != {IN_WIDTH{1'b0}}) || b1_last_reg;
    wire                     b1_take = b1_valid_reg && (!b1_needed || all_ready);
    wire                     fetch = full_reg[rd_bank_reg] && (!b1_valid_reg || b1_take);
    wire                     act_valid = b1_valid_reg && b1_needed && all_ready;
    wire [ITEM_WIDTH-1:0]    act_item = {b1_last_reg, b1_col_reg, b1_x_reg};
    wire [BANK_WIDTH-1:0]    rd_bank_data = rd_bank_reg ? bank1_reg : bank0_reg;

    // ----------------------------------------------------------------- drain
    // Bank out_bank_reg is drained when every PE has finished it: one row a
    // clock (credits permitting), then it is cleared for the vector after next.
    reg                      out_bank_reg;
    reg                      out_bank_next;
    reg [RADDR_WIDTH-1:0]    drain_row_reg;
    reg [RADDR_WIDTH-1:0]    drain_row_next;
    reg [COUNT_WIDTH-1:0]    in_flight_reg;
    reg [COUNT_WIDTH-1:0]    in_flight_next;

    wire [P-1:0]             done0;
    wire [P-1:0]             done1;
    wire [COUNT_WIDTH-1:0]   fifo_count;
    wire                     all_done = out_bank_reg ? &done1 : &done0;
    wire                     credit_ok = ({1'b0, fifo_count} + {1'b0, in_flight_reg}) < CREDITS;
    wire                     drain_issue = all_done && credit_ok;
    wire                     drain_last = (drain_row_reg == LAST_ROW);
    wire                     drain_clear = drain_issue && drain_last;
    wire                     result_push;

    assign param_addr = drain_row_reg;

    always @* begin
        full_next = full_reg;
        wr_bank_next = wr_bank_reg;
        wr_beat_next = wr_beat_reg;
        in_ready_next = in_ready_reg;
        rd_bank_next = rd_bank_reg;
        col_next = col_reg;
        b1_valid_next = b1_valid_reg;
        out_bank_next = out_bank_reg;
        drain_row_next = drain_row_reg;
        in_flight_next = in_flight_reg;

        if (in_accept) begin
            if (wr_beat_reg == LAST_BEAT) begin
                wr_beat_next = {BEAT_CNT_WIDTH{1'b0}};
                full_next[wr_bank_reg] = 1'b1;
                wr_bank_next = !wr_bank_reg;
            end else begin
                wr_beat_next = wr_beat_reg + 1'b1;
            end
        end

        if (b1_take) begin
            b1_valid_next = 1'b0;
        end
        if (fetch) begin
            b1_valid_next = 1'b1;
            if (col_last) begin
                // The bank's elements are all in b1/the FIFOs: release it.
                col_next = {PADDR_WIDTH{1'b0}};
                full_next[rd_bank_reg] = 1'b0;
                rd_bank_next = !rd_bank_reg;
            end else begin
                col_next = col_reg + 1'b1;
            end
        end

        if (drain_issue) begin
            if (drain_last) begin
                drain_row_next = {RADDR_WIDTH{1'b0}};
                out_bank_next = !out_bank_reg;
            end else begin
                drain_row_next = drain_row_reg + 1'b1;
            end
        end

        if (drain_issue && !result_push) begin
            in_flight_next = in_flight_reg + 1'b1;
        end else if (result_push && !drain_issue) begin
            in_flight_next = in_flight_reg - 1'b1;
        end

        // Registered ready: the bank the loader fills next has room.
        in_ready_next = !full_next[wr_bank_next];
    end

    always @(posedge clk) begin
        if (in_accept) begin
            if (wr_bank_reg) begin
                bank1_reg[wr_beat_reg*BEAT_WIDTH +: BEAT_WIDTH] <= s_axis_tdata;
            end else begin
                bank0_reg[wr_beat_reg*BEAT_WIDTH +: BEAT_WIDTH] <= s_axis_tdata;
            end
        end
        if (fetch) begin
            b1_x_reg <= rd_bank_data[col_reg*IN_WIDTH +: IN_WIDTH];
            b1_col_reg <= col_reg;
            b1_last_reg <= col_last;
        end
    end

    always @(posedge clk) begin
        full_reg <= full_next;
        wr_bank_reg <= wr_bank_next;
        wr_beat_reg <= wr_beat_next;
        in_ready_reg <= in_ready_next;
        rd_bank_reg <= rd_bank_next;
        col_reg <= col_next;
        b1_valid_reg <= b1_valid_next;
        out_bank_reg <= out_bank_next;
        drain_row_reg <= drain_row_next;
        in_flight_reg <= in_flight_next;

        if (rst) begin
            full_reg <= 2'b00;
            wr_bank_reg <= 1'b0;
            wr_beat_reg <= {BEAT_CNT_WIDTH{1'b0}};
            in_ready_reg <= 1'b0;
            rd_bank_reg <= 1'b0;
            col_reg <= {PADDR_WIDTH{1'b0}};
            b1_valid_reg <= 1'b0;
            out_bank_reg <= 1'b0;
            drain_row_reg <= {RADDR_WIDTH{1'b0}};
            in_flight_reg <= {COUNT_WIDTH{1'b0}};
        end
    end

    // ------------------------------------------------------------------- PEs
    wire [P*ACC_WIDTH-1:0]   drain_acc;
    wire [P*ACC_WIDTH-1:0]   sum;
    wire [P*MULT_WIDTH-1:0]  mult;
    wire [P*SHIFT_WIDTH-1:0] shift;
    reg                      d1_valid_reg;
    reg                      d2_valid_reg;

    genvar p;
    generate
        for (p = 0; p < P; p = p + 1) begin : g_pe
            wire [1:0]             pe_done;
            wire [PW-1:0]          param = param_data[p*PW +: PW];
            wire [BIAS_WIDTH-1:0]  bias = param[PW-1 -: BIAS_WIDTH];
            wire [ACC_WIDTH-1:0]   bias_ext;
            reg  [ACC_WIDTH-1:0]   sum_reg;
            reg  [MULT_WIDTH-1:0]  mult_reg;
            reg  [SHIFT_WIDTH-1:0] shift_reg;

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
                .ROW_WIDTH(RADDR_WIDTH),
                .ACC_WIDTH(ACC_WIDTH),
                .ACT_FIFO_DEPTH(ACT_FIFO_DEPTH)
            ) pe_inst (
                .clk(clk),
                .rst(rst),
                .s_axis_tdata(act_item),
                .s_axis_tvalid(act_valid),
                .s_axis_tready(act_ready[p]),
                .ptr_addr_a(ptr_addr_a[p*PADDR_WIDTH +: PADDR_WIDTH]),
                .ptr_addr_b(ptr_addr_b[p*PADDR_WIDTH +: PADDR_WIDTH]),
                .ptr_data_a(ptr_data_a[p*PTR_WIDTH +: PTR_WIDTH]),
                .ptr_data_b(ptr_data_b[p*PTR_WIDTH +: PTR_WIDTH]),
                .entry_addr(entry_addr[p*EADDR_WIDTH +: EADDR_WIDTH]),
                .entry_data(entry_data[p*EW +: EW]),
                .drain_row(drain_row_reg),
                .drain_bank(out_bank_reg),
                .drain_clear(drain_clear),
                .drain_acc(drain_acc[p*ACC_WIDTH +: ACC_WIDTH]),
                .done(pe_done)
            );

            assign done0[p] = pe_done[0];
            assign done1[p] = pe_done[1];

            if (BIAS_WIDTH == ACC_WIDTH) begin : g_bias_full
                assign bias_ext = bias;
            end else begin : g_bias_extend
                assign bias_ext = {{(ACC_WIDTH - BIAS_WIDTH){bias[BIAS_WIDTH-1]}}, bias};
            end

            // Stage D1 -> D2: bias + accumulator, with m and s, to the requantizer.
            always @(posedge clk) begin
                sum_reg <= bias_ext + drain_acc[p*ACC_WIDTH +: ACC_WIDTH];
                mult_reg <= param[SHIFT_WIDTH +: MULT_WIDTH];
                shift_reg <= param[0 +: SHIFT_WIDTH];
            end

            assign sum[p*ACC_WIDTH +: ACC_WIDTH] = sum_reg;
            assign mult[p*MULT_WIDTH +: MULT_WIDTH] = mult_reg;
            assign shift[p*SHIFT_WIDTH +: SHIFT_WIDTH] = shift_reg;
        end
    endgenerate

    always @(posedge clk) begin
        d1_valid_reg <= drain_issue;
        d2_valid_reg <= d1_valid_reg;

        if (rst) begin
            d1_valid_reg <= 1'b0;
            d2_valid_reg <= 1'b0;
        end
    end

    // ------------------------------------------ requantization (3 stages)
    wire [P*OUT_WIDTH-1:0] result;

    dnngen_requant #(
        .LANES(P),
        .ACC_WIDTH(ACC_WIDTH),
        .MULT_WIDTH(MULT_WIDTH),
        .SHIFT_WIDTH(SHIFT_WIDTH),
        .ROUNDING(ROUNDING),
        .OUT_WIDTH(OUT_WIDTH),
        .OUT_MIN(OUT_MIN),
        .OUT_MAX(OUT_MAX),
        .ZERO_POINT(ZERO_POINT)
    ) requant_inst (
        .clk(clk),
        .rst(rst),
        .in_valid(d2_valid_reg),
        .in_acc(sum),
        .in_mult(mult),
        .in_shift(shift),
        .out_valid(result_push),
        .out_data(result)
    );

    // ----------------------------------------------------------- output FIFO
    // The credits reserve a slot for every row in flight, so the FIFO always
    // has room when a result arrives: its s_axis_tready is not needed.
    /* verilator lint_off UNUSEDSIGNAL */
    wire fifo_s_tready;
    /* verilator lint_on UNUSEDSIGNAL */

    dnngen_fifo #(
        .WIDTH(P * OUT_WIDTH),
        .DEPTH(FIFO_DEPTH)
    ) fifo_inst (
        .clk(clk),
        .rst(rst),
        .s_axis_tdata(result),
        .s_axis_tvalid(result_push),
        .s_axis_tready(fifo_s_tready),
        .m_axis_tdata(m_axis_tdata),
        .m_axis_tvalid(m_axis_tvalid),
        .m_axis_tready(m_axis_tready),
        .count(fifo_count)
    );

endmodule

`resetall
