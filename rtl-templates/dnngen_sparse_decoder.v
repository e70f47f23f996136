// dnngen_sparse_decoder: decodes one row group's code stream of the sparse
// lane engine (dnngen_sparse_lane_mvu), one code a clock: the position
// (local row, column) and the value of the group's next non-zero weight.
//
// Contract
//   The group's matrix is LOCAL_ROWS rows by COLS columns; its positions are
//   linearized row by row, n = row*COLS + col. The stream lists the non-zeros
//   in increasing n. A cursor starts at n = 0 for every batch; each code
//   either names a non-zero at cursor + gap (the cursor then moves past it)
//   or is an escape that moves the cursor by ESCAPE positions with no value.
//   Codes, least significant bit first:
//     FORMAT 0 (relative, EIE-style): delta in INDEX_BITS bits, then the
//       value in WEIGHT_WIDTH bits; delta = 2^INDEX_BITS-1 is the escape
//       (no value, ESCAPE = 2^INDEX_BITS-1), any other delta is the gap.
//     FORMAT 1 (Golomb-Rice, parameter RICE_K; a bitmap is RICE_K = 0):
//       q zero bits then a one (q < RICE_QMAX), the remainder r in RICE_K
//       bits, then the value: gap = q*2^RICE_K + r. RICE_QMAX zero bits
//       with no one after them are the escape (ESCAPE = RICE_QMAX*2^RICE_K).
//   Every escape and every gap is at most ROW_SPAN*COLS, so a code crosses
//   at most ROW_SPAN row boundaries (ROW_SPAN comparators find them): rows
//   and columns need no pointers. The value is the WEIGHT_KIND code of
//   dnngen_weight_mul.
//   Storage: the codes of a batch, then zero bits to the end of the word:
//   `words` words of STREAM_WIDTH bits in an external ROM (dnngen_rom,
//   registered read, address rom_addr, word rom_data; bit i of the stream is
//   bit i % STREAM_WIDTH of word i / STREAM_WIDTH). The stream is read as a
//   ring: after word words-1 comes word 0, the next batch. `codes` and
//   `words` are constants the generator ties off (0 codes: an empty group,
//   no ROM reads).
//
//   Timing. The decoder reads ahead up to 4 words (a 4*STREAM_WIDTH-bit
//   buffer); with STREAM_WIDTH >= MAXLEN (the longest code) it decodes one
//   code a clock once the buffer has filled after reset. `start` (one clock)
//   begins a batch: the next clock decodes its first code. A code decoded
//   in clock t shows on out_* in clock t+1 (out_valid 0 after an escape or
//   an idle clock). idle_next says that no code remains after this clock,
//   so `start` may come in the same clock as the batch's last code: batches
//   follow each other with no gap.
//
//   Reset (synchronous, active high) clears the read pointer, buffer fill,
//   codes remaining and out_valid.
//
// Parameters
//   FORMAT          0 relative, 1 Golomb-Rice
//   INDEX_BITS      FORMAT 0: 1..16, 2^INDEX_BITS-1 <= ROW_SPAN*COLS
//   RICE_K          FORMAT 1: 0..15, RICE_QMAX*2^RICE_K <= ROW_SPAN*COLS
//   RICE_QMAX       FORMAT 1: 1..31; the longest code is at most 32 bits
//   ROW_SPAN        >= 1, row boundaries one code may cross
//   WEIGHT_WIDTH    >= 1
//   COLS            >= 1; LOCAL_ROWS >= 1
//   ROW_WIDTH       >= clog2(LOCAL_ROWS+1); COL_WIDTH >= clog2(COLS)
//   STREAM_WIDTH    power of 2, >= the longest code (checked)
//   ADDR_WIDTH      >= 1, holds words-1
//   COUNT_WIDTH     >= 1, holds codes

