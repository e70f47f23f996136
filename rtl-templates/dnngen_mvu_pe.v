// dnngen_mvu_pe: one processing element of the matrix-vector unit: SIMD
// products, a balanced adder tree and an accumulator.
//
// Contract (cycle k is the cycle in_x/in_w are presented)
//   cycle k:    the SIMD products in_w[j] * in_x[j] are registered
//               (dnngen_weight_mul per lane, sign-extended to ACC_WIDTH).
//   cycle k+1:  if acc_en, acc <= (acc_load ? acc_bias : acc) + sum_j product[j]
//               (acc_bias is sign-extended; the sum is a balanced adder tree).
//   cycle k+2:  acc holds the result.
//   Arithmetic is modulo 2^ACC_WIDTH; it is exact because the generator
//   chooses ACC_WIDTH so that bias plus any partial sum fits.
//   Lane j of in_x is [j*IN_WIDTH +: IN_WIDTH], of in_w [j*WEIGHT_WIDTH +: WEIGHT_WIDTH].
//   Reset: none (datapath only; the caller owns the valid bits).
//
// Parameters
//   SIMD          products per cycle, >= 1
//   IN_WIDTH      input element width, >= 1
//   IN_SIGNED     0: inputs unsigned, 1: two's complement
//   WEIGHT_WIDTH  weight width (see dnngen_weight_mul)
//   WEIGHT_KIND   0 int, 1 binary, 2 ternary, 3 pow2 (see dnngen_weight_mul)
//   ACC_WIDTH     signed accumulator width, >= 2
//   BIAS_WIDTH    signed bias width, 1 .. ACC_WIDTH

`resetall
`timescale 1ns / 1ps
`default_nettype none

module dnngen_mvu_pe #(
    // Products per cycle.
    parameter SIMD = 4,
    // Input element width in bits.
    parameter IN_WIDTH = 8,
    // 1 if input elements are two's complement, 0 if unsigned.
    parameter IN_SIGNED = 0,
    // Weight width in bits.
    parameter WEIGHT_WIDTH = 4,
    // Weight encoding: 0 int, 1 binary, 2 ternary, 3 pow2.
    parameter WEIGHT_KIND = 0,
    // Signed accumulator width in bits.
    parameter ACC_WIDTH = 24,
    // Signed bias width in bits.
    parameter BIAS_WIDTH = 16
) (
    input  wire                         clk,

    input  wire [SIMD*IN_WIDTH-1:0]     in_x,
    input  wire [SIMD*WEIGHT_WIDTH-1:0] in_w,

    input  wire                         acc_en,
    input  wire                         acc_load,
    input  wire [BIAS_WIDTH-1:0]        acc_bias,
    output wire [ACC_WIDTH-1:0]         acc
);

    // Adder tree leaves: SIMD rounded up to a power of 2 (missing leaves are 0).
    localparam LEAVES = 1 << $clog2(SIMD);

    initial begin
        if (SIMD < 1) $fatal(1, "SIMD %0d < 1 (%m)", SIMD);
        if (BIAS_WIDTH < 1 || BIAS_WIDTH > ACC_WIDTH) begin
            $fatal(1, "BIAS_WIDTH %0d not in 1..ACC_WIDTH %0d (%m)", BIAS_WIDTH, ACC_WIDTH);
        end
    end

    wire [SIMD*ACC_WIDTH-1:0] prod;
    reg  [SIMD*ACC_WIDTH-1:0] prod_reg;
    wire [ACC_WIDTH-1:0]      bias_ext;
    reg  [ACC_WIDTH-1:0]      acc_reg;

    // Heap-ordered tree: node i (1-based) at [(i-1)*ACC_WIDTH +: ACC_WIDTH],
    // children 2i and 2i+1, leaves LEAVES .. 2*LEAVES-1, root node 1.
    reg  [(2*LEAVES-1)*ACC_WIDTH-1:0] tree;

    integer i;

    genvar j;
    generate
        for (j = 0; j < SIMD; j = j + 1) begin : g_lane
            dnngen_weight_mul #(
                .IN_WIDTH(IN_WIDTH),
                .IN_SIGNED(IN_SIGNED),
                .WEIGHT_WIDTH(WEIGHT_WIDTH),
                .WEIGHT_KIND(WEIGHT_KIND),
                .ACC_WIDTH(ACC_WIDTH)
            ) mul_inst (
                .x(in_x[j*IN_WIDTH +: IN_WIDTH]),
                .w(in_w[j*WEIGHT_WIDTH +: WEIGHT_WIDTH]),
                .p(prod[j*ACC_WIDTH +: ACC_WIDTH])
            );
        end

        if (BIAS_WIDTH == ACC_WIDTH) begin : g_bias_full
            assign bias_ext = acc_bias;
        end else begin : g_bias_extend
            assign bias_ext = {{(ACC_WIDTH - BIAS_WIDTH){acc_bias[BIAS_WIDTH-1]}}, acc_bias};
        end
    endgenerate

    always @* begin
        tree = {((2*LEAVES-1)*ACC_WIDTH){1'b0}};
        for (i = 0; i < SIMD; i = i + 1) begin
            tree[(LEAVES+i-1)*ACC_WIDTH +: ACC_WIDTH] = prod_reg[i*ACC_WIDTH +: ACC_WIDTH];
        end
        for (i = LEAVES - 1; i >= 1; i = i - 1) begin
            tree[(i-1)*ACC_WIDTH +: ACC_WIDTH] = tree[(2*i-1)*ACC_WIDTH +: ACC_WIDTH]
                                               + tree[(2*i)*ACC_WIDTH +: ACC_WIDTH];
        end
    end

    always @(posedge clk) begin
        prod_reg <= prod;
        if (acc_en) begin
            acc_reg <= (acc_load ? bias_ext : acc_reg) + tree[ACC_WIDTH-1:0];
        end
    end

    assign acc = acc_reg;

endmodule

`resetall
