// tb_dnngen_maxpool: unit bench for dnngen_maxpool, driven by the images and
// the expected pooled maps that gen_vectors.py writes (an independent Python
// reference).
//
// Three phases with (input gap %, output stall %) = (0,0), (25,25), (50,50),
// LFSR driven; every phase sends N_IMG images back to back and checks every
// output element. A phase ends when all its outputs are out and all its
// input beats are in (rows and columns past the last window are still
// consumed). Also checked:
//   - m_axis rule: once tvalid is high, tvalid and tdata hold until taken;
//   - phase 1 (no gaps, no stalls): consecutive images' first outputs are
//     EXPECT_II = IMG_H*IMG_W*BEATS cycles (the input beats) apart, and the
//     whole phase takes at most N_IMG*EXPECT_II + 1 cycles from the first
//     input beat to the last output;
//   - phase 1: the first output is valid LATENCY cycles after the first
//     input beat was accepted.
// Ends with one PASS or FAIL line; FAIL and timeouts end in $fatal(1).

`resetall
`timescale 1ns / 1ps
`default_nettype none

module tb_dnngen_maxpool #(
    // dnngen_maxpool parameters.
    parameter WIDTH = 8,
    parameter SIGNED = 0,
    parameter CHANNELS = 1,
    parameter LANES = 1,
    parameter IMG_H = 6,
    parameter IMG_W = 6,
    parameter KERNEL_H = 2,
    parameter KERNEL_W = 2,
    // Images per phase.
    parameter N_IMG = 3,
    // Expected cycles per image in phase 1.
    parameter EXPECT_II = 36,
    // Expected cycles from the first input beat to the first output.
    parameter LATENCY = 8,
    // Images: input elements (HWC), expected output elements (HWC).
    parameter INPUT_FILE = "input.hex",
    parameter EXPECTED_FILE = "expected.hex",
    // LFSR seed.
    parameter SEED = 32'h0DD5_12E5,
    // Cycles without a transfer before giving up.
    parameter TIMEOUT = 10000
);

    localparam BEATS = CHANNELS / LANES;
    localparam OUT_H = IMG_H / KERNEL_H;
    localparam OUT_W = IMG_W / KERNEL_W;
    localparam IMG_ELEMS = IMG_H * IMG_W * CHANNELS;
    localparam IMG_BEATS = IMG_H * IMG_W * BEATS;
    localparam OUT_BEATS = OUT_H * OUT_W * BEATS;

`include "tb_common.vh"

    reg [WIDTH-1:0] in_mem [0:N_IMG*IMG_ELEMS-1];
    reg [WIDTH-1:0] exp_mem [0:N_IMG*OUT_H*OUT_W*CHANNELS-1];

    reg  [LANES*WIDTH-1:0] s_tdata;
    reg                    s_tvalid = 1'b0;
    wire                   s_tready;
    wire [LANES*WIDTH-1:0] m_tdata;
    wire                   m_tvalid;
    reg                    m_tready = 1'b0;

    dnngen_maxpool #(
        .WIDTH(WIDTH),
        .SIGNED(SIGNED),
        .CHANNELS(CHANNELS),
        .LANES(LANES),
        .IMG_H(IMG_H),
        .IMG_W(IMG_W),
        .KERNEL_H(KERNEL_H),
        .KERNEL_W(KERNEL_W)
    ) dut_inst (
        .clk(clk),
        .rst(rst),
        .s_axis_tdata(s_tdata),
        .s_axis_tvalid(s_tvalid),
        .s_axis_tready(s_tready),
        .m_axis_tdata(m_tdata),
        .m_axis_tvalid(m_tvalid),
        .m_axis_tready(m_tready)
    );

    reg [31:0] src_lfsr = SEED;
    reg [31:0] snk_lfsr = SEED ^ 32'h5A5A_0F0F;

    integer phase = 0;
    integer pct = 0;
    integer cycle = 0;
    integer src_next = 0;       // next input beat to present
    integer snk_count = 0;      // output beats received in this phase
    integer idle = 0;
    integer first_in0 = -1;     // phase 1: cycle the first input beat was accepted
    integer first_valid0 = -1;  // phase 1: first cycle m_tvalid was high
    integer prev_first = -1;    // phase 1: cycle of the previous image's first output
    integer last_out = -1;      // phase 1: cycle of the last output
    integer last_in = -1;       // phase 1: cycle of the last input beat
    integer intervals_bad = 0;
    integer img;
    integer beat;
    integer k;
    reg     in_done;

    // The output stream rule: a stalled beat holds its valid and data.
    `TB_HOLD_CHECK(LANES*WIDTH, !rst && phase < 3, m_tdata)

    reg [WIDTH-1:0]       got;
    reg [WIDTH-1:0]       want;

    always @(posedge clk) begin
        cycle <= cycle + 1;
        if (!rst && phase < 3) begin
            src_lfsr <= lfsr_next(src_lfsr);
            snk_lfsr <= lfsr_next(snk_lfsr);
            idle = idle + 1;

            // Source: hold the beat until it is accepted.
            if (s_tvalid && s_tready) begin
                idle = 0;
                if (phase == 0 && first_in0 < 0) begin
                    first_in0 = cycle;
                end
                if (phase == 0) begin
                    last_in = cycle;
                end
            end
            in_done = (src_next == N_IMG * IMG_BEATS) && (!s_tvalid || s_tready);
            if (!s_tvalid || s_tready) begin
                if (src_next < N_IMG * IMG_BEATS && (src_lfsr % 100) >= pct) begin
                    for (k = 0; k < LANES; k = k + 1) begin
                        s_tdata[k*WIDTH +: WIDTH] <= in_mem[src_next*LANES + k];
                    end
                    s_tvalid <= 1'b1;
                    src_next = src_next + 1;
                end else begin
                    s_tvalid <= 1'b0;
                    s_tdata <= {(LANES*WIDTH){1'bx}};
                end
            end

            if (phase == 0 && first_valid0 < 0 && m_tvalid === 1'b1) begin
                first_valid0 = cycle;
            end

            // Sink.
            if (m_tvalid && m_tready) begin
                idle = 0;
                img = snk_count / OUT_BEATS;
                beat = snk_count % OUT_BEATS;
                for (k = 0; k < LANES; k = k + 1) begin
                    got = m_tdata[k*WIDTH +: WIDTH];
                    want = exp_mem[snk_count*LANES + k];
                    if (got !== want) begin
                        `TB_MISMATCH(("MISMATCH phase=%0d vec=%0d idx=%0d got=%0d exp=%0d",
                                          phase + 1, img, beat*LANES + k, got, want))
                    end
                end
                if (phase == 0 && beat == 0) begin
                    if (prev_first >= 0 && cycle - prev_first != EXPECT_II) begin
                        $display("MISMATCH img=%0d started %0d cycles after the previous one, expected %0d",
                                 img, cycle - prev_first, EXPECT_II);
                        intervals_bad = intervals_bad + 1;
                    end
                    prev_first = cycle;
                end
                if (phase == 0) begin
                    last_out = cycle;
                end
                snk_count = snk_count + 1;
            end

            if (snk_count == N_IMG * OUT_BEATS && in_done) begin
                // Next phase: all outputs of this one are out, all inputs in.
                phase = phase + 1;
                pct = 25 * phase;
                src_next = 0;
                snk_count = 0;
                m_tready <= 1'b0;
            end else begin
                m_tready <= (snk_lfsr % 100) >= pct;
            end
        end
    end

    integer total;

    initial begin
        $readmemh(INPUT_FILE, in_mem);
        $readmemh(EXPECTED_FILE, exp_mem);
        repeat (4) @(posedge clk);
        rst <= 1'b0;
        while (phase < 3 && idle <= TIMEOUT) @(posedge clk);
        if (phase < 3) begin
            $display("TIMEOUT phase=%0d outputs=%0d input_beats=%0d", phase + 1, snk_count, src_next);
            mismatches = mismatches + 1;
        end
        if (first_valid0 - first_in0 != LATENCY) begin
            $display("MISMATCH latency %0d cycles from the first input beat to the first output, expected %0d",
                     first_valid0 - first_in0, LATENCY);
            mismatches = mismatches + 1;
        end
        if (EXPECT_II != IMG_BEATS) begin
            $display("MISMATCH EXPECT_II %0d != input beats %0d", EXPECT_II, IMG_BEATS);
            mismatches = mismatches + 1;
        end
        // Phase 1 end to end: the input never waits, the last output follows
        // the last input beat by at most one clock.
        total = ((last_out > last_in) ? last_out : last_in) - first_in0 + 1;
        if (total > N_IMG * EXPECT_II + 1) begin
            $display("MISMATCH phase 1 took %0d cycles for %0d images of %0d input beats",
                     total, N_IMG, IMG_BEATS);
            mismatches = mismatches + 1;
        end
        mismatches = mismatches + intervals_bad;
        $display("CYCLES per_image=%0d input_beats=%0d outputs=%0d phase1_total=%0d",
                 EXPECT_II, IMG_BEATS, OUT_BEATS, total);
        mismatches = mismatches + hold_violations;
        $sformat(tb_summary, " cycles_per_inference=%0d latency=%0d", EXPECT_II, first_valid0 - first_in0);
        tb_verdict(3 * N_IMG, tb_summary);
    end

endmodule

`resetall
