// dnngen_requant: requantization of LANES accumulators,
//   y = clamp(R(acc * m, s) + ZERO_POINT, OUT_MIN, OUT_MAX), bit exact.
//
// Contract
//   acc is signed ACC_WIDTH, m unsigned MULT_WIDTH, s unsigned SHIFT_WIDTH
//   (lane l of each input at [l*W +: W]). v = acc * m is exact. R is
//     ROUNDING 0 half_up:   floor((v + 2^(s-1)) / 2^s), ties toward +inf
//     ROUNDING 1 half_even: v / 2^s to nearest, ties to even
//     ROUNDING 2 floor:     floor(v / 2^s) (arithmetic shift right)
//   and R(v, 0) = v for every mode. The zero point (0 for symmetric
//   types; an asymmetric activation's offset) is added after rounding and
//   the sum clamped to [OUT_MIN, OUT_MAX]: the rounded value is compared with
//   the shifted bounds OUT_MIN - ZERO_POINT and OUT_MAX - ZERO_POINT, so the
//   add only feeds the output. out_data lane l = low OUT_WIDTH bits of the
//   clamped value. Implemented without adding 2^(s-1): q = v >>> s, half = bit s-1
//   of v, sticky = OR of bits below s-1; half_up adds half, half_even adds
//   half && (sticky || q[0]).
//   Pipeline: 3 stages, no stalls. in_* sampled in cycle k with in_valid
//   give out_data with out_valid in cycle k+3.
//     stage 1: v = acc * m        stage 2: q, half, sticky (barrel shift)
//     stage 3: round, clamp
//   Reset clears the valid bits only.
//
// Parameters
//   LANES        values per cycle, >= 1
//   ACC_WIDTH    signed accumulator width, >= 2
//   MULT_WIDTH   unsigned multiplier width, >= 1
//   SHIFT_WIDTH  shift width, >= 1 (shift 0 .. 2^SHIFT_WIDTH-1)
//   ROUNDING     0 half_up, 1 half_even, 2 floor
//   OUT_WIDTH    output element width, >= 1
//   OUT_MIN      lower clamp bound (integer)
//   OUT_MAX      upper clamp bound (integer), >= OUT_MIN
//   ZERO_POINT   added after rounding (integer), OUT_MIN..OUT_MAX or 0

