// tb_dnngen_sparse_mvu: unit bench for dnngen_sparse_mvu with its ROMs: per
// PE an entry ROM (dnngen_rom) and a pointer ROM (dnngen_rom_dual), and the
// parameter ROM, all from the images and expected outputs that
// gen_vectors.py writes (an independent Python reference of the encoding,
// the arithmetic and the cycle model).
//
// Four phases, each sending all N_VEC vectors and checking every output beat:
//   1  isolated vectors (each starts when the previous one's outputs are
//      all in), no gaps, no stalls: for every vector, the cycles from its
//      last input beat to its first and to its last output beat must equal
//      the model (TIMING_FILE words 3v, 3v+1);
//   2  back to back, (input gap %, output stall %) = (0,0): every vector's
//      first output beat must come exactly when the model says, counted from
//      the first input beat of the phase (word 3v+2);
//   3  (25,25) and 4 (50,50), LFSR driven: values only.
// Also checked: the m_axis rule (a stalled beat holds tvalid and tdata).
// Prints one "CYCLES" line per vector (measured and model), then one PASS or
// FAIL line; FAIL and timeouts end in $fatal(1).

`resetall
`timescale 1ns / 1ps
`default_nettype none

module tb_dnngen_sparse_mvu #(
    // dnngen_sparse_mvu parameters.
    parameter P = 2,
    parameter ROWS = 7,
    parameter LOCAL_ROWS = 4,
    parameter IN_LANES = 1,
    parameter IN_BEATS = 8,
    parameter IN_WIDTH = 8,
    parameter IN_SIGNED = 0,
    parameter WEIGHT_WIDTH = 4,
    parameter WEIGHT_KIND = 0,
    parameter INDEX_BITS = 4,
    parameter ENTRIES = 16,
    parameter PTR_WIDTH = 5,
    parameter EADDR_WIDTH = 4,
    parameter PADDR_WIDTH = 4,
    parameter RADDR_WIDTH = 2,
    parameter ACC_WIDTH = 24,
    parameter BIAS_WIDTH = 16,
    parameter MULT_WIDTH = 31,
    parameter SHIFT_WIDTH = 6,
    parameter ROUNDING = 0,
    parameter OUT_WIDTH = 8,
    parameter OUT_MIN = 0,
    parameter OUT_MAX = 255,
    parameter ACT_FIFO_DEPTH = 8,
    parameter FIFO_DEPTH = 8,
    // Vectors per phase.
    parameter N_VEC = 12,
    // Padding entries in the images (reported only).
    parameter PADDING = 0,
    // Images: PE p's entry ROM is ENTRY_PREFIX<p>.hex, its pointer ROM
    // POINTER_PREFIX<p>.hex (P <= 10); parameter ROM, input elements,
    // expected elements, model cycles (3 words a vector).
    parameter ENTRY_PREFIX = "entries",
    parameter POINTER_PREFIX = "pointers",
    parameter PARAM_FILE = "params.hex",
    parameter INPUT_FILE = "input.hex",
    parameter EXPECTED_FILE = "expected.hex",
    parameter TIMING_FILE = "timing.hex",
    // LFSR seed.
    parameter SEED = 32'h5EED_1234,
    // Cycles without an output transfer before giving up.
    parameter TIMEOUT = 20000
);

    localparam COLS = IN_LANES * IN_BEATS;
    localparam OUT_ELEMS = LOCAL_ROWS * P;
    localparam PW = BIAS_WIDTH + MULT_WIDTH + SHIFT_WIDTH;
    localparam EW = INDEX_BITS + WEIGHT_WIDTH;
    localparam PHASES = 4;

`include "tb_common.vh"

    reg [IN_WIDTH-1:0]  in_mem [0:N_VEC*COLS-1];
    reg [OUT_WIDTH-1:0] exp_mem [0:N_VEC*OUT_ELEMS-1];
    reg [31:0]          timing_mem [0:3*N_VEC-1];

    reg  [IN_LANES*IN_WIDTH-1:0]  s_tdata;
    reg                           s_tvalid = 1'b0;
    wire                          s_tready;
    wire [P*OUT_WIDTH-1:0]        m_tdata;
    wire                          m_tvalid;
    reg                           m_tready = 1'b0;
    wire [P*EADDR_WIDTH-1:0]      entry_addr;
    wire [P*EW-1:0]               entry_data;
    wire [P*PADDR_WIDTH-1:0]      ptr_addr_a;
    wire [P*PADDR_WIDTH-1:0]      ptr_addr_b;
    wire [P*PTR_WIDTH-1:0]        ptr_data_a;
    wire [P*PTR_WIDTH-1:0]        ptr_data_b;
    wire [RADDR_WIDTH-1:0]        param_addr;
    wire [P*PW-1:0]               param_data;

    genvar g;
    generate
        for (g = 0; g < P; g = g + 1) begin : g_rom
            localparam [7:0] DIGIT = 8'd48 + g;

            dnngen_rom #(
                .WIDTH(EW),
                .DEPTH(ENTRIES),
                .ADDR_WIDTH(EADDR_WIDTH),
                .INIT_FILE({ENTRY_PREFIX, DIGIT, ".hex"})
            ) entry_rom_inst (
                .clk(clk),
                .addr(entry_addr[g*EADDR_WIDTH +: EADDR_WIDTH]),
                .data(entry_data[g*EW +: EW])
            );

            dnngen_rom_dual #(
                .WIDTH(PTR_WIDTH),
                .DEPTH(COLS + 1),
                .ADDR_WIDTH(PADDR_WIDTH),
                .INIT_FILE({POINTER_PREFIX, DIGIT, ".hex"})
            ) pointer_rom_inst (
                .clk(clk),
                .addr_a(ptr_addr_a[g*PADDR_WIDTH +: PADDR_WIDTH]),
                .data_a(ptr_data_a[g*PTR_WIDTH +: PTR_WIDTH]),
                .addr_b(ptr_addr_b[g*PADDR_WIDTH +: PADDR_WIDTH]),
                .data_b(ptr_data_b[g*PTR_WIDTH +: PTR_WIDTH])
            );
        end
    endgenerate

    dnngen_rom #(
        .WIDTH(P * PW),
        .DEPTH(LOCAL_ROWS),
        .ADDR_WIDTH(RADDR_WIDTH),
        .INIT_FILE(PARAM_FILE)
    ) param_rom_inst (
        .clk(clk),
        .addr(param_addr),
        .data(param_data)
    );

    dnngen_sparse_mvu #(
        .P(P),
        .ROWS(ROWS),
        .LOCAL_ROWS(LOCAL_ROWS),
        .IN_LANES(IN_LANES),
        .IN_BEATS(IN_BEATS),
        .IN_WIDTH(IN_WIDTH),
        .IN_SIGNED(IN_SIGNED),
        .WEIGHT_WIDTH(WEIGHT_WIDTH),
        .WEIGHT_KIND(WEIGHT_KIND),
        .INDEX_BITS(INDEX_BITS),
        .ENTRIES(ENTRIES),
        .PTR_WIDTH(PTR_WIDTH),
        .EADDR_WIDTH(EADDR_WIDTH),
        .PADDR_WIDTH(PADDR_WIDTH),
        .RADDR_WIDTH(RADDR_WIDTH),
        .ACC_WIDTH(ACC_WIDTH),
        .BIAS_WIDTH(BIAS_WIDTH),
        .MULT_WIDTH(MULT_WIDTH),
        .SHIFT_WIDTH(SHIFT_WIDTH),
        .ROUNDING(ROUNDING),
        .OUT_WIDTH(OUT_WIDTH),
        .OUT_MIN(OUT_MIN),
        .OUT_MAX(OUT_MAX),
        .ACT_FIFO_DEPTH(ACT_FIFO_DEPTH),
        .FIFO_DEPTH(FIFO_DEPTH)
    ) dut_inst (
        .clk(clk),
        .rst(rst),
        .s_axis_tdata(s_tdata),
        .s_axis_tvalid(s_tvalid),
        .s_axis_tready(s_tready),
        .m_axis_tdata(m_tdata),
        .m_axis_tvalid(m_tvalid),
        .m_axis_tready(m_tready),
        .entry_addr(entry_addr),
        .entry_data(entry_data),
        .ptr_addr_a(ptr_addr_a),
        .ptr_addr_b(ptr_addr_b),
        .ptr_data_a(ptr_data_a),
        .ptr_data_b(ptr_data_b),
        .param_addr(param_addr),
        .param_data(param_data)
    );

    reg [31:0] src_lfsr = SEED;
    reg [31:0] snk_lfsr = SEED ^ 32'h5A5A_0F0F;

    integer phase = 0;          // 0 isolated, 1 back to back, 2 (25,25), 3 (50,50)
    integer gap_pct = 0;
    integer stall_pct = 0;
    integer cycle = 0;
    integer src_next = 0;       // next input beat to present (0 .. N_VEC*IN_BEATS-1)
    integer src_cur = 0;        // input beat on s_axis
    integer snk_count = 0;      // output beats received in this phase
    integer timing_bad = 0;
    integer idle = 0;
    integer phase_start = -1;   // cycle of the phase's first accepted input beat
    integer phase1_end = 0;     // back to back: cycle of the last output beat
    integer last_in = 0;        // cycle the current vector's last beat was accepted
    integer lat_first0 = 0;
    integer k;
    integer v;
    integer r;
    integer want_cycles;
    integer got_cycles;

    // The output stream rule: a stalled beat holds its valid and data.
    `TB_HOLD_CHECK(P*OUT_WIDTH, !rst && phase < PHASES, m_tdata)

    reg [OUT_WIDTH-1:0]   got;
    reg [OUT_WIDTH-1:0]   want;

    always @(posedge clk) begin
        cycle <= cycle + 1;
        if (!rst && phase < PHASES) begin
            src_lfsr <= lfsr_next(src_lfsr);
            snk_lfsr <= lfsr_next(snk_lfsr);

            // Source: hold the beat until it is accepted.
            if (s_tvalid && s_tready) begin
                if (phase_start < 0) begin
                    phase_start = cycle;
                end
                if (src_cur % IN_BEATS == IN_BEATS - 1) begin
                    last_in = cycle;
                end
            end
            if (!s_tvalid || s_tready) begin
                // Isolated phase: a vector starts once the previous ones are out.
                if (src_next < N_VEC * IN_BEATS && (src_lfsr % 100) >= gap_pct
                    && (phase != 0 || src_next % IN_BEATS != 0
                        || snk_count == (src_next / IN_BEATS) * LOCAL_ROWS)) begin
                    for (k = 0; k < IN_LANES; k = k + 1) begin
                        s_tdata[k*IN_WIDTH +: IN_WIDTH] <= in_mem[src_next*IN_LANES + k];
                    end
                    s_tvalid <= 1'b1;
                    src_cur = src_next;
                    src_next = src_next + 1;
                end else begin
                    s_tvalid <= 1'b0;
                    s_tdata <= {(IN_LANES*IN_WIDTH){1'bx}};
                end
            end

            // Sink.
            idle = idle + 1;
            if (m_tvalid && m_tready) begin
                idle = 0;
                v = snk_count / LOCAL_ROWS;
                r = snk_count % LOCAL_ROWS;
                for (k = 0; k < P; k = k + 1) begin
                    got = m_tdata[k*OUT_WIDTH +: OUT_WIDTH];
                    want = exp_mem[v*OUT_ELEMS + r*P + k];
                    if (got !== want) begin
                        `TB_MISMATCH(("MISMATCH phase=%0d vec=%0d idx=%0d got=%0d exp=%0d",
                                          phase + 1, v, r*P + k, got, want))
                    end
                end
                // Cycle checks (no stalls in phases 1 and 2, so the transfer
                // cycle is the cycle the beat became valid).
                if (phase == 0 && r == 0) begin
                    got_cycles = cycle - last_in;
                    want_cycles = timing_mem[3*v];
                    if (v == 0) lat_first0 = got_cycles;
                    if (got_cycles != want_cycles) begin
                        $display("MISMATCH vec=%0d isolated: first output %0d cycles after the last input, model %0d",
                                 v, got_cycles, want_cycles);
                        timing_bad = timing_bad + 1;
                    end
                end
                if (phase == 0 && r == LOCAL_ROWS - 1) begin
                    got_cycles = cycle - last_in;
                    want_cycles = timing_mem[3*v+1];
                    $display("CYCLES vec=%0d isolated=%0d model=%0d (last input -> last output)",
                             v, got_cycles, want_cycles);
                    if (got_cycles != want_cycles) begin
                        $display("MISMATCH vec=%0d isolated: last output %0d cycles after the last input, model %0d",
                                 v, got_cycles, want_cycles);
                        timing_bad = timing_bad + 1;
                    end
                end
                if (phase == 1 && r == 0) begin
                    got_cycles = cycle - phase_start;
                    want_cycles = timing_mem[3*v+2];
                    $display("CYCLES vec=%0d back_to_back_first_output=%0d model=%0d",
                             v, got_cycles, want_cycles);
                    if (got_cycles != want_cycles) begin
                        $display("MISMATCH vec=%0d back to back: first output at %0d, model %0d",
                                 v, got_cycles, want_cycles);
                        timing_bad = timing_bad + 1;
                    end
                end
                if (phase == 1) begin
                    phase1_end = cycle - phase_start + 1;
                end
                snk_count = snk_count + 1;
            end

            if (snk_count == N_VEC * LOCAL_ROWS) begin
                // Next phase: all outputs of this one are in.
                phase = phase + 1;
                gap_pct = (phase >= 2) ? 25 * (phase - 1) : 0;
                stall_pct = gap_pct;
                src_next = 0;
                snk_count = 0;
                phase_start = -1;
            end
            m_tready <= (snk_lfsr % 100) >= stall_pct;
        end
    end

    initial begin
        $readmemh(INPUT_FILE, in_mem);
        $readmemh(EXPECTED_FILE, exp_mem);
        $readmemh(TIMING_FILE, timing_mem);
        repeat (4) @(posedge clk);
        rst <= 1'b0;
        while (phase < PHASES && idle <= TIMEOUT) @(posedge clk);
        if (phase < PHASES) begin
            $display("TIMEOUT phase=%0d outputs=%0d", phase + 1, snk_count);
            mismatches = mismatches + 1;
        end
        mismatches = mismatches + timing_bad;
        mismatches = mismatches + hold_violations;
        $sformat(tb_summary, " cycles_per_inference=%0d latency=%0d entries=%0d padding=%0d", phase1_end / N_VEC, lat_first0, ENTRIES, PADDING);
        tb_verdict(PHASES * N_VEC, tb_summary);
    end

endmodule

`resetall
