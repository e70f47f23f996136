// tb_dnngen_stream_expand: unit bench for dnngen_stream_expand.
//
// Sends N_VEC vectors of BEATS beats (LANES elements each; the padding lanes
// after the K-th stream element carry junk) in three phases with
// (input gap %, output stall %) = (0,0), (25,25), (50,50), LFSR driven, and
// checks every output element against a plain model (stream element or
// constant by KEEP), tlast exactly on each vector's last element, and that
// stalled outputs hold. Ends with one PASS or FAIL line; FAIL and timeouts
// end in $fatal(1).

`resetall
`timescale 1ns / 1ps
`default_nettype none

module tb_dnngen_stream_expand #(
    // dnngen_stream_expand parameters (CONSTS is made below from a formula).
    parameter COUNT = 7,
    parameter LANES = 3,
    parameter BEATS = 2,
    parameter WIDTH = 8,
    parameter [COUNT-1:0] KEEP = 7'b1011011,
    // Vectors per phase.
    parameter N_VEC = 20,
    // LFSR seed.
    parameter SEED = 32'h1357_9BDF,
    // Cycles without progress before giving up.
    parameter TIMEOUT = 1000
);

    function [COUNT*WIDTH-1:0] make_consts;
        input integer unused;
        integer i;
        begin
            make_consts = {(COUNT*WIDTH){1'b0}};
            for (i = 0; i < COUNT; i = i + 1) begin
                make_consts[i*WIDTH +: WIDTH] = 8'hC0 + i * 5 + unused;
            end
        end
    endfunction

    localparam [COUNT*WIDTH-1:0] CONSTS = make_consts(0);

`include "tb_common.vh"

    reg  [LANES*WIDTH-1:0] s_tdata;
    reg                    s_tvalid = 1'b0;
    wire                   s_tready;
    wire [WIDTH-1:0]       m_tdata;
    wire                   m_tvalid;
    wire                   m_tlast;
    reg                    m_tready = 1'b0;

    dnngen_stream_expand #(
        .COUNT(COUNT),
        .LANES(LANES),
        .BEATS(BEATS),
        .WIDTH(WIDTH),
        .KEEP(KEEP),
        .CONSTS(CONSTS)
    ) dut_inst (
        .clk(clk),
        .rst(rst),
        .s_axis_tdata(s_tdata),
        .s_axis_tvalid(s_tvalid),
        .s_axis_tready(s_tready),
        .m_axis_tdata(m_tdata),
        .m_axis_tvalid(m_tvalid),
        .m_axis_tready(m_tready),
        .m_axis_tlast(m_tlast)
    );

    function integer kept_count;
        input [COUNT-1:0] keep;
        integer i;
        begin
            kept_count = 0;
            for (i = 0; i < COUNT; i = i + 1) begin
                if (keep[i]) kept_count = kept_count + 1;
            end
        end
    endfunction

    localparam K = kept_count(KEEP);

    // Stream element j of vector v (j < K real, j >= K padding junk).
    function [WIDTH-1:0] element;
        input integer v;
        input integer j;
        element = (j < K) ? v * 11 + j * 3 + 1 : 8'hEE;
    endfunction

    reg [31:0] src_lfsr = SEED;
    reg [31:0] snk_lfsr = SEED ^ 32'h5A5A_0F0F;

    integer phase = 0;
    integer pct = 0;
    integer cycle = 0;
    integer src_next = 0;     // next beat to present
    integer snk_count = 0;    // elements received in this phase
    integer idle = 0;
    integer v;
    integer i;
    integer j;
    integer l;
    reg [WIDTH-1:0] want;

    // The output stream rule: a stalled beat holds its valid and data (and tlast).
    wire [WIDTH:0] m_beat = {m_tlast, m_tdata};
    `TB_HOLD_CHECK(WIDTH + 1, !rst && phase < 3, m_beat)

    always @(posedge clk) begin
        cycle <= cycle + 1;
        if (!rst && phase < 3) begin
            src_lfsr <= lfsr_next(src_lfsr);
            snk_lfsr <= lfsr_next(snk_lfsr);
            idle = idle + 1;

            if (s_tvalid && s_tready) begin
                idle = 0;
            end
            if (!s_tvalid || s_tready) begin
                if (src_next < N_VEC * BEATS && (src_lfsr % 100) >= pct) begin
                    for (l = 0; l < LANES; l = l + 1) begin
                        s_tdata[l*WIDTH +: WIDTH] <= element(src_next / BEATS, (src_next % BEATS) * LANES + l);
                    end
                    s_tvalid <= 1'b1;
                    src_next = src_next + 1;
                end else begin
                    s_tvalid <= 1'b0;
                    s_tdata <= {(LANES*WIDTH){1'bx}};
                end
            end

            if (m_tvalid && m_tready) begin
                idle = 0;
                v = snk_count / COUNT;
                i = snk_count % COUNT;
                // Model: stream element number = ones in KEEP below i.
                j = 0;
                for (l = 0; l < i; l = l + 1) begin
                    if (KEEP[l]) j = j + 1;
                end
                want = KEEP[i] ? element(v, j) : CONSTS[i*WIDTH +: WIDTH];
                if (m_tdata !== want || m_tlast !== (i == COUNT - 1)) begin
                    `TB_MISMATCH(("MISMATCH phase=%0d vec=%0d idx=%0d got=%0d exp=%0d tlast=%b",
                                      phase + 1, v, i, m_tdata, want, m_tlast))
                end
                snk_count = snk_count + 1;
            end

            if (snk_count == N_VEC * COUNT) begin
                if (src_next != N_VEC * BEATS || (s_tvalid && !s_tready)) begin
                    $display("MISMATCH phase=%0d all outputs out but input beats left", phase + 1);
                    mismatches = mismatches + 1;
                end
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

    initial begin
        repeat (3) @(posedge clk);
        rst <= 1'b0;
        while (phase < 3 && idle <= TIMEOUT) @(posedge clk);
        if (phase < 3) begin
            $display("TIMEOUT phase=%0d", phase + 1);
            mismatches = mismatches + 1;
        end
        mismatches = mismatches + hold_violations;
        tb_verdict(3 * N_VEC, "");
    end

endmodule

`resetall
