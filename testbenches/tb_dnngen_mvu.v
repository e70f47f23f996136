// tb_dnngen_mvu: unit bench for dnngen_mvu with its weight and parameter
// ROMs (dnngen_rom), driven by the images and expected outputs that
// gen_vectors.py writes (an independent Python reference).
//
// Three phases with (input gap %, output stall %) = (0,0), (25,25), (50,50),
// LFSR driven; every phase sends all N_VEC vectors and checks every output
// beat. Also checked:
//   - m_axis rule: once tvalid is high, tvalid and tdata hold until taken;
//   - phase 1 (no gaps): back-to-back vectors are EXPECT_II cycles apart
//     (= max(NF*SF, IN_BEATS)), and the first output beat is valid SF+7
//     cycles after the vector's last input beat was accepted (unit idle).
// Ends with one PASS or FAIL line; FAIL and timeouts end in $fatal(1).

`resetall
`timescale 1ns / 1ps
`default_nettype none

module tb_dnngen_mvu #(
    // dnngen_mvu parameters.
    parameter PE = 2,
    parameter SIMD = 4,
    parameter NF = 3,
    parameter SF = 2,
    parameter IN_LANES = 1,
    parameter IN_BEATS = 8,
    parameter IN_WIDTH = 8,
    parameter IN_SIGNED = 0,
    parameter WEIGHT_WIDTH = 8,
    parameter WEIGHT_KIND = 0,
    parameter ACC_WIDTH = 24,
    parameter BIAS_WIDTH = 16,
    parameter MULT_WIDTH = 31,
    parameter SHIFT_WIDTH = 6,
    parameter ROUNDING = 0,
    parameter OUT_WIDTH = 8,
    parameter OUT_MIN = -128,
    parameter OUT_MAX = 127,
    parameter FIFO_DEPTH = 8,
    parameter WADDR_WIDTH = 3,
    parameter PADDR_WIDTH = 2,
    // Vectors per phase.
    parameter N_VEC = 12,
    // Expected cycles between back-to-back vectors in phase 1 (0: no check).
    parameter EXPECT_II = 6,
    // Images: weight ROM, parameter ROM, input elements, expected elements.
    parameter WEIGHT_FILE = "weights.hex",
    parameter PARAM_FILE = "params.hex",
    parameter INPUT_FILE = "input.hex",
    parameter EXPECTED_FILE = "expected.hex",
    // LFSR seed.
    parameter SEED = 32'hACE1_2468,
    // Cycles without an output transfer before giving up.
    parameter TIMEOUT = 10000
);

    localparam IN_ELEMS = IN_LANES * IN_BEATS;
    localparam ROWS = NF * PE;
    localparam PW = BIAS_WIDTH + MULT_WIDTH + SHIFT_WIDTH;
    localparam LATENCY = SF + 7;

`include "tb_common.vh"

    reg [IN_WIDTH-1:0]  in_mem [0:N_VEC*IN_ELEMS-1];
    reg [OUT_WIDTH-1:0] exp_mem [0:N_VEC*ROWS-1];

    reg  [IN_LANES*IN_WIDTH-1:0]        s_tdata;
    reg                                 s_tvalid = 1'b0;
    wire                                s_tready;
    wire [PE*OUT_WIDTH-1:0]             m_tdata;
    wire                                m_tvalid;
    reg                                 m_tready = 1'b0;
    wire [WADDR_WIDTH-1:0]              weight_addr;
    wire [PE*SIMD*WEIGHT_WIDTH-1:0]     weight_data;
    wire [PADDR_WIDTH-1:0]              param_addr;
    wire [PE*PW-1:0]                    param_data;

    dnngen_rom #(
        .WIDTH(PE * SIMD * WEIGHT_WIDTH),
        .DEPTH(NF * SF),
        .ADDR_WIDTH(WADDR_WIDTH),
        .INIT_FILE(WEIGHT_FILE)
    ) weight_rom_inst (
        .clk(clk),
        .addr(weight_addr),
        .data(weight_data)
    );

    dnngen_rom #(
        .WIDTH(PE * PW),
        .DEPTH(NF),
        .ADDR_WIDTH(PADDR_WIDTH),
        .INIT_FILE(PARAM_FILE)
    ) param_rom_inst (
        .clk(clk),
        .addr(param_addr),
        .data(param_data)
    );

    dnngen_mvu #(
        .PE(PE),
        .SIMD(SIMD),
        .NF(NF),
        .SF(SF),
        .IN_LANES(IN_LANES),
        .IN_BEATS(IN_BEATS),
        .IN_WIDTH(IN_WIDTH),
        .IN_SIGNED(IN_SIGNED),
        .WEIGHT_WIDTH(WEIGHT_WIDTH),
        .WEIGHT_KIND(WEIGHT_KIND),
        .ACC_WIDTH(ACC_WIDTH),
        .BIAS_WIDTH(BIAS_WIDTH),
        .MULT_WIDTH(MULT_WIDTH),
        .SHIFT_WIDTH(SHIFT_WIDTH),
        .ROUNDING(ROUNDING),
        .OUT_WIDTH(OUT_WIDTH),
        .OUT_MIN(OUT_MIN),
        .OUT_MAX(OUT_MAX),
        .FIFO_DEPTH(FIFO_DEPTH),
        .WADDR_WIDTH(WADDR_WIDTH),
        .PADDR_WIDTH(PADDR_WIDTH)
    ) dut_inst (
        .clk(clk),
        .rst(rst),
        .s_axis_tdata(s_tdata),
        .s_axis_tvalid(s_tvalid),
        .s_axis_tready(s_tready),
        .m_axis_tdata(m_tdata),
        .m_axis_tvalid(m_tvalid),
        .m_axis_tready(m_tready),
        .weight_addr(weight_addr),
        .weight_data(weight_data),
        .param_addr(param_addr),
        .param_data(param_data)
    );

    reg [31:0] src_lfsr = SEED;
    reg [31:0] snk_lfsr = SEED ^ 32'h5A5A_0F0F;

    integer phase = 0;
    integer gap_pct = 0;
    integer stall_pct = 0;
    integer cycle = 0;
    integer src_next = 0;       // next input beat to present (0 .. N_VEC*IN_BEATS-1)
    integer src_cur = 0;        // input beat on s_axis
    integer snk_count = 0;      // output beats received in this phase
    integer idle = 0;
    integer last_in0 = -1;      // phase 1: cycle vector 0's last beat was accepted
    integer first_valid0 = -1;  // phase 1: first cycle m_tvalid was high
    integer prev_first = -1;    // phase 1: cycle of the previous vector's first beat
    integer intervals_bad = 0;
    integer k;
    integer v;
    integer r;

    // The output stream rule: a stalled beat holds its valid and data.
    `TB_HOLD_CHECK(PE*OUT_WIDTH, !rst && phase < 3, m_tdata)

    reg [OUT_WIDTH-1:0]    got;
    reg [OUT_WIDTH-1:0]    want;

    always @(posedge clk) begin
        cycle <= cycle + 1;
        if (!rst && phase < 3) begin
            src_lfsr <= lfsr_next(src_lfsr);
            snk_lfsr <= lfsr_next(snk_lfsr);

            // Source: hold the beat until it is accepted.
            if (s_tvalid && s_tready) begin
                if (phase == 0 && src_cur == IN_BEATS - 1) begin
                    last_in0 = cycle;
                end
            end
            if (!s_tvalid || s_tready) begin
                if (src_next < N_VEC * IN_BEATS && (src_lfsr % 100) >= gap_pct) begin
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

            if (phase == 0 && first_valid0 < 0 && m_tvalid === 1'b1) begin
                first_valid0 = cycle;
            end

            // Sink.
            idle = idle + 1;
            if (m_tvalid && m_tready) begin
                idle = 0;
                v = snk_count / NF;
                r = snk_count % NF;
                for (k = 0; k < PE; k = k + 1) begin
                    got = m_tdata[k*OUT_WIDTH +: OUT_WIDTH];
                    want = exp_mem[v*ROWS + r*PE + k];
                    if (got !== want) begin
                        `TB_MISMATCH(("MISMATCH phase=%0d vec=%0d idx=%0d got=%0d exp=%0d",
                                          phase + 1, v, r*PE + k, got, want))
                    end
                end
                if (phase == 0 && r == 0) begin
                    if (prev_first >= 0 && EXPECT_II != 0 && cycle - prev_first != EXPECT_II) begin
                        $display("MISMATCH vec=%0d started %0d cycles after the previous one, expected %0d",
                                 v, cycle - prev_first, EXPECT_II);
                        intervals_bad = intervals_bad + 1;
                    end
                    prev_first = cycle;
                end
                snk_count = snk_count + 1;
            end

            if (snk_count == N_VEC * NF) begin
                // Next phase: all outputs of this one are in.
                phase = phase + 1;
                gap_pct = 25 * phase;
                stall_pct = 25 * phase;
                src_next = 0;
                snk_count = 0;
                m_tready <= 1'b0;
            end else begin
                m_tready <= (snk_lfsr % 100) >= stall_pct;
            end
        end
    end

    initial begin
        $readmemh(INPUT_FILE, in_mem);
        $readmemh(EXPECTED_FILE, exp_mem);
        repeat (4) @(posedge clk);
        rst <= 1'b0;
        while (phase < 3 && idle <= TIMEOUT) @(posedge clk);
        if (phase < 3) begin
            $display("TIMEOUT phase=%0d outputs=%0d", phase + 1, snk_count);
            mismatches = mismatches + 1;
        end
        if (first_valid0 - last_in0 != LATENCY) begin
            $display("MISMATCH latency %0d cycles from the last input beat to the first output, expected %0d",
                     first_valid0 - last_in0, LATENCY);
            mismatches = mismatches + 1;
        end
        mismatches = mismatches + intervals_bad;
        mismatches = mismatches + hold_violations;
        $sformat(tb_summary, " cycles_per_inference=%0d latency=%0d", EXPECT_II, first_valid0 - last_in0);
        tb_verdict(3 * N_VEC, tb_summary);
    end

endmodule

`resetall
