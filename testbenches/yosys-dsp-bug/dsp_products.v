// Eight lines that Yosys maps wrongly with DSP inference on iCE40 (`synth_ice40 -dsp`, Yosys 0.23
// and 0.70): two registered signed products, summed. The netlist's output is undriven (x).
module dsp_products (input wire clk, input wire signed [3:0] a0, a1, input wire signed [7:0] b0, b1,
                     output wire signed [12:0] y);
    reg signed [11:0] p0, p1;
    always @(posedge clk) begin p0 <= a0 * b0; p1 <= a1 * b1; end
    assign y = p0 + p1;
endmodule
