// dnngen_tb: generic self-checking driver and checker for a generated
// design. A generated tb.v instantiates it next to the DUT and wires the
// ports; this module makes the clock and reset, feeds the inputs and checks
// the outputs.
//
// Contract
//   Clock period 10 ns (clk starts low); rst high for 5 cycles.
//   Input stream (dut_s_*): N_VEC vectors of IN_LEN elements from
//   INPUT_FILE, IN_LANES elements a beat (element k of a beat at
//   [k*IN_WIDTH +: IN_WIDTH]; a vector's last beat is padded with zero
//   lanes when IN_LANES does not divide IN_LEN), dut_s_tlast on each
//   vector's last beat; a beat holds tvalid, tdata and tlast until it is
//   accepted.
//   Output stream (dut_m_*): N_VEC vectors of OUT_LEN elements, OUT_LANES a
//   beat, compared with EXPECTED_FILE; tlast must be 1 exactly on each
//   vector's last beat.
//   Three phases with (input gap %, output stall %) = (0,0), (25,25),
//   (50,50), LFSR driven from SEED; each phase sends all N_VEC vectors and
//   receives all their outputs before the next one starts. A design may send
//   a vector's last output before it takes that vector's last inputs (inputs
//   no output depends on, e.g. a conv's unused bottom rows queued behind a
//   slow layer): the phase ends only when both streams are done, and the
//   sink holds tready low in between.
//   Phase 1 writes its outputs to ACTUAL_FILE (one decimal a line, signed
//   if OUT_SIGNED) and measures
//     latency              = cycles from the first input transfer of vector 0
//                            to the last output transfer of vector 0
//     cycles_per_inference = (cycle of vector N_VEC-1's last output - cycle of
//                            vector 0's last output) / (N_VEC-1), integer
//                            division (= latency when N_VEC == 1).
//   Output: at most 10 lines "MISMATCH vec=V idx=I got=G exp=E" (a tlast
//   error adds " tlast=T exp_tlast=X"), then exactly one line
//   "PASS mismatches=0 vectors=N cycles_per_inference=C latency=L" and
//   $finish, or "FAIL mismatches=M vectors=N cycles_per_inference=C
//   latency=L" and $fatal(1) (so vvp exits 1). TIMEOUT cycles without an
//   output transfer print a "TIMEOUT" line first, then FAIL.
//
// Parameters
//   IN_WIDTH, IN_SIGNED      input element width and signedness
//   OUT_WIDTH, OUT_SIGNED    output element width and signedness
//   IN_LEN, OUT_LEN          elements per input / output vector, >= 1
//   IN_LANES, OUT_LANES      elements per beat, >= 1; OUT_LANES divides OUT_LEN
//   N_VEC                    vectors, >= 1
//   INPUT_FILE               hex, N_VEC*IN_LEN words of IN_WIDTH bits
//   EXPECTED_FILE            hex, N_VEC*OUT_LEN words of OUT_WIDTH bits
//   ACTUAL_FILE              written: phase 1 outputs, decimal
//   SEED                     LFSR seed (non-zero)
//   TIMEOUT                  cycles without an output transfer before failing

