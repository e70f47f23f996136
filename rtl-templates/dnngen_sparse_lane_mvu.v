// dnngen_sparse_lane_mvu: sparse matrix-vector unit whose cycles follow the
// non-zero weights, not the columns: G row groups each decode one non-zero a
// clock from a compact code stream, and every code is applied to LANES input
// vectors at once (LANES output pixels of a convolution share its weights).
//
// Contract
//   For a matrix W of ROWS rows by COLS = IN_LANES*IN_BEATS columns computes,
//   for every input vector x and every row r,
//     y[r] = clamp(R((bias[r] + sum_j W[r][j] * x[j]) * m[r], s[r]) + ZERO_POINT, OUT_MIN, OUT_MAX)
//   bit exactly, as dnngen_mvu (R as in dnngen_requant).
//
//   Streams. Input s_axis: IN_BEATS beats per vector, beat b lane k is
//   x[b*IN_LANES+k]; VECTORS vectors form one inference (a convolution's
//   output pixels). Output m_axis: OUT_BEATS beats per vector, beat b lane k
//   (k < G*DRAIN_ROWS) is row b*G*DRAIN_ROWS + k: dnngen_mvu's output with
//   PE = G*DRAIN_ROWS, NF = OUT_BEATS; rows >= ROWS are padding (bias 0,
//   m 1, s 0 in the parameter ROM, no weights). Stream rules: a transfer
//   happens when tvalid && tready; once tvalid is high, tvalid and tdata hold
//   until the transfer; tvalid never depends on tready. No tlast.
//
//   Rows. Row r belongs to group g = r % G as local row r / G. Group g's
//   non-zeros are one code stream (dnngen_sparse_decoder: FORMAT relative or
//   Golomb-Rice / bitmap; positions linearized over its local rows, so no
//   row or column pointers), in an external ROM with STREAM_WIDTH-bit words:
//   code_addr[g*CADDR_WIDTH +: CADDR_WIDTH], code_data[g*STREAM_WIDTH +:
//   STREAM_WIDTH]; group_codes / group_words give each group's code count
//   and word count (constants). Parameter ROM (dnngen_rom, depth OUT_BEATS):
//   word b lane k at [k*PW +: PW], PW = BIAS_WIDTH+MULT_WIDTH+SHIFT_WIDTH,
//   {bias (signed), m, s} for row b*G*DRAIN_ROWS + k, s in the low bits.
//
//   Architecture. Loader: input vectors fill a batch of up to LANES lane
//   buffers (two banks: one loads while the other is computed); a batch
//   closes after LANES vectors or at the inference's last vector. Compute:
//   for a batch every group decodes its codes, one a clock; a code's value
//   times the lane buffer's element at its column is added, in every lane,
//   into that lane's accumulator of the code's row (G*LANES multipliers).
//   The next batch starts in the clock after the slowest group's last code.
//   Drain: per vector of the batch OUT_BEATS beats, one a clock (credits as
//   in dnngen_mvu), bias + accumulator, dnngen_requant, the output FIFO;
//   two accumulator banks, so a batch computes while the previous one drains.
//
//   Cycles. E = max over groups of codes (non-zeros plus escapes), n the
//   vectors in a batch. Back to back with the output never stalled a batch
//   takes max(E, 1, n*IN_BEATS + 2, ceil((E + 3 + n*OUT_BEATS) / 2)) clocks:
//   a lane buffer bank takes input from 2 clocks after its batch's last code
//   is decoded, and an accumulator bank, drained from 3 clocks after that,
//   must be empty when the batch after next starts. So an inference of V
//   vectors takes about ceil(V/LANES) * E clocks when E >= LANES*IN_BEATS + 2
//   and E >= LANES*OUT_BEATS + 3. The bound of any engine with G*LANES multipliers is
//   nnz*V/(G*LANES); this engine reaches it within the imbalance E*G/nnz
//   and the rounding of V/LANES. Zero activations are not skipped: a code
//   is shared by LANES different vectors. Latency of a batch: its last code
//   is accumulated 2 clocks after it is decoded, the first output beat is
//   valid 8 clocks after that (no stall).
//
//   Reset (synchronous, active high) clears control state only: bank flags,
//   counters, FIFO pointers, valid bits, the decoders' state. Accumulators
//   are cleared by the drain of their bank (and are never read before that
//   after reset: a bank is drained only after a batch wrote it).
//
// Parameters
//   G                    row groups, >= 1; LOCAL_ROWS = ceil(ROWS / G)
//   LANES                vectors computed at once, >= 1
//   ROWS                 >= 1; DRAIN_ROWS >= 1 local rows per output beat;
//                        OUT_BEATS = ceil(LOCAL_ROWS / DRAIN_ROWS)
//   VECTORS              vectors per inference, >= 1
//   IN_LANES, IN_BEATS   >= 1; COLS = IN_LANES*IN_BEATS
//   IN_WIDTH, IN_SIGNED, WEIGHT_WIDTH, WEIGHT_KIND as dnngen_weight_mul
//   FORMAT, INDEX_BITS, RICE_K, RICE_QMAX, ROW_SPAN, STREAM_WIDTH as dnngen_sparse_decoder
//   CADDR_WIDTH          >= 1, holds every group's word count - 1
//   COUNT_WIDTH          >= 1, holds every group's code count
//   PADDR_WIDTH          >= max(1, clog2(OUT_BEATS))
//   ACC_WIDTH            >= 2; BIAS_WIDTH 1..ACC_WIDTH
//   MULT_WIDTH, SHIFT_WIDTH, ROUNDING, OUT_WIDTH, OUT_MIN, OUT_MAX as dnngen_requant
//   ZERO_POINT           added after rounding, before the clamp (default 0)
//   FIFO_DEPTH           power of 2, >= 8