`resetall
`timescale 1ns / 1ps
`default_nettype none

module dnngen_requant #(
    // Values per cycle.
    parameter LANES = 1,
    // Signed accumulator width in bits.
    parameter ACC_WIDTH = 24,
    // Unsigned multiplier width in bits.
    parameter MULT_WIDTH = 31,
    // Shift width in bits.
    parameter SHIFT_WIDTH = 6,
    // Rounding of the shift: 0 half_up, 1 half_even, 2 floor.
    parameter ROUNDING = 0,
    // Output element width in bits.
    parameter OUT_WIDTH = 8,
    // Lower clamp bound.
    parameter OUT_MIN = 0,
    // Upper clamp bound.
    parameter OUT_MAX = 255,
    // Zero point added after rounding (before the clamp).
    parameter ZERO_POINT = 0
) (
    input  wire                         clk,
    input  wire                         rst,

    input  wire                         in_valid,
    input  wire [LANES*ACC_WIDTH-1:0]   in_acc,
    input  wire [LANES*MULT_WIDTH-1:0]  in_mult,
    input  wire [LANES*SHIFT_WIDTH-1:0] in_shift,

    output wire                         out_valid,
    output wire [LANES*OUT_WIDTH-1:0]   out_data
);

    // Exact product width: signed ACC_WIDTH times unsigned MULT_WIDTH.
    localparam PROD_WIDTH = ACC_WIDTH + MULT_WIDTH + 1;
    // Shifter and clamp width: the product, at least 33 bits so that the
    // 32-bit clamp bounds fit. (>>> by any amount, also >= V_WIDTH, is exact.)
    localparam V_WIDTH = (PROD_WIDTH > 33) ? PROD_WIDTH : 33;
    localparam [31:0] MIN_32 = OUT_MIN;
    localparam [31:0] MAX_32 = OUT_MAX;
    localparam [31:0] LO_32 = OUT_MIN - ZERO_POINT;
    localparam [31:0] HI_32 = OUT_MAX - ZERO_POINT;
    localparam [31:0] ZP_32 = ZERO_POINT;

    initial begin
        if (LANES < 1) $fatal(1, "LANES %0d < 1 (%m)", LANES);
        if (ACC_WIDTH < 2) $fatal(1, "ACC_WIDTH %0d < 2 (%m)", ACC_WIDTH);
        if (MULT_WIDTH < 1) $fatal(1, "MULT_WIDTH %0d < 1 (%m)", MULT_WIDTH);
        if (SHIFT_WIDTH < 1 || SHIFT_WIDTH > 8) $fatal(1, "SHIFT_WIDTH %0d not 1..8 (%m)", SHIFT_WIDTH);
        if (ROUNDING < 0 || ROUNDING > 2) $fatal(1, "ROUNDING %0d not 0..2 (%m)", ROUNDING);
        if (OUT_WIDTH < 1 || OUT_WIDTH > 32) $fatal(1, "OUT_WIDTH %0d not 1..32 (%m)", OUT_WIDTH);
        if (OUT_MIN > OUT_MAX) $fatal(1, "OUT_MIN %0d > OUT_MAX %0d (%m)", OUT_MIN, OUT_MAX);
    end

    // Clamp bounds for the rounded value (shifted by the zero point),
    // sign-extended to V_WIDTH (constant wires).
    wire [31:0]               lo_32 = LO_32;
    wire [31:0]               hi_32 = HI_32;
    wire signed [V_WIDTH-1:0] min_v = {{(V_WIDTH - 32){lo_32[31]}}, lo_32};
    wire signed [V_WIDTH-1:0] max_v = {{(V_WIDTH - 32){hi_32[31]}}, hi_32};

    reg [2:0] valid_reg;

    always @(posedge clk) begin
        valid_reg <= {valid_reg[1:0], in_valid};

        if (rst) begin
            valid_reg <= 3'b000;
        end
    end

    assign out_valid = valid_reg[2];

    genvar l;
    generate
        for (l = 0; l < LANES; l = l + 1) begin : g_lane
            wire signed [ACC_WIDTH-1:0] acc = in_acc[l*ACC_WIDTH +: ACC_WIDTH];
            wire signed [MULT_WIDTH:0]  mult = {1'b0, in_mult[l*MULT_WIDTH +: MULT_WIDTH]};

            // Stage 1: the exact product.
            reg signed [PROD_WIDTH-1:0] v_reg;
            reg [SHIFT_WIDTH-1:0]       shift_reg;

            // Stage 2: the floor quotient (and, below, the rounding bits).
            wire signed [V_WIDTH-1:0]   v;
            wire signed [V_WIDTH-1:0]   q_next;
            reg signed [V_WIDTH-1:0]    q_reg;

            // Stage 3: rounding increment and clamp.
            wire                        round_up;
            wire signed [V_WIDTH-1:0]   rounded = q_reg + {{(V_WIDTH - 1){1'b0}}, round_up};
            reg [OUT_WIDTH-1:0]         y_reg;

            if (V_WIDTH == PROD_WIDTH) begin : g_v_same
                assign v = v_reg;
            end else begin : g_v_extend
                assign v = {{(V_WIDTH - PROD_WIDTH){v_reg[PROD_WIDTH-1]}}, v_reg};
            end

            if (ROUNDING == 2) begin : g_floor
                // floor is the arithmetic shift alone.
                assign q_next = v >>> shift_reg;
                assign round_up = 1'b0;
            end else begin : g_nearest
                // One shifter: q_half = floor(v / 2^(s-1)) holds the half bit
                // (bit s-1 of v) in bit 0 and q = floor(v / 2^s) above it.
                wire                      shift_zero = (shift_reg == {SHIFT_WIDTH{1'b0}});
                wire [SHIFT_WIDTH-1:0]    shift_m1 = shift_reg - 1'b1;
                wire signed [V_WIDTH-1:0] q_half = v >>> shift_m1;
                reg                       half_reg;

                assign q_next = shift_zero ? v : (q_half >>> 1);

                always @(posedge clk) begin
                    half_reg <= !shift_zero && q_half[0];
                end

                if (ROUNDING == 0) begin : g_half_up
                    // floor((v + 2^(s-1)) / 2^s) = q + (bit s-1 of v).
                    assign round_up = half_reg;
                end else begin : g_half_even
                    // Above half (a lower bit set): up; exactly half: up if q is odd.
                    wire [V_WIDTH-1:0] below_mask = ~({V_WIDTH{1'b1}} << shift_m1);
                    reg                sticky_reg;

                    always @(posedge clk) begin
                        sticky_reg <= !shift_zero && ((v & below_mask) != {V_WIDTH{1'b0}});
                    end

                    assign round_up = half_reg && (sticky_reg || q_reg[0]);
                end
            end

            always @(posedge clk) begin
                v_reg <= acc * mult;
                shift_reg <= in_shift[l*SHIFT_WIDTH +: SHIFT_WIDTH];

                q_reg <= q_next;

                if (rounded < min_v) begin
                    y_reg <= MIN_32[OUT_WIDTH-1:0];
                end else if (rounded > max_v) begin
                    y_reg <= MAX_32[OUT_WIDTH-1:0];
                end else begin
                    // Modulo 2^OUT_WIDTH, exact: the sum lies in [OUT_MIN, OUT_MAX].
                    y_reg <= rounded[OUT_WIDTH-1:0] + ZP_32[OUT_WIDTH-1:0];
                end
            end

            assign out_data[l*OUT_WIDTH +: OUT_WIDTH] = y_reg;
        end
    endgenerate

endmodule

`resetall
