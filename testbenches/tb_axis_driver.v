// tb_axis_driver: the stimulus and response side the streaming unit benches
// share (instantiated through tb_stream.vh).
//
// Runs PHASES phases. Phase p (from 0) presents IN_BEATS beats of IN_LANES
// elements from in_mem on s_axis, with LFSR-driven idle cycles at
// GAP_PCT + STEP_PCT*p percent, and takes OUT_BEATS beats of OUT_LANES
// elements on m_axis, with tready stalls at STALL_PCT + STEP_PCT*p percent,
// comparing every element with exp_mem, in order. A phase ends in the clock
// both its last output beat and its last input beat are taken; the next phase
// sends the same beats again. A stalled input beat holds its tvalid and
// tdata; m_axis is checked for the same rule (tb_axis_hold_check).
//
// in_mem and exp_mem hold one element a word: loaded with $readmemh from
// INPUT_FILE / EXPECTED_FILE, or, where the name is "", written by the
// bench (driver_inst.in_mem[i] = ...) before it releases rst.
//
// For the bench's own checks: phase; in_beat, the index of the beat on
// s_axis; out_count, the output beats taken in this phase before this clock;
// and, in phase 0, the cycles of the first input beat taken (first_in), of
// the last beat of the first input vector (vec0_last_in, vectors of
// IN_VEC_BEATS beats), of the last input beat (last_in), of the first clock
// m_tvalid was high (first_valid) and of the last output beat (last_out).
// With EXPECT_II > 0, phase 0 also checks that the first beats of
// consecutive output vectors (OUT_VEC_BEATS beats) are EXPECT_II clocks
// apart.
//
// `over` rises when every phase has ended or when nothing moved for TIMEOUT
// clocks (one TIMEOUT line); `errors` counts the element mismatches (at most
// 10 printed as "MISMATCH phase= vec= idx= got= exp="), the interval
// mismatches, the hold violations and the timeout.