`resetall
`timescale 1ns / 1ps
`default_nettype none

module dnngen_sparse_decoder #(
    // 0 relative (EIE-style delta with escape), 1 Golomb-Rice.
    parameter FORMAT = 1,
    // Relative format: delta width in bits.
    parameter INDEX_BITS = 4,
    // Golomb-Rice remainder bits (0: the unary code of a bitmap).
    parameter RICE_K = 2,
    // Golomb-Rice: zero bits that form the escape code.
    parameter RICE_QMAX = 4,
    // Row boundaries one code may cross.
    parameter ROW_SPAN = 1,
    // Weight value width in bits.
    parameter WEIGHT_WIDTH = 4,
    // Columns of the matrix.
    parameter COLS = 16,
    // Rows of the group.
    parameter LOCAL_ROWS = 4,
    // Width of out_row: holds LOCAL_ROWS.
    parameter ROW_WIDTH = 3,
    // Width of out_col: holds COLS-1.
    parameter COL_WIDTH = 4,
    // Stream ROM word width, a power of 2 that holds the longest code.
    parameter STREAM_WIDTH = 16,
    // Stream ROM address width.
    parameter ADDR_WIDTH = 4,
    // Width of the code count.
    parameter COUNT_WIDTH = 8
) (
    input  wire                    clk,
    input  wire                    rst,

    input  wire                    start,
    input  wire [COUNT_WIDTH-1:0]  codes,
    input  wire [ADDR_WIDTH:0]     words,

    output wire [ADDR_WIDTH-1:0]   rom_addr,
    input  wire [STREAM_WIDTH-1:0] rom_data,

    output wire                    out_valid,
    output wire [ROW_WIDTH-1:0]    out_row,
    output wire [COL_WIDTH-1:0]    out_col,
    output wire [WEIGHT_WIDTH-1:0] out_value,
    output wire                    idle_next
);

    localparam MAXLEN = (FORMAT == 0) ? INDEX_BITS + WEIGHT_WIDTH : RICE_QMAX + 1 + RICE_K + WEIGHT_WIDTH;
    localparam PREFIX = (FORMAT == 0) ? INDEX_BITS : RICE_QMAX;
    localparam BUF = 4 * STREAM_WIDTH;
    localparam CNT_WIDTH = $clog2(BUF + 1);
    localparam OFF_WIDTH = (STREAM_WIDTH > 1) ? $clog2(STREAM_WIDTH) : 1;
    // Position arithmetic: cursor + gap < (ROW_SPAN+1)*COLS.
    localparam POS_WIDTH = $clog2((ROW_SPAN + 1) * COLS + 1);
    localparam [31:0] COLS_32 = COLS;
    localparam [31:0] BUF_32 = BUF;
    localparam [31:0] SW_32 = STREAM_WIDTH;
    localparam [31:0] MAXLEN_32 = MAXLEN;
    localparam [31:0] ESCAPE_32 = (FORMAT == 0) ? (1 << INDEX_BITS) - 1 : RICE_QMAX << RICE_K;
    localparam [POS_WIDTH-1:0] COLS_P = COLS_32[POS_WIDTH-1:0];
    localparam [POS_WIDTH-1:0] ESCAPE_P = ESCAPE_32[POS_WIDTH-1:0];
    localparam [CNT_WIDTH-1:0] SW_C = SW_32[CNT_WIDTH-1:0];
    localparam [CNT_WIDTH-1:0] MAXLEN_C = MAXLEN_32[CNT_WIDTH-1:0];
    // A Rice code's bits after its q zeros: the one, the remainder, the value.
    localparam [31:0] RICE_TAIL_32 = 1 + RICE_K + WEIGHT_WIDTH;
    localparam [CNT_WIDTH-1:0] RICE_TAIL_C = RICE_TAIL_32[CNT_WIDTH-1:0];
    localparam [CNT_WIDTH:0] BUF_C = BUF_32[CNT_WIDTH:0];

    initial begin
        if (FORMAT != 0 && FORMAT != 1) $fatal(1, "FORMAT %0d not 0 or 1 (%m)", FORMAT);
        if (FORMAT == 0 && (INDEX_BITS < 1 || INDEX_BITS > 16)) $fatal(1, "INDEX_BITS %0d not 1..16 (%m)", INDEX_BITS);
        if (FORMAT == 1 && (RICE_K < 0 || RICE_K > 15)) $fatal(1, "RICE_K %0d not 0..15 (%m)", RICE_K);
        if (FORMAT == 1 && (RICE_QMAX < 1 || RICE_QMAX > 32)) $fatal(1, "RICE_QMAX %0d not 1..32 (%m)", RICE_QMAX);
        if (ROW_SPAN < 1) $fatal(1, "ROW_SPAN %0d < 1 (%m)", ROW_SPAN);
        if (ESCAPE_32 > ROW_SPAN * COLS_32 || ESCAPE_32 < 1) begin
            $fatal(1, "escape %0d not 1..ROW_SPAN*COLS %0d (%m)", ESCAPE_32, ROW_SPAN * COLS);
        end
        if (MAXLEN > 32) $fatal(1, "longest code %0d bits > 32 (%m)", MAXLEN);
        if (STREAM_WIDTH < MAXLEN || (STREAM_WIDTH & (STREAM_WIDTH - 1)) != 0) begin
            $fatal(1, "STREAM_WIDTH %0d not a power of 2 >= the longest code %0d (%m)", STREAM_WIDTH, MAXLEN);
        end
        if ((1 << ROW_WIDTH) <= LOCAL_ROWS) $fatal(1, "ROW_WIDTH %0d too small (%m)", ROW_WIDTH);
        if ((1 << COL_WIDTH) < COLS) $fatal(1, "COL_WIDTH %0d too small (%m)", COL_WIDTH);
    end

    // ------------------------------------------------------------ read ahead
    reg [BUF-1:0]          buf_reg;
    reg [CNT_WIDTH-1:0]    cnt_reg;
    reg                    pend_reg;
    reg [ADDR_WIDTH-1:0]   raddr_reg;
    reg [OFF_WIDTH-1:0]    off_reg;
    reg [COUNT_WIDTH-1:0]  remain_reg;
    reg [ROW_WIDTH-1:0]    row_reg;
    reg [POS_WIDTH-1:0]    col_reg;
    reg                    out_valid_reg;
    reg [ROW_WIDTH-1:0]    out_row_reg;
    reg [COL_WIDTH-1:0]    out_col_reg;
    reg [WEIGHT_WIDTH-1:0] out_value_reg;

    wire [CNT_WIDTH:0] level = {1'b0, cnt_reg} + (pend_reg ? {1'b0, SW_C} : {(CNT_WIDTH+1){1'b0}});
    wire               issue = (words != {(ADDR_WIDTH+1){1'b0}}) && (level + {1'b0, SW_C} <= BUF_C);
    wire               wrap_addr = ({1'b0, raddr_reg} + 1'b1 == words);

    assign rom_addr = raddr_reg;

    // ---------------------------------------------------------------- decode
    wire [MAXLEN-1:0]      win = buf_reg[MAXLEN-1:0];
    reg  [POS_WIDTH-1:0]   gap;
    reg                    escape;
    reg  [WEIGHT_WIDTH-1:0] value;
    reg  [CNT_WIDTH-1:0]   len;
    reg  [MAXLEN-1:0]      rest;
    reg  [31:0]            q;
    reg  [31:0]            r32;
    /* verilator lint_off UNUSEDSIGNAL */
    reg  [31:0]            g32;            // only the gap's low bits matter
    /* verilator lint_on UNUSEDSIGNAL */
    integer                i;

    always @* begin
        gap = {POS_WIDTH{1'b0}};
        escape = 1'b0;
        value = {WEIGHT_WIDTH{1'b0}};
        len = MAXLEN_C;
        rest = win;
        q = RICE_QMAX;
        r32 = 32'd0;
        g32 = 32'd0;
        if (FORMAT == 0) begin
            escape = &win[INDEX_BITS-1:0];
            q = {{(32-INDEX_BITS){1'b0}}, win[INDEX_BITS-1:0]};
            gap = q[POS_WIDTH-1:0];
            rest = win >> INDEX_BITS;
            value = rest[WEIGHT_WIDTH-1:0];
            len = escape ? PREFIX[CNT_WIDTH-1:0] : MAXLEN_C;
        end else begin
            // q = trailing zeros of the prefix (RICE_QMAX if none is set).
            for (i = RICE_QMAX - 1; i >= 0; i = i - 1) begin
                if (win[i]) q = i;
            end
            escape = (q == RICE_QMAX);
            rest = win >> (q + 1);
            r32 = {{(32-MAXLEN){1'b0}}, rest} & ((32'd1 << RICE_K) - 32'd1);
            g32 = (q << RICE_K) | r32;
            gap = g32[POS_WIDTH-1:0];
            rest = rest >> RICE_K;
            value = rest[WEIGHT_WIDTH-1:0];
            len = escape ? PREFIX[CNT_WIDTH-1:0] : q[CNT_WIDTH-1:0] + RICE_TAIL_C;
        end
    end

    wire                  fire = (remain_reg != {COUNT_WIDTH{1'b0}}) && (cnt_reg >= MAXLEN_C);
    wire                  last = fire && (remain_reg == {{(COUNT_WIDTH-1){1'b0}}, 1'b1});
    // Position of the code: cursor + (gap or escape), at most ROW_SPAN rows on.
    wire [POS_WIDTH-1:0]  step = escape ? ESCAPE_P : gap;
    wire [POS_WIDTH-1:0]  sum = col_reg + step;
    reg  [POS_WIDTH-1:0]  e_col;
    reg  [ROW_WIDTH-1:0]  e_row;
    integer               m;

    always @* begin
        e_col = sum;
        e_row = row_reg;
        for (m = 1; m <= ROW_SPAN; m = m + 1) begin
            if (e_col >= COLS_P) begin
                e_col = e_col - COLS_P;
                e_row = e_row + 1'b1;
            end
        end
    end

    wire [POS_WIDTH-1:0]  after = e_col + 1'b1;
    wire                  wrap_next = !escape && (after == COLS_P);
    // Bits the code takes, and after a batch's last code the rest of its word.
    /* verilator lint_off UNUSEDSIGNAL */
    wire [OFF_WIDTH:0]    off_sum = {1'b0, off_reg} + len[OFF_WIDTH:0];   // modulo STREAM_WIDTH
    /* verilator lint_on UNUSEDSIGNAL */
    wire [OFF_WIDTH-1:0]  off_after = off_sum[OFF_WIDTH-1:0];
    wire [CNT_WIDTH-1:0]  fill = (last && off_after != {OFF_WIDTH{1'b0}})
                                 ? SW_C - {{(CNT_WIDTH-OFF_WIDTH){1'b0}}, off_after} : {CNT_WIDTH{1'b0}};
    wire [CNT_WIDTH-1:0]  used = fire ? len + fill : {CNT_WIDTH{1'b0}};
    wire [CNT_WIDTH-1:0]  kept = cnt_reg - used;
    wire [BUF-1:0]        shifted = buf_reg >> used;
    wire [BUF-1:0]        incoming = {{(BUF-STREAM_WIDTH){1'b0}}, rom_data} << kept;
    // Only the kept bits survive: the word lands right above them.
    wire [BUF-1:0]        keep_mask = ~({BUF{1'b1}} << kept);

    assign idle_next = (remain_reg == {COUNT_WIDTH{1'b0}}) || last;
    assign out_valid = out_valid_reg;
    assign out_row = out_row_reg;
    assign out_col = out_col_reg;
    assign out_value = out_value_reg;

    always @(posedge clk) begin
        buf_reg <= pend_reg ? ((shifted & keep_mask) | incoming) : shifted;
        cnt_reg <= kept + (pend_reg ? SW_C : {CNT_WIDTH{1'b0}});
        pend_reg <= issue;
        if (issue) begin
            raddr_reg <= wrap_addr ? {ADDR_WIDTH{1'b0}} : raddr_reg + 1'b1;
        end
        if (fire) begin
            off_reg <= last ? {OFF_WIDTH{1'b0}} : off_after;
            remain_reg <= remain_reg - 1'b1;
            row_reg <= wrap_next ? e_row + 1'b1 : e_row;
            col_reg <= escape ? e_col : (wrap_next ? {POS_WIDTH{1'b0}} : after);
        end
        if (start) begin
            remain_reg <= codes;
            row_reg <= {ROW_WIDTH{1'b0}};
            col_reg <= {POS_WIDTH{1'b0}};
        end
        out_valid_reg <= fire && !escape;
        out_row_reg <= e_row;
        out_col_reg <= e_col[COL_WIDTH-1:0];
        out_value_reg <= value;

        if (rst) begin
            cnt_reg <= {CNT_WIDTH{1'b0}};
            pend_reg <= 1'b0;
            raddr_reg <= {ADDR_WIDTH{1'b0}};
            off_reg <= {OFF_WIDTH{1'b0}};
            remain_reg <= {COUNT_WIDTH{1'b0}};
            row_reg <= {ROW_WIDTH{1'b0}};
            col_reg <= {POS_WIDTH{1'b0}};
            out_valid_reg <= 1'b0;
        end
    end

endmodule

`resetall
