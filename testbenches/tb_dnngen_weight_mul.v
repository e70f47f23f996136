// tb_dnngen_weight_mul: unit bench for dnngen_weight_mul.
//
// Exhaustive over every input element x and weight code w: the product must
// equal (decoded weight) * x modulo 2^ACC_WIDTH, with the weight decoded by a
// plain model of each WEIGHT_KIND (int two's complement; binary 1 = +1,
// 0 = -1; ternary 01 = +1, 11 = -1, else 0; pow2 sign bit and e, e == 0 is 0,
// else 2^(e-1)). Ends with one PASS or FAIL line; FAIL ends in $fatal(1).

`resetall
`timescale 1ns / 1ps
`default_nettype none

module tb_dnngen_weight_mul #(
    // dnngen_weight_mul parameters.
    parameter IN_WIDTH = 5,
    parameter IN_SIGNED = 1,
    parameter WEIGHT_WIDTH = 4,
    parameter WEIGHT_KIND = 0,
    parameter ACC_WIDTH = 16
);

`include "tb_common.vh"

    reg  [IN_WIDTH-1:0]     x;
    reg  [WEIGHT_WIDTH-1:0] w;
    wire [ACC_WIDTH-1:0]    p;

    dnngen_weight_mul #(
        .IN_WIDTH(IN_WIDTH),
        .IN_SIGNED(IN_SIGNED),
        .WEIGHT_WIDTH(WEIGHT_WIDTH),
        .WEIGHT_KIND(WEIGHT_KIND),
        .ACC_WIDTH(ACC_WIDTH)
    ) dut_inst (
        .x(x),
        .w(w),
        .p(p)
    );

    integer xi;
    integer wi;
    integer checks = 0;
    reg signed [255:0] xv;
    reg signed [255:0] wv;
    reg signed [255:0] prod;
    reg [ACC_WIDTH-1:0] want;

    initial begin
        for (wi = 0; wi < (1 << WEIGHT_WIDTH); wi = wi + 1) begin
            for (xi = 0; xi < (1 << IN_WIDTH); xi = xi + 1) begin
                w = wi;
                x = xi;
                xv = (IN_SIGNED != 0 && x[IN_WIDTH-1]) ? xi - (1 << IN_WIDTH) : xi;
                if (WEIGHT_KIND == 0) begin
                    wv = w[WEIGHT_WIDTH-1] ? wi - (1 << WEIGHT_WIDTH) : wi;
                end else if (WEIGHT_KIND == 1) begin
                    wv = w[0] ? 1 : -1;
                end else if (WEIGHT_KIND == 2) begin
                    wv = (wi == 1) ? 1 : (wi == 3) ? -1 : 0;
                end else begin
                    wv = (wi % (1 << (WEIGHT_WIDTH - 1)) == 0) ? 0 : 256'sd1 <<< (wi % (1 << (WEIGHT_WIDTH - 1)) - 1);
                    if (w[WEIGHT_WIDTH-1]) wv = -wv;
                end
                prod = wv * xv;
                want = prod[ACC_WIDTH-1:0];
                #1;
                if (p !== want) begin
                    `TB_MISMATCH(("MISMATCH w=%0d x=%0d got=%0d exp=%0d", wv, xv, $signed(p), $signed(want)))
                end
                checks = checks + 1;
            end
        end
        $sformat(tb_summary, " kind=%0d", WEIGHT_KIND);
        tb_verdict(checks, tb_summary);
    end

endmodule

`resetall
