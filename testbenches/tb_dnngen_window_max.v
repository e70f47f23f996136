// tb_dnngen_window_max: unit bench for dnngen_window_max.
//
// Drives N_WINDOWS random windows (with runs of equal values and the
// extremes, so ties and the sign handling are exercised) and compares every
// output channel with a plain running maximum over the taps; also checks
// that tvalid and tready pass straight through.
// Ends with one PASS or FAIL line; FAIL ends in $fatal(1).

`resetall
`timescale 1ns / 1ps
`default_nettype none

module tb_dnngen_window_max #(
    // dnngen_window_max parameters.
    parameter WIDTH = 8,
    parameter SIGNED = 0,
    parameter CHANNELS = 2,
    parameter TAPS = 9,
    // Random windows to check.
    parameter N_WINDOWS = 2000
);

`include "tb_common.vh"

    reg  [TAPS*CHANNELS*WIDTH-1:0] s_tdata;
    reg                            s_tvalid;
    wire                           s_tready;
    wire [CHANNELS*WIDTH-1:0]      m_tdata;
    wire                           m_tvalid;
    reg                            m_tready;

    dnngen_window_max #(
        .WIDTH(WIDTH),
        .SIGNED(SIGNED),
        .CHANNELS(CHANNELS),
        .TAPS(TAPS)
    ) dut_inst (
        .s_axis_tvalid(s_tvalid),
        .s_axis_tdata(s_tdata),
        .s_axis_tready(s_tready),
        .m_axis_tdata(m_tdata),
        .m_axis_tvalid(m_tvalid),
        .m_axis_tready(m_tready)
    );

    integer w, t, c, r;
    reg [WIDTH-1:0] value;
    reg [WIDTH-1:0] best;

    // a > b in the element's order (two's complement when SIGNED).
    function greater(input [WIDTH-1:0] a, input [WIDTH-1:0] b);
        begin
            if (SIGNED != 0) greater = $signed(a) > $signed(b);
            else greater = a > b;
        end
    endfunction

    initial begin
        for (w = 0; w < N_WINDOWS; w = w + 1) begin
            r = $random;
            for (t = 0; t < TAPS; t = t + 1) begin
                for (c = 0; c < CHANNELS; c = c + 1) begin
                    case (r[2:0] + t[0])
                        0: value = {WIDTH{1'b1}};
                        1: value = {1'b1, {(WIDTH - 1){1'b0}}} >> (SIGNED != 0 ? 0 : 1);
                        2: value = r[WIDTH+2:3];
                        default: value = $random;
                    endcase
                    s_tdata[(t*CHANNELS + c)*WIDTH +: WIDTH] = value;
                end
            end
            s_tvalid = r[3];
            m_tready = r[4];
            #1;
            if (m_tvalid !== s_tvalid || s_tready !== m_tready) begin
                `TB_MISMATCH(("MISMATCH window=%0d handshake passes through wrongly", w))
            end
            for (c = 0; c < CHANNELS; c = c + 1) begin
                best = s_tdata[c*WIDTH +: WIDTH];
                for (t = 1; t < TAPS; t = t + 1) begin
                    value = s_tdata[(t*CHANNELS + c)*WIDTH +: WIDTH];
                    if (greater(value, best)) best = value;
                end
                if (m_tdata[c*WIDTH +: WIDTH] !== best) begin
                    `TB_MISMATCH(("MISMATCH window=%0d channel=%0d got=%h exp=%h", w, c, m_tdata[c*WIDTH +: WIDTH], best))
                end
            end
        end
        $sformat(tb_summary, " taps=%0d signed=%0d", TAPS, SIGNED);
        tb_verdict(N_WINDOWS, tb_summary);
    end

endmodule

`resetall
