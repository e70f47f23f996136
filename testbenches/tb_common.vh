// tb_common.vh: what every unit bench shares, `include'd in the bench module's body (after
// its parameters, before its own declarations).
//
//   clk, rst         a 10 ns clock; rst is high until the bench releases it
//   lfsr_next(s)     the 32-bit Galois LFSR step that drives tvalid gaps and tready stalls
//   mismatches       the failure count every check adds to
//   `TB_MISMATCH((format, args...))
//                    counts one mismatch and prints it while fewer than 10 were counted
//   ones_in(bits, n) the number of ones in the low n bits (n <= 1024), e.g. kept elements of a KEEP mask
//   tb_verdict(n, summary)
//                    prints "PASS mismatches=0 vectors=n<summary>" and finishes, or
//                    "FAIL mismatches=m vectors=n" and ends in $fatal(1), so vvp exits 1
//
//   `TB_UNIT_PORTS   the unit's clk, rst, s_axis_* and m_axis_* ports, wired to s_t* and m_t*
//   `TB_HOLD_CHECK(beat_width, watching, beat)
//                    checks the output stream rule on m_tvalid/m_tready and `beat`
//                    (tb_axis_hold_check.v) while `watching`; the bench adds
//                    hold_violations to mismatches before its verdict

    reg clk = 1'b0;
    reg rst = 1'b1;
    always #5 clk = ~clk;

    integer mismatches = 0;
    // The extra fields of the PASS line, for tb_verdict.
    reg [8*128-1:0] tb_summary;

`include "tb_lfsr.vh"

    function integer ones_in;
        input [1023:0] bits;
        input integer n;
        integer i;
        begin
            ones_in = 0;
            for (i = 0; i < n; i = i + 1) begin
                if (bits[i]) ones_in = ones_in + 1;
            end
        end
    endfunction

`ifndef TB_HOLD_CHECK
`define TB_HOLD_CHECK(beat_width, watching, beat) \
    wire [31:0] hold_violations; \
    tb_axis_hold_check #(.WIDTH(beat_width)) hold_check_inst ( \
        .clk(clk), .active(watching), .tdata(beat), .tvalid(m_tvalid), .tready(m_tready), \
        .violations(hold_violations) \
    );
`endif

// The unit's stream ports wired to the bench's s_t* / m_t* (tb_stream.vh names them so):
//   dnngen_x #(...) dut_inst (`TB_UNIT_PORTS);
`ifndef TB_UNIT_PORTS
`define TB_UNIT_PORTS \
        .clk(clk), .rst(rst), \
        .s_axis_tdata(s_tdata), .s_axis_tvalid(s_tvalid), .s_axis_tready(s_tready), \
        .m_axis_tdata(m_tdata), .m_axis_tvalid(m_tvalid), .m_axis_tready(m_tready)
`endif

`ifndef TB_MISMATCH
`define TB_MISMATCH(message) \
    begin \
        if (mismatches < 10) $display message; \
        mismatches = mismatches + 1; \
    end
`endif

    // `summary` carries the bench's extra PASS fields, e.g. " cycles_per_inference=12 latency=9"
    // (built with $sformat), or "" for none.
    task tb_verdict;
        input integer vectors;
        input [8*128-1:0] summary;
        begin
            if (mismatches == 0) begin
                $display("PASS mismatches=0 vectors=%0d%0s", vectors, summary);
                $finish;
            end else begin
                $display("FAIL mismatches=%0d vectors=%0d", mismatches, vectors);
                $fatal(1, "bench failed (%m)");
            end
        end
    endtask
