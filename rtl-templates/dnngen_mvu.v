// dnngen_mvu: folded matrix-vector unit (one per dense layer), FINN style.
//
// Contract
//   For a (compacted) matrix W of NF*PE rows by SF*SIMD columns computes, for
//   every row r,
//     y[r] = clamp(R((bias[r] + sum_i W[r][i] * x[i]) * m[r], s[r]) + ZERO_POINT, OUT_MIN, OUT_MAX)
//   bit exactly (R as in dnngen_requant: ROUNDING 0 half_up, 1 half_even,
//   2 floor; y is the low OUT_WIDTH bits of the clamped value).
//
//   Input stream s_axis: IN_BEATS beats per vector, IN_LANES elements a beat;
//   beat b lane k is element b*IN_LANES+k at [k*IN_WIDTH +: IN_WIDTH]. Columns
//   i >= IN_LANES*IN_BEATS read as 0. s_axis_tready is a register: high while
//   the input bank being filled has room (two banks: the next vector loads
//   while the current one is computed).
//   Output stream m_axis: NF beats per vector; beat r lane p is row r*PE+p at
//   [p*OUT_WIDTH +: OUT_WIDTH]. Stream rules: a transfer happens when tvalid
//   && tready; once tvalid is high, tvalid and tdata hold until the transfer;
//   tvalid never depends on tready. No tlast on either stream.
//   Weight ROM (external, 1-cycle registered read, dnngen_rom): word r*SF+c,
//   PE lane p at [p*SIMD*WEIGHT_WIDTH +: SIMD*WEIGHT_WIDTH], SIMD lane j at
//   [j*WEIGHT_WIDTH +: WEIGHT_WIDTH] within it, holds W[r*PE+p][c*SIMD+j].
//   Parameter ROM (same latency): word r, PE lane p at [p*PW +: PW],
//   PW = BIAS_WIDTH+MULT_WIDTH+SHIFT_WIDTH, packed {bias (signed),
//   m (unsigned), s (unsigned)}, s in the low bits.
//
//   Schedule: when a bank is full, one (row group r, column group c) is issued
//   a clock, c fastest: NF*SF issue cycles per vector. Back-to-back vectors
//   run without a bubble, so with m_axis_tready high a vector takes
//   max(NF*SF, IN_BEATS) cycles (the input fills one beat a cycle).
//   A row group only starts (c == 0) when
//     fifo count + row groups in flight < FIFO_DEPTH,
//   so the pipeline after issue never stalls and always finds room in the
//   output FIFO. FIFO_DEPTH >= 8 is required (initial check); with SF = 1 the
//   7 row groups in flight plus the word being read need 8 credits, so
//   FIFO_DEPTH 16 keeps one issue per clock for every fold (8 is enough for
//   SF >= 2).
//
//   Pipeline (cycle t = issue):
//     t    issue: weight_addr = r*SF+c, param_addr = r; SIMD inputs latched
//     t+1  ROM words arrive; PE products registered (dnngen_mvu_pe)
//     t+2  adder tree + accumulator (loads bias + sum at c == 0)
//     t+3  accumulator complete (after c == SF-1); requant stage 1: products
//     t+4  requant stage 2: sum    t+5  stage 3: shift    t+6  stage 4: clamp
//     t+7  result pushed into the FIFO     t+8  m_axis_tvalid
//   Issue to FIFO push: 7 cycles after the row group's last issue.
//   Latency with m_axis_tready high and the unit idle: the last input beat
//   accepted in cycle T gives the first output beat valid in cycle T+SF+8;
//   the vector's last beat is valid in cycle T+NF*SF+8.
//
//   Reset (synchronous, active high) clears control state only: bank full
//   flags, counters, the FIFO pointers and the valid bits; not the input
//   banks or the datapath registers.
//
// Parameters (legal ranges; the generator guarantees that ACC_WIDTH holds
// bias plus any partial sum of products)
//   PE, SIMD, NF, SF     >= 1; the matrix is NF*PE rows by SF*SIMD columns
//   IN_LANES, IN_BEATS   >= 1, IN_LANES*IN_BEATS <= SF*SIMD
//   IN_WIDTH             >= 1; IN_SIGNED 0 (unsigned) or 1 (two's complement)
//   WEIGHT_KIND          0 int (WEIGHT_WIDTH >= 1), 1 binary (WEIGHT_WIDTH 1),
//                        2 ternary (WEIGHT_WIDTH 2), 3 pow2 (WEIGHT_WIDTH 2..8)
//   ACC_WIDTH            >= 2; BIAS_WIDTH 1 .. ACC_WIDTH
//   MULT_WIDTH           >= 1 (m < 2^MULT_WIDTH); SHIFT_WIDTH 1..8 (s <= 62 used)
//   ROUNDING             0 half_up, 1 half_even, 2 floor
//   OUT_WIDTH            1..32; OUT_MIN <= OUT_MAX (32-bit integers)
//   ZERO_POINT           added after rounding, before the clamp (default 0)
//   FIFO_DEPTH           power of 2, >= 8
//   WADDR_WIDTH          >= max(1, clog2(NF*SF)); PADDR_WIDTH >= max(1, clog2(NF))

