// dnngen_weight_mul: one weight times one input element, combinational.
//
// Contract
//   p = w * x as a signed ACC_WIDTH-bit value (two's complement, exact when
//   the product fits ACC_WIDTH bits, which the generator guarantees).
//   The weight encoding depends on WEIGHT_KIND:
//     0 int      two's complement, WEIGHT_WIDTH bits; uses `*` on the natural
//                widths (weight x sign- or zero-extended input)
//     1 binary   WEIGHT_WIDTH = 1; 1 means +1, 0 means -1 (negate/select)
//     2 ternary  WEIGHT_WIDTH = 2, two's complement: 2'b01 = +1, 2'b11 = -1,
//                2'b00 = 0 (2'b10 is not a ternary value and gives 0)
//     3 pow2     bit [WEIGHT_WIDTH-1] is the sign (1 = negative), e =
//                bits [WEIGHT_WIDTH-2:0]; e == 0 means 0, else magnitude
//                2^(e-1) (shift, no multiplier)
//   Latency: 0 (no registers). Reset: none.
//
// Parameters
//   IN_WIDTH      input element width, >= 1
//   IN_SIGNED     0: input unsigned, 1: two's complement
//   WEIGHT_WIDTH  weight width (see WEIGHT_KIND)
//   WEIGHT_KIND   0 int, 1 binary, 2 ternary, 3 pow2
//   ACC_WIDTH     output width, >= 2

`resetall
`timescale 1ns / 1ps
`default_nettype none

module dnngen_weight_mul #(
    // Input element width in bits.
    parameter IN_WIDTH = 8,
    // 1 if input elements are two's complement, 0 if unsigned.
    parameter IN_SIGNED = 0,
    // Weight width in bits.
    parameter WEIGHT_WIDTH = 4,
    // Weight encoding: 0 int, 1 binary, 2 ternary, 3 pow2.
    parameter WEIGHT_KIND = 0,
    // Product (output) width in bits.
    parameter ACC_WIDTH = 24
) (
    input  wire [IN_WIDTH-1:0]     x,
    input  wire [WEIGHT_WIDTH-1:0] w,
    output wire [ACC_WIDTH-1:0]    p
);

    // Input element as a signed value.
    localparam XW = (IN_SIGNED != 0) ? IN_WIDTH : IN_WIDTH + 1;
    // Width that holds every product of this kind exactly.
    localparam NW = (WEIGHT_KIND == 0) ? XW + WEIGHT_WIDTH :
                    (WEIGHT_KIND == 3) ? XW + (1 << (WEIGHT_WIDTH - 1)) - 1 :
                    XW + 1;

    initial begin
        if (IN_WIDTH < 1) $fatal(1, "IN_WIDTH %0d < 1 (%m)", IN_WIDTH);
        if (IN_SIGNED != 0 && IN_SIGNED != 1) $fatal(1, "IN_SIGNED %0d not 0 or 1 (%m)", IN_SIGNED);
        if (ACC_WIDTH < 2) $fatal(1, "ACC_WIDTH %0d < 2 (%m)", ACC_WIDTH);
        if (WEIGHT_KIND < 0 || WEIGHT_KIND > 3) $fatal(1, "WEIGHT_KIND %0d not 0..3 (%m)", WEIGHT_KIND);
        if (WEIGHT_KIND == 0 && WEIGHT_WIDTH < 1) $fatal(1, "int WEIGHT_WIDTH %0d < 1 (%m)", WEIGHT_WIDTH);
        if (WEIGHT_KIND == 1 && WEIGHT_WIDTH != 1) $fatal(1, "binary WEIGHT_WIDTH %0d != 1 (%m)", WEIGHT_WIDTH);
        if (WEIGHT_KIND == 2 && WEIGHT_WIDTH != 2) $fatal(1, "ternary WEIGHT_WIDTH %0d != 2 (%m)", WEIGHT_WIDTH);
        if (WEIGHT_KIND == 3 && (WEIGHT_WIDTH < 2 || WEIGHT_WIDTH > 8)) begin
            $fatal(1, "pow2 WEIGHT_WIDTH %0d not 2..8 (%m)", WEIGHT_WIDTH);
        end
    end

    wire signed [XW-1:0] x_ext;
    // Bits above ACC_WIDTH only repeat the sign when the product fits.
    /* verilator lint_off UNUSEDSIGNAL */
    wire signed [NW-1:0] prod;
    /* verilator lint_on UNUSEDSIGNAL */

    generate
        if (IN_SIGNED != 0) begin : g_x_signed
            assign x_ext = x;
        end else begin : g_x_unsigned
            assign x_ext = {1'b0, x};
        end

        if (WEIGHT_KIND == 0) begin : g_int
            assign prod = $signed(w) * x_ext;
        end else if (WEIGHT_KIND == 1) begin : g_binary
            wire signed [NW-1:0] xs = {x_ext[XW-1], x_ext};
            assign prod = w[0] ? xs : -xs;
        end else if (WEIGHT_KIND == 2) begin : g_ternary
            wire signed [NW-1:0] xs = {x_ext[XW-1], x_ext};
            assign prod = (w == 2'b01) ? xs :
                          (w == 2'b11) ? -xs :
                          {NW{1'b0}};
        end else begin : g_pow2
            wire [WEIGHT_WIDTH-2:0] e = w[WEIGHT_WIDTH-2:0];
            wire [WEIGHT_WIDTH-2:0] shift = e - 1'b1;
            wire signed [NW-1:0] xs = {{(NW - XW){x_ext[XW-1]}}, x_ext};
            wire signed [NW-1:0] mag = xs <<< shift;
            assign prod = (e == {(WEIGHT_WIDTH - 1){1'b0}}) ? {NW{1'b0}} :
                          w[WEIGHT_WIDTH-1] ? -mag : mag;
        end

        if (NW >= ACC_WIDTH) begin : g_truncate
            assign p = prod[ACC_WIDTH-1:0];
        end else begin : g_extend
            assign p = {{(ACC_WIDTH - NW){prod[NW-1]}}, prod};
        end
    endgenerate

endmodule

`resetall
