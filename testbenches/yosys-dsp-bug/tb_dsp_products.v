// Drives dsp_products (the RTL) and dsp_products_net (Yosys's netlist of it, renamed) with the
// same 200 random inputs and prints "mismatches=N of 200"; N > 0 means the netlist is wrong.
`timescale 1ns / 1ps
module tb_dsp_products;
    reg                clk = 1'b0;
    reg signed [3:0]   a0, a1;
    reg signed [7:0]   b0, b1;
    wire signed [12:0] y_rtl, y_net;
    integer            i;
    integer            mismatches = 0;

    dsp_products     rtl (.clk(clk), .a0(a0), .a1(a1), .b0(b0), .b1(b1), .y(y_rtl));
    dsp_products_net net (.clk(clk), .a0(a0), .a1(a1), .b0(b0), .b1(b1), .y(y_net));

    initial begin
        for (i = 0; i < 200; i = i + 1) begin
            a0 = $random; a1 = $random; b0 = $random; b1 = $random;
            #1 clk = 1'b1;
            #1 clk = 1'b0;
            if (y_rtl !== y_net) begin
                mismatches = mismatches + 1;
                if (mismatches <= 3) $display("inputs %0d*%0d + %0d*%0d: rtl %0d, netlist %b", a0, b0, a1, b1, y_rtl, y_net);
            end
        end
        $display("mismatches=%0d of 200", mismatches);
        $finish;
    end
endmodule
