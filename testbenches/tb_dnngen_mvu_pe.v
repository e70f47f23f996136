// tb_dnngen_mvu_pe: unit bench for dnngen_mvu_pe.
//
// Drives LFSR-random inputs, weights, biases and acc_en/acc_load every cycle
// for N_CYCLES cycles and compares acc, every cycle, with a plain model:
// products registered at the input cycle k, accumulated at k+1, visible at
// k+2; arithmetic modulo 2^ACC_WIDTH. Ends with one PASS or FAIL line; FAIL
// ends in $fatal(1).

`resetall
`timescale 1ns / 1ps
`default_nettype none

module tb_dnngen_mvu_pe #(
    // dnngen_mvu_pe parameters.
    parameter SIMD = 3,
    parameter IN_WIDTH = 8,
    parameter IN_SIGNED = 1,
    parameter WEIGHT_WIDTH = 6,
    parameter WEIGHT_KIND = 0,
    parameter ACC_WIDTH = 20,
    parameter BIAS_WIDTH = 12,
    // Cycles to run.
    parameter N_CYCLES = 3000,
    // LFSR seed.
    parameter SEED = 32'h7531_ECA8
);

`include "tb_common.vh"

    reg  [SIMD*IN_WIDTH-1:0]     in_x;
    reg  [SIMD*WEIGHT_WIDTH-1:0] in_w;
    reg                          acc_en = 1'b0;
    reg                          acc_load = 1'b0;
    reg  [BIAS_WIDTH-1:0]        acc_bias;
    wire [ACC_WIDTH-1:0]         acc;

    dnngen_mvu_pe #(
        .SIMD(SIMD),
        .IN_WIDTH(IN_WIDTH),
        .IN_SIGNED(IN_SIGNED),
        .WEIGHT_WIDTH(WEIGHT_WIDTH),
        .WEIGHT_KIND(WEIGHT_KIND),
        .ACC_WIDTH(ACC_WIDTH),
        .BIAS_WIDTH(BIAS_WIDTH)
    ) dut_inst (
        .clk(clk),
        .in_x(in_x),
        .in_w(in_w),
        .acc_en(acc_en),
        .acc_load(acc_load),
        .acc_bias(acc_bias),
        .acc(acc)
    );

    // Weight code -> value, per WEIGHT_KIND (see dnngen_weight_mul).
    function signed [255:0] weight_value;
        input [WEIGHT_WIDTH-1:0] w;
        integer e;
        begin
            if (WEIGHT_KIND == 0) begin
                weight_value = $signed(w);
            end else if (WEIGHT_KIND == 1) begin
                weight_value = w[0] ? 1 : -1;
            end else if (WEIGHT_KIND == 2) begin
                weight_value = (w == 1) ? 1 : (w == 3) ? -1 : 0;
            end else begin
                e = w % (1 << (WEIGHT_WIDTH - 1));
                weight_value = (e == 0) ? 0 : 256'sd1 <<< (e - 1);
                if (w[WEIGHT_WIDTH-1]) weight_value = -weight_value;
            end
        end
    endfunction

    function signed [255:0] input_value;
        input [IN_WIDTH-1:0] x;
        begin
            if (IN_SIGNED != 0) input_value = $signed(x);
            else input_value = {1'b0, x};
        end
    endfunction

    reg [31:0] lfsr = SEED;
    reg signed [255:0] model_sum = 0;
    reg signed [255:0] model_acc = 0;
    reg                acc_known = 1'b0;
    integer cycle = 0;
    integer checks = 0;
    integer j;

    always @(posedge clk) begin
        cycle <= cycle + 1;
        if (acc_known) begin
            if (acc !== model_acc[ACC_WIDTH-1:0]) begin
                `TB_MISMATCH(("MISMATCH cycle=%0d got=%0d exp=%0d", cycle, $signed(acc),
                                  $signed(model_acc[ACC_WIDTH-1:0])))
            end
            checks = checks + 1;
        end
        // What the PE does at this edge.
        if (acc_en && cycle > 1) begin
            model_acc = (acc_load ? $signed(acc_bias) : model_acc) + model_sum;
            acc_known = acc_known || acc_load;
        end
        model_sum = 0;
        for (j = 0; j < SIMD; j = j + 1) begin
            model_sum = model_sum + weight_value(in_w[j*WEIGHT_WIDTH +: WEIGHT_WIDTH])
                                  * input_value(in_x[j*IN_WIDTH +: IN_WIDTH]);
        end
        // New random inputs.
        for (j = 0; j < SIMD * IN_WIDTH; j = j + 1) begin
            lfsr = lfsr_next(lfsr);
            in_x[j] <= lfsr[0];
        end
        for (j = 0; j < SIMD * WEIGHT_WIDTH; j = j + 1) begin
            lfsr = lfsr_next(lfsr);
            in_w[j] <= lfsr[0];
        end
        for (j = 0; j < BIAS_WIDTH; j = j + 1) begin
            lfsr = lfsr_next(lfsr);
            acc_bias[j] <= lfsr[0];
        end
        lfsr = lfsr_next(lfsr);
        acc_en <= (lfsr % 100) < 75;
        lfsr = lfsr_next(lfsr);
        acc_load <= (lfsr % 100) < 30;
    end

    initial begin
        while (cycle < N_CYCLES) @(posedge clk);
        if (checks <= N_CYCLES / 2) begin
            `TB_MISMATCH(("MISMATCH only %0d checks in %0d cycles", checks, N_CYCLES))
        end
        tb_verdict(checks, "");
    end

endmodule

`resetall