`resetall
`timescale 1ns / 1ps
`default_nettype none

module tb_axis_driver #(
    // Input elements: width, elements a beat, beats a vector.
    parameter IN_WIDTH = 8,
    parameter IN_LANES = 1,
    parameter IN_VEC_BEATS = 1,
    // Output elements: width, elements a beat, beats a vector.
    parameter OUT_WIDTH = 8,
    parameter OUT_LANES = 1,
    parameter OUT_VEC_BEATS = 1,
    // Vectors a phase, and so the beats a phase in and out (a bench whose
    // streams are not whole vectors sets the beats).
    parameter VECTORS = 1,
    parameter IN_BEATS = VECTORS * IN_VEC_BEATS,
    parameter OUT_BEATS = VECTORS * OUT_VEC_BEATS,
    // Element images, "" for none.
    parameter INPUT_FILE = "",
    parameter EXPECTED_FILE = "",
    // Phases, and the percentages of idle input and stalled output clocks.
    parameter PHASES = 3,
    parameter GAP_PCT = 0,
    parameter STALL_PCT = 0,
    parameter STEP_PCT = 25,
    // Phase 0: clocks between the first beats of consecutive output vectors (0: not checked).
    parameter EXPECT_II = 0,
    // LFSR seed; clocks without a transfer before giving up.
    parameter [31:0] SEED = 32'h5EED_0001,
    parameter TIMEOUT = 10000
) (
    input  wire                           clk,
    input  wire                           rst,
    output reg  [IN_LANES*IN_WIDTH-1:0]   s_tdata,
    output reg                            s_tvalid,
    input  wire                           s_tready,
    input  wire [OUT_LANES*OUT_WIDTH-1:0] m_tdata,
    input  wire                           m_tvalid,
    output reg                            m_tready,
    output reg  [31:0]                    phase,
    output reg  [31:0]                    in_beat,
    output reg  [31:0]                    out_count,
    output reg  signed [31:0]             first_in,
    output reg  signed [31:0]             vec0_last_in,
    output reg  signed [31:0]             last_in,
    output reg  signed [31:0]             first_valid,
    output reg  signed [31:0]             last_out,
    output wire                           over,
    output wire [31:0]                    errors
);

`include "tb_lfsr.vh"

    // A cycle not yet seen.
    localparam signed [31:0] NEVER = -1;

    reg [IN_WIDTH-1:0]  in_mem [0:IN_BEATS*IN_LANES-1];
    reg [OUT_WIDTH-1:0] exp_mem [0:OUT_BEATS*OUT_LANES-1];

    reg signed [31:0] cycle = 0;
    reg [31:0] idle = 0;
    reg [31:0] in_next = 0;
    reg [31:0] src_lfsr = SEED;
    reg [31:0] snk_lfsr = SEED ^ 32'h5A5A_0F0F;
    reg signed [31:0] prev_first = NEVER;
    reg [31:0] mismatches = 0;
    reg [31:0] late_vectors = 0;
    reg        timed_out = 1'b0;
    wire [31:0] hold_violations;

    initial begin
        s_tdata = {(IN_LANES*IN_WIDTH){1'bx}};
        s_tvalid = 1'b0;
        m_tready = 1'b0;
        phase = 0;
        in_beat = 0;
        out_count = 0;
        first_in = NEVER;
        vec0_last_in = NEVER;
        last_in = NEVER;
        first_valid = NEVER;
        last_out = NEVER;
        if (VECTORS < 1 || IN_BEATS < 1 || OUT_BEATS < 1) begin
            $fatal(1, "VECTORS %0d, IN_BEATS %0d, OUT_BEATS %0d: each must be at least 1 (%m)",
                   VECTORS, IN_BEATS, OUT_BEATS);
        end
        if (INPUT_FILE != "") $readmemh(INPUT_FILE, in_mem);
        if (EXPECTED_FILE != "") $readmemh(EXPECTED_FILE, exp_mem);
    end

    wire        running = !rst && phase < PHASES;
    wire        in_take = s_tvalid && s_tready;
    wire        out_take = m_tvalid && m_tready;
    wire        in_done = in_next == IN_BEATS && (!s_tvalid || s_tready);
    wire        out_done = out_count + {31'd0, out_take} == OUT_BEATS;
    wire        phase_end = running && in_done && out_done;
    wire [31:0] gap_pct = GAP_PCT + STEP_PCT * phase;
    wire [31:0] stall_pct = STALL_PCT + STEP_PCT * phase;
    wire [31:0] out_vec = out_count / OUT_VEC_BEATS;
    wire [31:0] out_beat = out_count % OUT_VEC_BEATS;

    assign over = phase == PHASES || timed_out;
    assign errors = mismatches + late_vectors + hold_violations + {31'd0, timed_out};

    tb_axis_hold_check #(
        .WIDTH(OUT_LANES * OUT_WIDTH)
    ) hold_check_inst (
        .clk(clk),
        .active(running),
        .tdata(m_tdata),
        .tvalid(m_tvalid),
        .tready(m_tready),
        .violations(hold_violations)
    );

    // Source: a new beat (or an idle clock) only once the last one is taken.
    always @(posedge clk) begin
        if (running && (!s_tvalid || s_tready)) begin
            if (in_next < IN_BEATS && (src_lfsr % 100) >= gap_pct) begin
                s_tdata <= in_beat_data(in_next);
                s_tvalid <= 1'b1;
                in_beat <= in_next;
                in_next <= in_next + 1;
            end else begin
                s_tdata <= {(IN_LANES*IN_WIDTH){1'bx}};
                s_tvalid <= 1'b0;
            end
        end
        if (phase_end) begin
            in_next <= 0;
        end
    end

    function [IN_LANES*IN_WIDTH-1:0] in_beat_data;
        input [31:0] beat;
        integer k;
        begin
            for (k = 0; k < IN_LANES; k = k + 1) begin
                in_beat_data[k*IN_WIDTH +: IN_WIDTH] = in_mem[beat*IN_LANES + k];
            end
        end
    endfunction

    // Sink: compare every element of a taken beat; stall by the LFSR. The
    // compare counts as it goes (blocking), so that at most 10 lines print.
    /* verilator lint_off BLKSEQ */
    integer k;
    reg [OUT_WIDTH-1:0] got;
    reg [OUT_WIDTH-1:0] want;

    always @(posedge clk) begin
        if (running) begin
            m_tready <= !phase_end && (snk_lfsr % 100) >= stall_pct;
            if (out_take) begin
                for (k = 0; k < OUT_LANES; k = k + 1) begin
                    got = m_tdata[k*OUT_WIDTH +: OUT_WIDTH];
                    want = exp_mem[out_count*OUT_LANES + k];
                    if (got !== want) begin
                        if (mismatches < 10) begin
                            $display("MISMATCH phase=%0d vec=%0d idx=%0d got=%0d exp=%0d",
                                     phase + 1, out_vec, out_beat*OUT_LANES + k, got, want);
                        end
                        mismatches = mismatches + 1;
                    end
                end
            end
            out_count <= phase_end ? 0 : out_count + {31'd0, out_take};
        end
    end
    /* verilator lint_on BLKSEQ */

    // Phases, the LFSRs, the watchdog and the phase-0 clocks.
    always @(posedge clk) begin
        cycle <= cycle + 1;
        if (running) begin
            src_lfsr <= lfsr_next(src_lfsr);
            snk_lfsr <= lfsr_next(snk_lfsr);
            idle <= (in_take || out_take) ? 0 : idle + 1;
            if (idle > TIMEOUT && !timed_out) begin
                $display("TIMEOUT phase=%0d outputs=%0d input_beats=%0d", phase + 1, out_count, in_next);
                timed_out <= 1'b1;
            end
            if (phase_end) begin
                phase <= phase + 1;
            end
            if (phase == 0) begin
                if (in_take) begin
                    if (first_in == NEVER) first_in <= cycle;
                    if (in_beat == IN_VEC_BEATS - 1) vec0_last_in <= cycle;
                    last_in <= cycle;
                end
                if (m_tvalid === 1'b1 && first_valid == NEVER) begin
                    first_valid <= cycle;
                end
                if (out_take) begin
                    last_out <= cycle;
                    if (out_beat == 0) begin
                        if (EXPECT_II != 0 && prev_first != NEVER && cycle - prev_first != EXPECT_II) begin
                            $display("MISMATCH vec=%0d started %0d cycles after the previous one, expected %0d",
                                     out_vec, cycle - prev_first, EXPECT_II);
                            late_vectors <= late_vectors + 1;
                        end
                        prev_first <= cycle;
                    end
                end
            end
        end
    end

endmodule

`resetall
