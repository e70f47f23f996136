// tb_axis_hold_check: checks the output stream rule for the unit benches.
//
// Once tvalid is high and the beat is not taken (tready low), tvalid and tdata
// hold until the transfer. Watches while `active` is high; each clock that
// breaks the rule prints one MISMATCH line (at most 10) and adds one to
// `violations`, which the bench adds to its mismatches at the end.

`resetall
`timescale 1ns / 1ps
`default_nettype none

module tb_axis_hold_check #(
    // tdata width in bits.
    parameter WIDTH = 8
) (
    input  wire             clk,
    input  wire             active,
    input  wire [WIDTH-1:0] tdata,
    input  wire             tvalid,
    input  wire             tready,
    output reg  [31:0]      violations
);

    reg             stalled = 1'b0;
    reg [WIDTH-1:0] held;
    integer         cycle = 0;

    initial violations = 0;

    always @(posedge clk) begin
        cycle <= cycle + 1;
        if (active) begin
            if (stalled && (tvalid !== 1'b1 || tdata !== held)) begin
                if (violations < 10) begin
                    $display("MISMATCH cycle=%0d %m: a stalled beat was dropped or changed", cycle);
                end
                violations <= violations + 1;
            end
            stalled <= tvalid && !tready;
            held <= tdata;
        end
    end

endmodule

`resetall
