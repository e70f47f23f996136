// The control case of dsp_products.v: one registered signed product, which Yosys maps correctly
// onto an SB_MAC16. It shows the simulation models and the bench are sound.
module dsp_products (input wire clk, input wire signed [3:0] a0, a1, input wire signed [7:0] b0, b1,
                     output wire signed [12:0] y);
    reg signed [11:0] p0;
    always @(posedge clk) begin p0 <= a0 * b0; end
    assign y = p0;  // a1 and b1 unused
endmodule