`resetall
`timescale 1ns / 1ps
`default_nettype none

module dnngen_mvu #(
    // Rows computed in parallel (processing elements), >= 1.
    parameter PE = 2,
    // Columns computed in parallel per PE, >= 1.
    parameter SIMD = 4,
    // Row groups: rows / PE, >= 1.
    parameter NF = 4,
    // Column groups: columns / SIMD, >= 1.
    parameter SF = 2,
    // Input elements per input beat, >= 1.
    parameter IN_LANES = 1,
    // Input beats per vector, >= 1; IN_LANES*IN_BEATS <= SF*SIMD.
    parameter IN_BEATS = 8,
    // Input element width in bits.
    parameter IN_WIDTH = 8,
    // 1 if input elements are two's complement, 0 if unsigned.
    parameter IN_SIGNED = 0,
    // Weight width in bits (binary 1, ternary 2, pow2 2..8, int >= 1).
    parameter WEIGHT_WIDTH = 4,
    // Weight encoding: 0 int, 1 binary, 2 ternary, 3 pow2 (see dnngen_weight_mul).
    parameter WEIGHT_KIND = 0,
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
    // Output FIFO depth in row groups (power of 2; >= 8 for full throughput).
    parameter FIFO_DEPTH = 8,
    // Weight ROM address width: max(1, clog2(NF*SF)).
    parameter WADDR_WIDTH = 3,
    // Parameter ROM address width: max(1, clog2(NF)).
    parameter PADDR_WIDTH = 2
) (
    input  wire                                              clk,
    input  wire                                              rst,

    input  wire [IN_LANES*IN_WIDTH-1:0]                      s_axis_tdata,
    input  wire                                              s_axis_tvalid,
    output wire                                              s_axis_tready,

    output wire [PE*OUT_WIDTH-1:0]                           m_axis_tdata,
    output wire                                              m_axis_tvalid,
    input  wire                                              m_axis_tready,

    output wire [WADDR_WIDTH-1:0]                            weight_addr,
    input  wire [PE*SIMD*WEIGHT_WIDTH-1:0]                   weight_data,

    output wire [PADDR_WIDTH-1:0]                            param_addr,
    input  wire [PE*(BIAS_WIDTH+MULT_WIDTH+SHIFT_WIDTH)-1:0] param_data
);

    // Real input elements per vector, and matrix columns.
    localparam IN_ELEMS = IN_LANES * IN_BEATS;
    localparam COLS = SF * SIMD;
    localparam BEAT_WIDTH = IN_LANES * IN_WIDTH;
    localparam BANK_WIDTH = IN_ELEMS * IN_WIDTH;
    localparam SLICE_WIDTH = SIMD * IN_WIDTH;
    localparam PW = BIAS_WIDTH + MULT_WIDTH + SHIFT_WIDTH;
    localparam BEAT_CNT_WIDTH = (IN_BEATS > 1) ? $clog2(IN_BEATS) : 1;
    localparam COL_CNT_WIDTH = (SF > 1) ? $clog2(SF) : 1;
    localparam COUNT_WIDTH = $clog2(FIFO_DEPTH) + 1;
    // Counter end values, sized through 32-bit constants (lint-clean).
    localparam [31:0] LAST_BEAT_32 = IN_BEATS - 1;
    localparam [31:0] LAST_COL_32 = SF - 1;
    localparam [31:0] LAST_ROW_32 = NF - 1;
    localparam [31:0] FIFO_DEPTH_32 = FIFO_DEPTH;
    localparam [BEAT_CNT_WIDTH-1:0] LAST_BEAT = LAST_BEAT_32[BEAT_CNT_WIDTH-1:0];
    localparam [COL_CNT_WIDTH-1:0] LAST_COL = LAST_COL_32[COL_CNT_WIDTH-1:0];
    localparam [PADDR_WIDTH-1:0] LAST_ROW = LAST_ROW_32[PADDR_WIDTH-1:0];
    localparam [COUNT_WIDTH:0] CREDITS = FIFO_DEPTH_32[COUNT_WIDTH:0];

    initial begin
        if (PE < 1) $fatal(1, "PE %0d < 1 (%m)", PE);
        if (SIMD < 1) $fatal(1, "SIMD %0d < 1 (%m)", SIMD);
        if (NF < 1) $fatal(1, "NF %0d < 1 (%m)", NF);
        if (SF < 1) $fatal(1, "SF %0d < 1 (%m)", SF);
        if (IN_LANES < 1) $fatal(1, "IN_LANES %0d < 1 (%m)", IN_LANES);
        if (IN_BEATS < 1) $fatal(1, "IN_BEATS %0d < 1 (%m)", IN_BEATS);
        if (IN_ELEMS > COLS) begin
            $fatal(1, "IN_LANES*IN_BEATS %0d > SF*SIMD %0d (%m)", IN_ELEMS, COLS);
        end
        if (BIAS_WIDTH < 1 || BIAS_WIDTH > ACC_WIDTH) begin
            $fatal(1, "BIAS_WIDTH %0d not in 1..ACC_WIDTH %0d (%m)", BIAS_WIDTH, ACC_WIDTH);
        end
        if (FIFO_DEPTH < 8 || (FIFO_DEPTH & (FIFO_DEPTH - 1)) != 0) begin
            $fatal(1, "FIFO_DEPTH %0d is not a power of 2 >= 8 (%m)", FIFO_DEPTH);
        end
        if ((1 << WADDR_WIDTH) < NF * SF) begin
            $fatal(1, "WADDR_WIDTH %0d too small for NF*SF %0d words (%m)", WADDR_WIDTH, NF * SF);
        end
        if ((1 << PADDR_WIDTH) < NF) begin
            $fatal(1, "PADDR_WIDTH %0d too small for NF %0d words (%m)", PADDR_WIDTH, NF);
        end
    end

    // ---------------------------------------------------------------- loader
    // Two input banks; the loader fills bank wr_bank_reg, compute reads bank
    // rd_bank_reg; both alternate, so vectors are computed in order.
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

    // ----------------------------------------------------------------- issue
    reg                      rd_bank_reg;
    reg                      rd_bank_next;
    reg [COL_CNT_WIDTH-1:0]  col_reg;
    reg [COL_CNT_WIDTH-1:0]  col_next;
    reg [PADDR_WIDTH-1:0]    row_reg;
    reg [PADDR_WIDTH-1:0]    row_next;
    reg [WADDR_WIDTH-1:0]    waddr_reg;
    reg [WADDR_WIDTH-1:0]    waddr_next;
    reg [COUNT_WIDTH-1:0]    in_flight_reg;
    reg [COUNT_WIDTH-1:0]    in_flight_next;

    wire [COUNT_WIDTH-1:0]   fifo_count;
    wire                     col_first = (col_reg == {COL_CNT_WIDTH{1'b0}});
    wire                     col_last = (col_reg == LAST_COL);
    wire                     row_last = (row_reg == LAST_ROW);
    wire                     credit_ok = ({1'b0, fifo_count} + {1'b0, in_flight_reg}) < CREDITS;
    wire                     issue = full_reg[rd_bank_reg] && (!col_first || credit_ok);
    wire                     issue_start = issue && col_first;
    wire                     result_push;

    assign weight_addr = waddr_reg;
    assign param_addr = row_reg;

    always @* begin
        full_next = full_reg;
        wr_bank_next = wr_bank_reg;
        wr_beat_next = wr_beat_reg;
        rd_bank_next = rd_bank_reg;
        col_next = col_reg;
        row_next = row_reg;
        waddr_next = waddr_reg;
        in_flight_next = in_flight_reg;
        in_ready_next = in_ready_reg;

        if (in_accept) begin
            if (wr_beat_reg == LAST_BEAT) begin
                wr_beat_next = {BEAT_CNT_WIDTH{1'b0}};
                full_next[wr_bank_reg] = 1'b1;
                wr_bank_next = !wr_bank_reg;
            end else begin
                wr_beat_next = wr_beat_reg + 1'b1;
            end
        end

        if (issue) begin
            if (col_last) begin
                col_next = {COL_CNT_WIDTH{1'b0}};
                if (row_last) begin
                    row_next = {PADDR_WIDTH{1'b0}};
                    waddr_next = {WADDR_WIDTH{1'b0}};
                    full_next[rd_bank_reg] = 1'b0;
                    rd_bank_next = !rd_bank_reg;
                end else begin
                    row_next = row_reg + 1'b1;
                    waddr_next = waddr_reg + 1'b1;
                end
            end else begin
                col_next = col_reg + 1'b1;
                waddr_next = waddr_reg + 1'b1;
            end
        end

        if (issue_start && !result_push) begin
            in_flight_next = in_flight_reg + 1'b1;
        end else if (result_push && !issue_start) begin
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
    end

    always @(posedge clk) begin
        full_reg <= full_next;
        wr_bank_reg <= wr_bank_next;
        wr_beat_reg <= wr_beat_next;
        in_ready_reg <= in_ready_next;
        rd_bank_reg <= rd_bank_next;
        col_reg <= col_next;
        row_reg <= row_next;
        waddr_reg <= waddr_next;
        in_flight_reg <= in_flight_next;

        if (rst) begin
            full_reg <= 2'b00;
            wr_bank_reg <= 1'b0;
            wr_beat_reg <= {BEAT_CNT_WIDTH{1'b0}};
            in_ready_reg <= 1'b0;
            rd_bank_reg <= 1'b0;
            col_reg <= {COL_CNT_WIDTH{1'b0}};
            row_reg <= {PADDR_WIDTH{1'b0}};
            waddr_reg <= {WADDR_WIDTH{1'b0}};
            in_flight_reg <= {COUNT_WIDTH{1'b0}};
        end
    end

    // ------------------------------------------------- input slice (stage 1)
    // The read bank as SF*SIMD elements; columns past the real inputs are 0.
    wire [BANK_WIDTH-1:0]     rd_bank_data = rd_bank_reg ? bank1_reg : bank0_reg;
    wire [COLS*IN_WIDTH-1:0]  rd_cols;
    reg  [SLICE_WIDTH-1:0]    x_s1_reg;
    reg                       s1_valid_reg;
    reg                       s1_first_reg;
    reg                       s1_last_reg;

    generate
        if (IN_ELEMS == COLS) begin : g_cols_full
            assign rd_cols = rd_bank_data;
        end else begin : g_cols_padded
            assign rd_cols = {{((COLS - IN_ELEMS) * IN_WIDTH){1'b0}}, rd_bank_data};
        end
    endgenerate

    always @(posedge clk) begin
        x_s1_reg <= rd_cols[col_reg*SLICE_WIDTH +: SLICE_WIDTH];
        s1_first_reg <= col_first;
        s1_last_reg <= col_last;
        s1_valid_reg <= issue;

        if (rst) begin
            s1_valid_reg <= 1'b0;
        end
    end

    // --------------------------------------- products and parameters (stage 2)
    reg [PE*PW-1:0]              param_s2_reg;
    reg                          s2_valid_reg;
    reg                          s2_first_reg;
    reg                          s2_last_reg;

    always @(posedge clk) begin
        param_s2_reg <= param_data;
        s2_first_reg <= s1_first_reg;
        s2_last_reg <= s1_last_reg;
        s2_valid_reg <= s1_valid_reg;

        if (rst) begin
            s2_valid_reg <= 1'b0;
        end
    end

    // ---------------------------------------------- accumulators (stage 3)
    wire [PE*ACC_WIDTH-1:0]      acc;
    wire [PE*MULT_WIDTH-1:0]     mult_s3;
    wire [PE*SHIFT_WIDTH-1:0]    shift_s3;
    reg                          s3_valid_reg;

    genvar p;
    generate
        for (p = 0; p < PE; p = p + 1) begin : g_pe
            wire [PW-1:0]          param = param_s2_reg[p*PW +: PW];
            reg  [MULT_WIDTH-1:0]  mult_s3_reg;
            reg  [SHIFT_WIDTH-1:0] shift_s3_reg;

            dnngen_mvu_pe #(
                .SIMD(SIMD),
                .IN_WIDTH(IN_WIDTH),
                .IN_SIGNED(IN_SIGNED),
                .WEIGHT_WIDTH(WEIGHT_WIDTH),
                .WEIGHT_KIND(WEIGHT_KIND),
                .ACC_WIDTH(ACC_WIDTH),
                .BIAS_WIDTH(BIAS_WIDTH)
            ) pe_inst (
                .clk(clk),
                .in_x(x_s1_reg),
                .in_w(weight_data[p*SIMD*WEIGHT_WIDTH +: SIMD*WEIGHT_WIDTH]),
                .acc_en(s2_valid_reg),
                .acc_load(s2_first_reg),
                .acc_bias(param[PW-1 -: BIAS_WIDTH]),
                .acc(acc[p*ACC_WIDTH +: ACC_WIDTH])
            );

            // m and s travel with the accumulator to the requantizer.
            always @(posedge clk) begin
                mult_s3_reg <= param[SHIFT_WIDTH +: MULT_WIDTH];
                shift_s3_reg <= param[0 +: SHIFT_WIDTH];
            end

            assign mult_s3[p*MULT_WIDTH +: MULT_WIDTH] = mult_s3_reg;
            assign shift_s3[p*SHIFT_WIDTH +: SHIFT_WIDTH] = shift_s3_reg;
        end
    endgenerate

    always @(posedge clk) begin
        s3_valid_reg <= s2_valid_reg && s2_last_reg;

        if (rst) begin
            s3_valid_reg <= 1'b0;
        end
    end

    // ------------------------------------------ requantization (stages 4..7)
    wire [PE*OUT_WIDTH-1:0] result;

    dnngen_requant #(
        .LANES(PE),
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
        .in_valid(s3_valid_reg),
        .in_acc(acc),
        .in_mult(mult_s3),
        .in_shift(shift_s3),
        .out_valid(result_push),
        .out_data(result)
    );

    // ----------------------------------------------------------- output FIFO
    // The credits reserve a slot for every row group in flight, so the FIFO
    // always has room when a result arrives: its s_axis_tready is not needed.
    /* verilator lint_off UNUSEDSIGNAL */
    wire fifo_s_tready;
    /* verilator lint_on UNUSEDSIGNAL */

    dnngen_fifo #(
        .WIDTH(PE * OUT_WIDTH),
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