`resetall
`timescale 1ns / 1ps
`default_nettype none

module dnngen_sparse_lane_mvu #(
    // Row groups: row r is decoded by group r % G.
    parameter G = 2,
    // Vectors that share each decoded weight.
    parameter LANES = 2,
    // Matrix rows.
    parameter ROWS = 7,
    // Rows per group: ceil(ROWS / G).
    parameter LOCAL_ROWS = 4,
    // Local rows per output beat.
    parameter DRAIN_ROWS = 2,
    // Output beats per vector: ceil(LOCAL_ROWS / DRAIN_ROWS).
    parameter OUT_BEATS = 2,
    // Vectors per inference.
    parameter VECTORS = 5,
    // Input elements per beat.
    parameter IN_LANES = 1,
    // Input beats per vector.
    parameter IN_BEATS = 16,
    // Input element width in bits.
    parameter IN_WIDTH = 8,
    // 1 if input elements are two's complement.
    parameter IN_SIGNED = 0,
    // Weight width in bits.
    parameter WEIGHT_WIDTH = 4,
    // Weight encoding: 0 int, 1 binary, 2 ternary, 3 pow2.
    parameter WEIGHT_KIND = 0,
    // Code format: 0 relative, 1 Golomb-Rice (bitmap: RICE_K = 0).
    parameter FORMAT = 1,
    // Relative format: delta width.
    parameter INDEX_BITS = 4,
    // Golomb-Rice remainder bits.
    parameter RICE_K = 2,
    // Golomb-Rice escape length.
    parameter RICE_QMAX = 4,
    // Row boundaries one code may cross.
    parameter ROW_SPAN = 1,
    // Code stream ROM word width.
    parameter STREAM_WIDTH = 16,
    // Code stream ROM address width.
    parameter CADDR_WIDTH = 4,
    // Width of a group's code count.
    parameter COUNT_WIDTH = 8,
    // Parameter ROM address width: holds OUT_BEATS-1.
    parameter PADDR_WIDTH = 1,
    // Accumulator width.
    parameter ACC_WIDTH = 24,
    // Signed bias field width.
    parameter BIAS_WIDTH = 16,
    // Requantization multiplier width.
    parameter MULT_WIDTH = 31,
    // Requantization shift width.
    parameter SHIFT_WIDTH = 6,
    // 0 half_up, 1 half_even, 2 floor.
    parameter ROUNDING = 0,
    // Output element width.
    parameter OUT_WIDTH = 8,
    // Clamp bounds.
    parameter OUT_MIN = 0,
    parameter OUT_MAX = 255,
    // Output zero point, added after rounding (model format version 2).
    parameter ZERO_POINT = 0,
    // Output FIFO depth.
    parameter FIFO_DEPTH = 8
) (
    input  wire                                                clk,
    input  wire                                                rst,

    input  wire [IN_LANES*IN_WIDTH-1:0]                        s_axis_tdata,
    input  wire                                                s_axis_tvalid,
    output wire                                                s_axis_tready,

    output wire [G*DRAIN_ROWS*OUT_WIDTH-1:0]                   m_axis_tdata,
    output wire                                                m_axis_tvalid,
    input  wire                                                m_axis_tready,

    input  wire [G*COUNT_WIDTH-1:0]                            group_codes,
    input  wire [G*(CADDR_WIDTH+1)-1:0]                        group_words,
    output wire [G*CADDR_WIDTH-1:0]                            code_addr,
    input  wire [G*STREAM_WIDTH-1:0]                           code_data,

    output wire [PADDR_WIDTH-1:0]                              param_addr,
    input  wire [G*DRAIN_ROWS*(BIAS_WIDTH+MULT_WIDTH+SHIFT_WIDTH)-1:0] param_data
);

    localparam COLS = IN_LANES * IN_BEATS;
    localparam BEAT_WIDTH = IN_LANES * IN_WIDTH;
    localparam BANK_WIDTH = COLS * IN_WIDTH;
    localparam OUT_LANES = G * DRAIN_ROWS;
    localparam LRP = OUT_BEATS * DRAIN_ROWS;
    localparam PW = BIAS_WIDTH + MULT_WIDTH + SHIFT_WIDTH;
    localparam ROW_WIDTH = $clog2(LOCAL_ROWS + 1);
    localparam COL_WIDTH = (COLS > 1) ? $clog2(COLS) : 1;
    localparam LANE_WIDTH = (LANES > 1) ? $clog2(LANES) : 1;
    localparam NVEC_WIDTH = $clog2(LANES + 1);
    localparam BEAT_CNT_WIDTH = (IN_BEATS > 1) ? $clog2(IN_BEATS) : 1;
    localparam VEC_CNT_WIDTH = (VECTORS > 1) ? $clog2(VECTORS) : 1;
    localparam OBEAT_WIDTH = PADDR_WIDTH;
    localparam LRP_WIDTH = $clog2(2 * LRP);
    localparam [31:0] LRP_32 = LRP;
    localparam [31:0] DRAIN_ROWS_32 = DRAIN_ROWS;
    localparam [LRP_WIDTH-1:0] LRP_W = LRP_32[LRP_WIDTH-1:0];
    localparam [LRP_WIDTH-1:0] DRAIN_ROWS_W = DRAIN_ROWS_32[LRP_WIDTH-1:0];
    localparam COUNT_FIFO = $clog2(FIFO_DEPTH) + 1;
    localparam [31:0] LAST_BEAT_32 = IN_BEATS - 1;
    localparam [31:0] LAST_LANE_32 = LANES - 1;
    localparam [31:0] LANES_32 = LANES;
    localparam LBUF_WIDTH = $clog2(2 * LANES);
    localparam [31:0] LAST_VEC_32 = VECTORS - 1;
    localparam [31:0] LAST_OBEAT_32 = OUT_BEATS - 1;
    localparam [31:0] FIFO_DEPTH_32 = FIFO_DEPTH;
    localparam [BEAT_CNT_WIDTH-1:0] LAST_BEAT = LAST_BEAT_32[BEAT_CNT_WIDTH-1:0];
    localparam [LANE_WIDTH-1:0] LAST_LANE = LAST_LANE_32[LANE_WIDTH-1:0];
    localparam [VEC_CNT_WIDTH-1:0] LAST_VEC = LAST_VEC_32[VEC_CNT_WIDTH-1:0];
    localparam [OBEAT_WIDTH-1:0] LAST_OBEAT = LAST_OBEAT_32[OBEAT_WIDTH-1:0];
    localparam [COUNT_FIFO:0] CREDITS = FIFO_DEPTH_32[COUNT_FIFO:0];

    initial begin
        if (G < 1) $fatal(1, "G %0d < 1 (%m)", G);
        if (LANES < 1) $fatal(1, "LANES %0d < 1 (%m)", LANES);
        if (LOCAL_ROWS != (ROWS + G - 1) / G) $fatal(1, "LOCAL_ROWS %0d != ceil(ROWS/G) (%m)", LOCAL_ROWS);
        if (DRAIN_ROWS < 1) $fatal(1, "DRAIN_ROWS %0d < 1 (%m)", DRAIN_ROWS);
        if (OUT_BEATS != (LOCAL_ROWS + DRAIN_ROWS - 1) / DRAIN_ROWS) begin
            $fatal(1, "OUT_BEATS %0d != ceil(LOCAL_ROWS/DRAIN_ROWS) (%m)", OUT_BEATS);
        end
        if (VECTORS < 1) $fatal(1, "VECTORS %0d < 1 (%m)", VECTORS);
        if (IN_LANES < 1 || IN_BEATS < 1) $fatal(1, "IN_LANES/IN_BEATS < 1 (%m)");
        if (BIAS_WIDTH < 1 || BIAS_WIDTH > ACC_WIDTH) $fatal(1, "BIAS_WIDTH %0d not 1..ACC_WIDTH (%m)", BIAS_WIDTH);
        if (FIFO_DEPTH < 8 || (FIFO_DEPTH & (FIFO_DEPTH - 1)) != 0) begin
            $fatal(1, "FIFO_DEPTH %0d is not a power of 2 >= 8 (%m)", FIFO_DEPTH);
        end
    end

    // ---------------------------------------------------------------- loader
    // Lane buffer (bank, lane) is word bank*LANES + lane.
    reg [BANK_WIDTH-1:0]     lanebuf [0:2*LANES-1];
    reg [1:0]                full_reg;          // loaded, not yet started
    reg [1:0]                full_next;
    reg [1:0]                inuse_reg;         // started, still being read
    reg [1:0]                inuse_next;
    reg [NVEC_WIDTH-1:0]     bank_nvec_reg [0:1];
    reg                      wr_bank_reg;
    reg                      wr_bank_next;
    reg [LANE_WIDTH-1:0]     wr_lane_reg;
    reg [LANE_WIDTH-1:0]     wr_lane_next;
    reg [BEAT_CNT_WIDTH-1:0] wr_beat_reg;
    reg [BEAT_CNT_WIDTH-1:0] wr_beat_next;
    reg [VEC_CNT_WIDTH-1:0]  wr_vec_reg;
    reg [VEC_CNT_WIDTH-1:0]  wr_vec_next;
    reg                      in_ready_reg;
    reg                      in_ready_next;

    wire in_accept = s_axis_tvalid && in_ready_reg;
    /* verilator lint_off UNUSEDSIGNAL */
    wire [31:0] wr_index_32 = (wr_bank_reg ? LANES_32 : 32'd0) + {{(32-LANE_WIDTH){1'b0}}, wr_lane_reg};
    /* verilator lint_on UNUSEDSIGNAL */
    wire [LBUF_WIDTH-1:0] wr_index = wr_index_32[LBUF_WIDTH-1:0];
    wire in_close = in_accept && (wr_beat_reg == LAST_BEAT) && (wr_lane_reg == LAST_LANE || wr_vec_reg == LAST_VEC);
    wire [NVEC_WIDTH-1:0] in_nvec = {{(NVEC_WIDTH-LANE_WIDTH){1'b0}}, wr_lane_reg} + 1'b1;

    assign s_axis_tready = in_ready_reg;

    // --------------------------------------------------------------- compute
    wire [G-1:0]             idle_next;
    wire                     all_idle_next = &idle_next;
    reg                      cbank_reg;         // bank of the next batch to start
    reg                      active_reg;
    reg                      run_bank_reg;
    reg [1:0]                acc_free_reg;      // accumulator bank cleared
    reg [1:0]                acc_free_next;
    reg [1:0]                acc_full_reg;      // accumulator bank complete
    reg [1:0]                acc_full_next;
    reg [NVEC_WIDTH-1:0]     acc_nvec_reg [0:1];
    reg                      e1_reg;
    reg                      e1_bank_reg;
    reg                      e2_reg;
    reg                      e2_bank_reg;
    reg                      s1_bank_reg;
    reg                      s2_bank_reg;

    wire batch_end = active_reg && all_idle_next;
    wire batch_start = full_reg[cbank_reg] && acc_free_reg[cbank_reg] && (!active_reg || all_idle_next);

    // ----------------------------------------------------------------- drain
    reg                      dbank_reg;
    reg [LANE_WIDTH-1:0]     dvec_reg;
    reg [OBEAT_WIDTH-1:0]    dbeat_reg;
    reg [COUNT_FIFO-1:0]     in_flight_reg;
    reg [COUNT_FIFO-1:0]     in_flight_next;
    wire [COUNT_FIFO-1:0]    fifo_count;
    wire                     credit_ok = ({1'b0, fifo_count} + {1'b0, in_flight_reg}) < CREDITS;
    wire                     drain_issue = acc_full_reg[dbank_reg] && credit_ok;
    wire [NVEC_WIDTH-1:0]    dvec_ext = {{(NVEC_WIDTH-LANE_WIDTH){1'b0}}, dvec_reg};
    wire                     dvec_last = (dvec_ext + 1'b1 == acc_nvec_reg[dbank_reg]);
    wire                     dbeat_last = (dbeat_reg == LAST_OBEAT);
    wire                     drain_clear = drain_issue && dvec_last && dbeat_last;
    wire                     result_push;

    assign param_addr = dbeat_reg;
    // Index of the drained beat's first local row in the accumulator banks.
    wire [LRP_WIDTH-1:0]     drain_base = (dbank_reg ? LRP_W : {LRP_WIDTH{1'b0}})
                                          + {{(LRP_WIDTH-OBEAT_WIDTH){1'b0}}, dbeat_reg} * DRAIN_ROWS_W;

    always @* begin
        full_next = full_reg;
        inuse_next = inuse_reg;
        wr_bank_next = wr_bank_reg;
        wr_lane_next = wr_lane_reg;
        wr_beat_next = wr_beat_reg;
        wr_vec_next = wr_vec_reg;
        acc_free_next = acc_free_reg;
        acc_full_next = acc_full_reg;
        in_flight_next = in_flight_reg;

        if (in_accept) begin
            if (wr_beat_reg == LAST_BEAT) begin
                wr_beat_next = {BEAT_CNT_WIDTH{1'b0}};
                wr_vec_next = (wr_vec_reg == LAST_VEC) ? {VEC_CNT_WIDTH{1'b0}} : wr_vec_reg + 1'b1;
                wr_lane_next = wr_lane_reg + 1'b1;
                if (in_close) begin
                    wr_lane_next = {LANE_WIDTH{1'b0}};
                    full_next[wr_bank_reg] = 1'b1;
                    wr_bank_next = !wr_bank_reg;
                end
            end else begin
                wr_beat_next = wr_beat_reg + 1'b1;
            end
        end
        if (batch_start) begin
            full_next[cbank_reg] = 1'b0;
            inuse_next[cbank_reg] = 1'b1;
            acc_free_next[cbank_reg] = 1'b0;
        end
        // The batch's last x was read in e1: its lane buffers may reload.
        if (e1_reg) inuse_next[e1_bank_reg] = 1'b0;
        // Its last product was accumulated in e2: the bank may drain.
        if (e2_reg) acc_full_next[e2_bank_reg] = 1'b1;
        if (drain_clear) begin
            acc_full_next[dbank_reg] = 1'b0;
            acc_free_next[dbank_reg] = 1'b1;
        end

        if (drain_issue && !result_push) begin
            in_flight_next = in_flight_reg + 1'b1;
        end else if (result_push && !drain_issue) begin
            in_flight_next = in_flight_reg - 1'b1;
        end

        in_ready_next = !full_next[wr_bank_next] && !inuse_next[wr_bank_next];
    end

    always @(posedge clk) begin
        if (in_accept) begin
            lanebuf[wr_index][wr_beat_reg*BEAT_WIDTH +: BEAT_WIDTH] <= s_axis_tdata;
        end
        if (in_close) bank_nvec_reg[wr_bank_reg] <= in_nvec;
        if (batch_start) acc_nvec_reg[cbank_reg] <= bank_nvec_reg[cbank_reg];
    end

    always @(posedge clk) begin
        full_reg <= full_next;
        inuse_reg <= inuse_next;
        wr_bank_reg <= wr_bank_next;
        wr_lane_reg <= wr_lane_next;
        wr_beat_reg <= wr_beat_next;
        wr_vec_reg <= wr_vec_next;
        in_ready_reg <= in_ready_next;
        acc_free_reg <= acc_free_next;
        acc_full_reg <= acc_full_next;
        in_flight_reg <= in_flight_next;

        if (batch_start) begin
            cbank_reg <= !cbank_reg;
            run_bank_reg <= cbank_reg;
            active_reg <= 1'b1;
        end else if (batch_end) begin
            active_reg <= 1'b0;
        end
        e1_reg <= batch_end;
        e1_bank_reg <= run_bank_reg;
        e2_reg <= e1_reg;
        e2_bank_reg <= e1_bank_reg;
        s1_bank_reg <= run_bank_reg;
        s2_bank_reg <= s1_bank_reg;

        if (drain_issue) begin
            if (dbeat_last) begin
                dbeat_reg <= {OBEAT_WIDTH{1'b0}};
                if (dvec_last) begin
                    dvec_reg <= {LANE_WIDTH{1'b0}};
                    dbank_reg <= !dbank_reg;
                end else begin
                    dvec_reg <= dvec_reg + 1'b1;
                end
            end else begin
                dbeat_reg <= dbeat_reg + 1'b1;
            end
        end

        if (rst) begin
            full_reg <= 2'b00;
            inuse_reg <= 2'b00;
            wr_bank_reg <= 1'b0;
            wr_lane_reg <= {LANE_WIDTH{1'b0}};
            wr_beat_reg <= {BEAT_CNT_WIDTH{1'b0}};
            wr_vec_reg <= {VEC_CNT_WIDTH{1'b0}};
            in_ready_reg <= 1'b0;
            acc_free_reg <= 2'b11;
            acc_full_reg <= 2'b00;
            in_flight_reg <= {COUNT_FIFO{1'b0}};
            cbank_reg <= 1'b0;
            active_reg <= 1'b0;
            run_bank_reg <= 1'b0;
            e1_reg <= 1'b0;
            e2_reg <= 1'b0;
            dbank_reg <= 1'b0;
            dvec_reg <= {LANE_WIDTH{1'b0}};
            dbeat_reg <= {OBEAT_WIDTH{1'b0}};
        end
    end

    // ------------------------------------------------ groups x lanes datapath
    // drain_all word (lane l, local row j of the beat, group g) at
    // index l*OUT_LANES + j*G + g: the beat's lane order.
    wire [LANES*OUT_LANES*ACC_WIDTH-1:0] drain_all;

    genvar g;
    genvar l;
    genvar j;
    generate
        for (g = 0; g < G; g = g + 1) begin : g_group
            wire                    d_valid;
            wire [ROW_WIDTH-1:0]    d_row;
            wire [COL_WIDTH-1:0]    d_col;
            wire [WEIGHT_WIDTH-1:0] d_value;
            reg                     s2_valid_reg;
            reg  [ROW_WIDTH-1:0]    s2_row_reg;

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
                .ADDR_WIDTH(CADDR_WIDTH),
                .COUNT_WIDTH(COUNT_WIDTH)
            ) decoder_inst (
                .clk(clk),
                .rst(rst),
                .start(batch_start),
                .codes(group_codes[g*COUNT_WIDTH +: COUNT_WIDTH]),
                .words(group_words[g*(CADDR_WIDTH+1) +: CADDR_WIDTH+1]),
                .rom_addr(code_addr[g*CADDR_WIDTH +: CADDR_WIDTH]),
                .rom_data(code_data[g*STREAM_WIDTH +: STREAM_WIDTH]),
                .out_valid(d_valid),
                .out_row(d_row),
                .out_col(d_col),
                .out_value(d_value),
                .idle_next(idle_next[g])
            );

            always @(posedge clk) begin
                s2_valid_reg <= d_valid;
                s2_row_reg <= d_row;
                if (rst) s2_valid_reg <= 1'b0;
            end

            // Rows of each bank this batch has written: a row's first product
            // overwrites, and an unwritten row drains as 0.
            reg  [2*LRP-1:0]        written_reg;
            wire [LRP_WIDTH-1:0]    s2_index = s2_bank_reg ? LRP_W + s2_row_reg : {{(LRP_WIDTH-ROW_WIDTH){1'b0}}, s2_row_reg};
            wire                    s2_fresh = !written_reg[s2_index];

            always @(posedge clk) begin
                if (s2_valid_reg) written_reg[s2_index] <= 1'b1;
                if (drain_clear) begin
                    if (dbank_reg) written_reg[2*LRP-1:LRP] <= {LRP{1'b0}};
                    else written_reg[LRP-1:0] <= {LRP{1'b0}};
                end
                if (rst) written_reg <= {(2*LRP){1'b0}};
            end

            for (l = 0; l < LANES; l = l + 1) begin : g_lane
                wire [BANK_WIDTH-1:0] xbank = lanebuf[s1_bank_reg ? LANES + l : l];
                wire [IN_WIDTH-1:0]   x = xbank[d_col*IN_WIDTH +: IN_WIDTH];
                wire [ACC_WIDTH-1:0]  product;
                reg  [ACC_WIDTH-1:0]  product_reg;
                reg  [ACC_WIDTH-1:0]  acc_mem [0:2*LRP-1];

                dnngen_weight_mul #(
                    .IN_WIDTH(IN_WIDTH),
                    .IN_SIGNED(IN_SIGNED),
                    .WEIGHT_WIDTH(WEIGHT_WIDTH),
                    .WEIGHT_KIND(WEIGHT_KIND),
                    .ACC_WIDTH(ACC_WIDTH)
                ) mul_inst (
                    .x(x),
                    .w(d_value),
                    .p(product)
                );

                always @(posedge clk) begin
                    product_reg <= product;
                    if (s2_valid_reg) begin
                        acc_mem[s2_index] <= (s2_fresh ? {ACC_WIDTH{1'b0}} : acc_mem[s2_index]) + product_reg;
                    end
                end

                for (j = 0; j < DRAIN_ROWS; j = j + 1) begin : g_drain
                    wire [LRP_WIDTH-1:0] drow = drain_base + j;
                    assign drain_all[(l*OUT_LANES + j*G + g)*ACC_WIDTH +: ACC_WIDTH] =
                        written_reg[drow] ? acc_mem[drow] : {ACC_WIDTH{1'b0}};
                end
            end
        end
    endgenerate

    // ------------------------------------------------------- drain datapath
    reg  [OUT_LANES*ACC_WIDTH-1:0] dsel_reg;
    reg                            d1_valid_reg;
    reg                            d2_valid_reg;
    wire [OUT_LANES*ACC_WIDTH-1:0] sum;
    wire [OUT_LANES*MULT_WIDTH-1:0] mult;
    wire [OUT_LANES*SHIFT_WIDTH-1:0] shift;

    always @(posedge clk) begin
        dsel_reg <= drain_all[dvec_reg*OUT_LANES*ACC_WIDTH +: OUT_LANES*ACC_WIDTH];
        d1_valid_reg <= drain_issue;
        d2_valid_reg <= d1_valid_reg;
        if (rst) begin
            d1_valid_reg <= 1'b0;
            d2_valid_reg <= 1'b0;
        end
    end

    genvar o;
    generate
        for (o = 0; o < OUT_LANES; o = o + 1) begin : g_out
            wire [PW-1:0]          param = param_data[o*PW +: PW];
            wire [BIAS_WIDTH-1:0]  bias = param[PW-1 -: BIAS_WIDTH];
            wire [ACC_WIDTH-1:0]   bias_ext;
            reg  [ACC_WIDTH-1:0]   sum_reg;
            reg  [MULT_WIDTH-1:0]  mult_reg;
            reg  [SHIFT_WIDTH-1:0] shift_reg;

            if (BIAS_WIDTH == ACC_WIDTH) begin : g_bias_full
                assign bias_ext = bias;
            end else begin : g_bias_extend
                assign bias_ext = {{(ACC_WIDTH - BIAS_WIDTH){bias[BIAS_WIDTH-1]}}, bias};
            end

            always @(posedge clk) begin
                sum_reg <= bias_ext + dsel_reg[o*ACC_WIDTH +: ACC_WIDTH];
                mult_reg <= param[SHIFT_WIDTH +: MULT_WIDTH];
                shift_reg <= param[0 +: SHIFT_WIDTH];
            end

            assign sum[o*ACC_WIDTH +: ACC_WIDTH] = sum_reg;
            assign mult[o*MULT_WIDTH +: MULT_WIDTH] = mult_reg;
            assign shift[o*SHIFT_WIDTH +: SHIFT_WIDTH] = shift_reg;
        end
    endgenerate

    wire [OUT_LANES*OUT_WIDTH-1:0] result;

    dnngen_requant #(
        .LANES(OUT_LANES),
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

    // The credits reserve a slot for every row in flight.
    /* verilator lint_off UNUSEDSIGNAL */
    wire fifo_s_tready;
    /* verilator lint_on UNUSEDSIGNAL */

    dnngen_fifo #(
        .WIDTH(OUT_LANES * OUT_WIDTH),
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
