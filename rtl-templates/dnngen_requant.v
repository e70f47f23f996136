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
//   Pipeline: 4 stages, no stalls, at most one wide operation in each
//   (for the clock: the multiply is split so each part fits one 18x18 DSP).
//   in_* sampled in cycle k with in_valid give out_data with out_valid in
//   cycle k+4.
//     stage 1: partial products acc * m[17j +: 17] (one DSP each when
//              ACC_WIDTH <= 18); s-1 and s == 0 precomputed
//     stage 2: v = their sum (one add for MULT_WIDTH <= 34)
//     stage 3: the barrel shift: q, half, sticky
//     stage 4: round and clamp: q + r < LO is q < LO - r (r the round-up
//              bit, LO = OUT_MIN - ZERO_POINT, likewise HI), so the wide
//              compares are with constants, in parallel, and only the
//              output's OUT_WIDTH bits are added (q + r + ZERO_POINT)
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
    // The bounds less one, for a value that rounds up (V_WIDTH > 32: no overflow).
    wire signed [V_WIDTH-1:0] min_m1_v = min_v - 1'b1;
    wire signed [V_WIDTH-1:0] max_m1_v = max_v - 1'b1;

    localparam LATENCY = 4;
    // The multiplier in CHUNK-bit parts: {1'b0, part} is an 18-bit signed operand.
    localparam CHUNK = (MULT_WIDTH < 17) ? MULT_WIDTH : 17;
    localparam CHUNKS = (MULT_WIDTH + CHUNK - 1) / CHUNK;
    localparam PART_WIDTH = ACC_WIDTH + CHUNK + 1;

    reg [LATENCY-1:0] valid_reg;

    always @(posedge clk) begin
        valid_reg <= {valid_reg[LATENCY-2:0], in_valid};

        if (rst) begin
            valid_reg <= {LATENCY{1'b0}};
        end
    end

    assign out_valid = valid_reg[LATENCY-1];

    genvar l, j;
    generate
        for (l = 0; l < LANES; l = l + 1) begin : g_lane
            wire signed [ACC_WIDTH-1:0]    acc = in_acc[l*ACC_WIDTH +: ACC_WIDTH];
            wire [CHUNKS*CHUNK-1:0]        mult = {{(CHUNKS * CHUNK - MULT_WIDTH){1'b0}}, in_mult[l*MULT_WIDTH +: MULT_WIDTH]};
            wire [SHIFT_WIDTH-1:0]         shift = in_shift[l*SHIFT_WIDTH +: SHIFT_WIDTH];

            // Stage 1: partial products; the shift's decrement and zero test.
            reg [SHIFT_WIDTH-1:0]          shift_m1_s1_reg;
            reg                            shift_zero_s1_reg;

            // Stage 2: the exact product v = acc * m.
            // Part j sign-extended to V_WIDTH at [j*V_WIDTH +: V_WIDTH].
            wire [CHUNKS*V_WIDTH-1:0]      parts;
            reg [V_WIDTH-1:0]              product;
            integer                        k;
            reg signed [V_WIDTH-1:0]       v_reg;
            reg [SHIFT_WIDTH-1:0]          shift_m1_reg;
            reg                            shift_zero_reg;

            // Stage 3: the floor quotient and the rounding bits.
            reg signed [V_WIDTH-1:0]       q_reg;
            wire                           round_up;

            // Stage 4: rounded and clamped.
            wire                           below_min;
            wire                           above_max;
            reg [OUT_WIDTH-1:0]            y_reg;

            for (j = 0; j < CHUNKS; j = j + 1) begin : g_part
                wire signed [CHUNK:0]       part_mult = {1'b0, mult[j*CHUNK +: CHUNK]};
                reg signed [PART_WIDTH-1:0] part_reg;

                always @(posedge clk) begin
                    part_reg <= acc * part_mult;
                end

                assign parts[j*V_WIDTH +: V_WIDTH] = {{(V_WIDTH - PART_WIDTH){part_reg[PART_WIDTH-1]}}, part_reg};
            end

            // The parts weighted by 2^(CHUNK*j); modulo 2^V_WIDTH the total is
            // exact, as acc * m fits V_WIDTH.
            always @* begin
                product = {V_WIDTH{1'b0}};
                for (k = 0; k < CHUNKS; k = k + 1) begin
                    product = product + (parts[k*V_WIDTH +: V_WIDTH] << (CHUNK * k));
                end
            end

            always @(posedge clk) begin
                shift_m1_s1_reg <= shift - 1'b1;
                shift_zero_s1_reg <= (shift == {SHIFT_WIDTH{1'b0}});
                v_reg <= product;
                shift_m1_reg <= shift_m1_s1_reg;
                shift_zero_reg <= shift_zero_s1_reg;
            end

            if (ROUNDING == 2) begin : g_floor
                // floor is the arithmetic shift alone (by s = (s-1)+1, 0 when s is 0).
                always @(posedge clk) begin
                    q_reg <= shift_zero_reg ? v_reg : ((v_reg >>> shift_m1_reg) >>> 1);
                end
                assign round_up = 1'b0;
            end else begin : g_nearest
                // One shifter: q_half = floor(v / 2^(s-1)) holds the half bit
                // (bit s-1 of v) in bit 0 and q = floor(v / 2^s) above it.
                wire signed [V_WIDTH-1:0] q_half = v_reg >>> shift_m1_reg;
                reg                       half_reg;

                always @(posedge clk) begin
                    q_reg <= shift_zero_reg ? v_reg : (q_half >>> 1);
                    half_reg <= !shift_zero_reg && q_half[0];
                end

                if (ROUNDING == 0) begin : g_half_up
                    // floor((v + 2^(s-1)) / 2^s) = q + (bit s-1 of v).
                    assign round_up = half_reg;
                end else begin : g_half_even
                    // Above half (a lower bit set): up; exactly half: up if q is odd.
                    wire [V_WIDTH-1:0] below_mask = ~({V_WIDTH{1'b1}} << shift_m1_reg);
                    reg                sticky_reg;

                    always @(posedge clk) begin
                        sticky_reg <= !shift_zero_reg && ((v_reg & below_mask) != {V_WIDTH{1'b0}});
                    end

                    assign round_up = half_reg && (sticky_reg || q_reg[0]);
                end
            end

            // q + round_up against the bounds, as q against the bounds less round_up.
            assign below_min = round_up ? (q_reg < min_m1_v) : (q_reg < min_v);
            assign above_max = round_up ? (q_reg > max_m1_v) : (q_reg > max_v);

            always @(posedge clk) begin
                if (below_min) begin
                    y_reg <= MIN_32[OUT_WIDTH-1:0];
                end else if (above_max) begin
                    y_reg <= MAX_32[OUT_WIDTH-1:0];
                end else begin
                    // Within the bounds: the low bits of q + round_up + ZERO_POINT
                    // are the value (modulo 2^OUT_WIDTH, exact: it lies in
                    // [OUT_MIN, OUT_MAX]).
                    y_reg <= q_reg[OUT_WIDTH-1:0] + ZP_32[OUT_WIDTH-1:0] + {{(OUT_WIDTH - 1){1'b0}}, round_up};
                end
            end

            assign out_data[l*OUT_WIDTH +: OUT_WIDTH] = y_reg;
        end
    endgenerate

endmodule

`resetall
