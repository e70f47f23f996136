// tb_lfsr.vh: the 32-bit Galois LFSR step that drives the benches' tvalid gaps
// and tready stalls, `include'd in a module body.

    function [31:0] lfsr_next;
        input [31:0] s;
        lfsr_next = {1'b0, s[31:1]} ^ (s[0] ? 32'h8020_0003 : 32'h0);
    endfunction