`resetall
`timescale 1ns / 1ps
`default_nettype none

module dnngen_tb #(
    // Input element width in bits.
    parameter IN_WIDTH = 8,
    // 1 if input elements are two's complement (informational: the words of
    // INPUT_FILE are driven as they are).
    parameter IN_SIGNED = 0,
    // Output element width in bits.
    parameter OUT_WIDTH = 8,
    // 1 if output elements are two's complement (printing and ACTUAL_FILE).
    parameter OUT_SIGNED = 1,
    // Elements per input vector.
    parameter IN_LEN = 4,
    // Elements per output vector.
    parameter OUT_LEN = 4,
    // Input elements per beat (divides IN_LEN).
    parameter IN_LANES = 1,
    // Output elements per beat (divides OUT_LEN).
    parameter OUT_LANES = 1,
    // Number of vectors.
    parameter N_VEC = 4,
    // Input elements, hex, one a line.
    parameter INPUT_FILE = "input.hex",
    // Expected output elements, hex, one a line.
    parameter EXPECTED_FILE = "expected.hex",
    // Actual phase-1 output elements, decimal, one a line (written).
    parameter ACTUAL_FILE = "actual.txt",
    // LFSR seed.
    parameter SEED = 32'h1D2C_3B4A,
    // Cycles without an output transfer before the run fails.
    parameter TIMEOUT = 100000
) (
    output reg                 clk,
    output reg                 rst,

    output reg [IN_LANES*IN_WIDTH-1:0] dut_s_tdata,
    output reg                 dut_s_tvalid,
    output reg                 dut_s_tlast,
    input  wire                dut_s_tready,

    input  wire [OUT_LANES*OUT_WIDTH-1:0] dut_m_tdata,
    input  wire                dut_m_tvalid,
    input  wire                dut_m_tlast,
    output reg                 dut_m_tready
);

    localparam N_IN = N_VEC * IN_LEN;
    localparam N_OUT = N_VEC * OUT_LEN;

    reg [IN_WIDTH-1:0]  in_mem [0:N_IN-1];
    reg [OUT_WIDTH-1:0] exp_mem [0:N_OUT-1];

    function [31:0] lfsr_next;
        input [31:0] s;
        lfsr_next = {1'b0, s[31:1]} ^ (s[0] ? 32'h8020_0003 : 32'h0);
    endfunction

    // An element as a decimal-printable integer (sign-extended if signed).
    function integer out_value;
        input [OUT_WIDTH-1:0] x;
        integer i;
        begin
            out_value = 0;
            for (i = 0; i < OUT_WIDTH && i < 32; i = i + 1) begin
                out_value[i] = x[i];
            end
            if (OUT_SIGNED != 0 && OUT_WIDTH < 32 && x[OUT_WIDTH-1]) begin
                for (i = OUT_WIDTH; i < 32; i = i + 1) begin
                    out_value[i] = 1'b1;
                end
            end
        end
    endfunction

    reg [31:0] src_lfsr;
    reg [31:0] snk_lfsr;

    integer phase;            // 0, 1, 2 running; 3 done
    integer pct;              // gap and stall percentage of this phase
    integer cycle;
    integer src_next;         // next input element to present
    integer snk_count;        // output elements received in this phase
    integer mismatches;
    integer idle;             // cycles since the last output transfer
    integer first_in0;        // phase 1: cycle of vector 0's first input transfer
    integer last_out0;        // phase 1: cycle of vector 0's last output transfer
    integer last_out_n;       // phase 1: cycle of vector N_VEC-1's last output transfer
    integer latency;
    integer cpi;
    integer actual_fd;
    reg     actual_open;
    integer v;
    integer i;
    integer lane;
    integer src_lanes;        // elements of the vector in the beat being made
    reg [OUT_WIDTH-1:0] got;
    integer timeout_phase;
    reg     timed_out;
    reg     src_done;         // every input beat of this phase is accepted

    initial begin
        clk = 1'b0;
        forever #5 clk = ~clk;
    end

    initial begin
        rst = 1'b1;
        dut_s_tdata = {(IN_LANES*IN_WIDTH){1'b0}};
        dut_s_tvalid = 1'b0;
        dut_s_tlast = 1'b0;
        dut_m_tready = 1'b0;
        src_lfsr = SEED;
        snk_lfsr = SEED ^ 32'h5A5A_0F0F;
        phase = 0;
        pct = 0;
        cycle = 0;
        src_next = 0;
        snk_count = 0;
        mismatches = 0;
        idle = 0;
        first_in0 = -1;
        last_out0 = -1;
        last_out_n = -1;
        timed_out = 1'b0;
        src_done = 1'b0;
        timeout_phase = 0;
        if (IN_LEN < 1 || OUT_LEN < 1 || N_VEC < 1) begin
            $fatal(1, "dnngen_tb: IN_LEN %0d, OUT_LEN %0d and N_VEC %0d must be >= 1", IN_LEN, OUT_LEN, N_VEC);
        end
        if (IN_LANES < 1 || OUT_LANES < 1 || OUT_LEN % OUT_LANES != 0) begin
            $fatal(1, "dnngen_tb: IN_LANES %0d must be >= 1 and OUT_LANES %0d divide OUT_LEN %0d", IN_LANES, OUT_LANES, OUT_LEN);
        end
        $readmemh(INPUT_FILE, in_mem);
        $readmemh(EXPECTED_FILE, exp_mem);
        actual_fd = $fopen(ACTUAL_FILE, "w");
        if (actual_fd == 0) begin
            $fatal(1, "dnngen_tb: cannot write %0s", ACTUAL_FILE);
        end
        actual_open = 1'b1;
        repeat (5) @(posedge clk);
        rst <= 1'b0;
    end

    always @(posedge clk) begin
        cycle <= cycle + 1;
        if (!rst && phase < 3) begin
            src_lfsr <= lfsr_next(src_lfsr);
            snk_lfsr <= lfsr_next(snk_lfsr);
            idle = idle + 1;

            // The phase's last beat is presented and accepted now or before.
            src_done = src_next == N_IN && (!dut_s_tvalid || dut_s_tready);

            // Source: a beat holds until it is accepted.
            if (dut_s_tvalid && dut_s_tready && phase == 0 && first_in0 < 0) begin
                first_in0 = cycle;
            end
            if (!dut_s_tvalid || dut_s_tready) begin
                if (src_next < N_IN && (src_lfsr % 100) >= pct) begin
                    // The next IN_LANES elements of this vector, zeros past its end.
                    src_lanes = IN_LEN - (src_next % IN_LEN);
                    if (src_lanes > IN_LANES) begin
                        src_lanes = IN_LANES;
                    end
                    for (lane = 0; lane < IN_LANES; lane = lane + 1) begin
                        dut_s_tdata[lane*IN_WIDTH +: IN_WIDTH] <= lane < src_lanes ? in_mem[src_next + lane] : {IN_WIDTH{1'b0}};
                    end
                    dut_s_tlast <= (src_next % IN_LEN) + src_lanes == IN_LEN;
                    dut_s_tvalid <= 1'b1;
                    src_next = src_next + src_lanes;
                end else begin
                    dut_s_tvalid <= 1'b0;
                    dut_s_tlast <= 1'b0;
                    dut_s_tdata <= {(IN_LANES*IN_WIDTH){1'bx}};
                end
            end

            // Sink: OUT_LANES elements a beat, tlast on each vector's last beat.
            if (dut_m_tvalid && dut_m_tready) begin
                idle = 0;
                for (lane = 0; lane < OUT_LANES; lane = lane + 1) begin
                    v = snk_count / OUT_LEN;
                    i = snk_count % OUT_LEN;
                    got = dut_m_tdata[lane*OUT_WIDTH +: OUT_WIDTH];
                    if (got !== exp_mem[snk_count] || (lane == OUT_LANES - 1 && dut_m_tlast !== (i == OUT_LEN - 1))) begin
                        if (mismatches < 10) begin
                            if (lane == OUT_LANES - 1 && dut_m_tlast !== (i == OUT_LEN - 1)) begin
                                $display("MISMATCH vec=%0d idx=%0d got=%0d exp=%0d tlast=%b exp_tlast=%0d",
                                         v, i, out_value(got), out_value(exp_mem[snk_count]),
                                         dut_m_tlast, i == OUT_LEN - 1);
                            end else begin
                                $display("MISMATCH vec=%0d idx=%0d got=%0d exp=%0d",
                                         v, i, out_value(got), out_value(exp_mem[snk_count]));
                            end
                        end
                        mismatches = mismatches + 1;
                    end
                    if (phase == 0) begin
                        if (^got === 1'bx) begin
                            $fdisplay(actual_fd, "x");
                        end else begin
                            $fdisplay(actual_fd, "%0d", out_value(got));
                        end
                        if (i == OUT_LEN - 1 && v == 0) last_out0 = cycle;
                        if (i == OUT_LEN - 1 && v == N_VEC - 1) last_out_n = cycle;
                    end
                    snk_count = snk_count + 1;
                end
            end

            if (snk_count == N_OUT) begin
                dut_m_tready <= 1'b0;
                if (src_done) begin
                    // Every input and output of this phase is through: start
                    // the next one.
                    if (phase == 0) begin
                        $fclose(actual_fd);
                        actual_open = 1'b0;
                    end
                    phase = phase + 1;
                    pct = 25 * phase;
                    src_next = 0;
                    snk_count = 0;
                end
            end else begin
                dut_m_tready <= (snk_lfsr % 100) >= pct;
            end

            if (idle > TIMEOUT) begin
                timed_out = 1'b1;
                timeout_phase = phase + 1;
                phase = 3;
            end
        end
    end

    initial begin
        wait (phase == 3);
        if (actual_open) begin
            $fclose(actual_fd);
            actual_open = 1'b0;
        end
        latency = (first_in0 >= 0 && last_out0 >= 0) ? last_out0 - first_in0 : -1;
        if (N_VEC == 1) begin
            cpi = latency;
        end else if (last_out0 >= 0 && last_out_n >= 0) begin
            cpi = (last_out_n - last_out0) / (N_VEC - 1);
        end else begin
            cpi = -1;
        end
        if (timed_out) begin
            $display("TIMEOUT no output transfer for %0d cycles in phase %0d (%0d of %0d outputs)",
                     TIMEOUT, timeout_phase, snk_count, N_OUT);
        end
        if (mismatches == 0 && !timed_out) begin
            $display("PASS mismatches=0 vectors=%0d cycles_per_inference=%0d latency=%0d",
                     N_VEC, cpi, latency);
            $finish;
        end else begin
            $display("FAIL mismatches=%0d vectors=%0d cycles_per_inference=%0d latency=%0d",
                     mismatches, N_VEC, cpi, latency);
            $fatal(1);
        end
    end

endmodule

`resetall
