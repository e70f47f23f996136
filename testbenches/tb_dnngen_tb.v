// tb_dnngen_tb: unit bench for dnngen_tb, wired the way a generated tb.v
// is: dnngen_tb drives a small generated-style design (a pruned dense layer:
// dnngen_stream_select -> dnngen_mvu with its ROMs -> dnngen_stream_expand)
// whose images and expected outputs come from gen_vectors.py.
// The Makefile runs it three ways: with the right expected file (must
// PASS), with one wrong expected element (must FAIL, exit 1), and with
// BREAK_OUTPUT = 1, which hides the design's output (must time out, FAIL,
// exit 1). A fourth run (tb_tail) sets TAIL_HOLD: the design takes the last
// TAIL_HOLD elements of each vector, which KEEP_IN drops, only after it has
// sent that vector's last output, as a CNN does whose unused bottom input
// rows wait behind a slow first layer; the driver must still send every
// beat of a phase before the next phase restarts the vectors (must PASS).

`resetall
`timescale 1ns / 1ps
`default_nettype none

module tb_dnngen_tb #(
    // The layer: input and output vector lengths, element types.
    parameter IN_LEN = 12,
    parameter OUT_LEN = 10,
    parameter IN_WIDTH = 8,
    parameter IN_SIGNED = 0,
    parameter OUT_WIDTH = 8,
    parameter OUT_MIN = -128,
    parameter OUT_MAX = 127,
    // Kept input columns, kept output rows, constants of the pruned rows.
    parameter [IN_LEN-1:0] KEEP_IN = {IN_LEN{1'b1}},
    parameter [OUT_LEN-1:0] KEEP_OUT = {OUT_LEN{1'b1}},
    parameter [OUT_LEN*OUT_WIDTH-1:0] CONSTS = {(OUT_LEN*OUT_WIDTH){1'b0}},
    // Kept input columns (ones in KEEP_IN).
    parameter K_IN = 12,
    // MVU fold and arithmetic.
    parameter PE = 2,
    parameter SIMD = 3,
    parameter NF = 5,
    parameter SF = 4,
    parameter WEIGHT_WIDTH = 4,
    parameter ACC_WIDTH = 16,
    parameter BIAS_WIDTH = 16,
    parameter ROUNDING = 1,
    parameter WADDR_WIDTH = 5,
    parameter PADDR_WIDTH = 3,
    // Vectors and files.
    parameter N_VEC = 6,
    parameter WEIGHT_FILE = "weights.hex",
    parameter PARAM_FILE = "params.hex",
    parameter INPUT_FILE = "input.hex",
    parameter EXPECTED_FILE = "expected.hex",
    parameter ACTUAL_FILE = "actual.txt",
    parameter TIMEOUT = 100000,
    // 1: never show the design's output (the driver must time out).
    parameter BREAK_OUTPUT = 0,
    // > 0: hold the last TAIL_HOLD input elements of a vector (dropped by
    // KEEP_IN) until that vector's last output has been sent.
    parameter TAIL_HOLD = 0
);

    localparam MULT_WIDTH = 31;
    localparam SHIFT_WIDTH = 6;
    localparam PW = BIAS_WIDTH + MULT_WIDTH + SHIFT_WIDTH;

    wire                          clk;
    wire                          rst;
    wire [IN_WIDTH-1:0]           in_tdata;
    wire                          in_tvalid;
    wire                          in_tlast;
    wire                          in_tready;
    wire                          gate_tvalid;
    wire                          gate_tready;
    wire [IN_WIDTH-1:0]           sel_tdata;
    wire                          sel_tvalid;
    wire                          sel_tready;
    wire [PE*OUT_WIDTH-1:0]       mvu_tdata;
    wire                          mvu_tvalid;
    wire                          mvu_tready;
    wire [OUT_WIDTH-1:0]          out_tdata;
    wire                          out_tvalid;
    wire                          out_tlast;
    wire                          out_tready;
    wire [WADDR_WIDTH-1:0]        weight_addr;
    wire [PE*SIMD*WEIGHT_WIDTH-1:0] weight_data;
    wire [PADDR_WIDTH-1:0]        param_addr;
    wire [PE*PW-1:0]              param_data;

    dnngen_tb #(
        .IN_WIDTH(IN_WIDTH),
        .IN_SIGNED(IN_SIGNED),
        .OUT_WIDTH(OUT_WIDTH),
        .OUT_SIGNED(OUT_MIN < 0 ? 1 : 0),
        .IN_LEN(IN_LEN),
        .OUT_LEN(OUT_LEN),
        .N_VEC(N_VEC),
        .INPUT_FILE(INPUT_FILE),
        .EXPECTED_FILE(EXPECTED_FILE),
        .ACTUAL_FILE(ACTUAL_FILE),
        .SEED(32'h1D2C_3B4A),
        .TIMEOUT(TIMEOUT)
    ) driver_inst (
        .clk(clk),
        .rst(rst),
        .dut_s_tdata(in_tdata),
        .dut_s_tvalid(in_tvalid),
        .dut_s_tlast(in_tlast),
        .dut_s_tready(in_tready),
        .dut_m_tdata(out_tdata),
        .dut_m_tvalid(out_tvalid && BREAK_OUTPUT == 0),
        .dut_m_tlast(out_tlast),
        .dut_m_tready(out_tready)
    );

    // Tail gate: counts the design's own input elements and output vectors,
    // so it follows the design's idea of where a vector starts.
    integer in_pos;           // element of the current input vector
    integer in_vecs;          // input vectors fully taken
    integer out_vecs;         // output vectors fully sent
    wire    in_tail = TAIL_HOLD > 0 && in_pos >= IN_LEN - TAIL_HOLD;
    wire    tail_open = !in_tail || out_vecs > in_vecs;

    assign gate_tvalid = in_tvalid && tail_open;
    assign in_tready = gate_tready && tail_open;

    always @(posedge clk) begin
        if (in_tvalid && in_tready) begin
            if (in_pos == IN_LEN - 1) begin
                in_pos <= 0;
                in_vecs <= in_vecs + 1;
            end else begin
                in_pos <= in_pos + 1;
            end
        end
        if (out_tvalid && out_tready && out_tlast) begin
            out_vecs <= out_vecs + 1;
        end
        if (rst) begin
            in_pos <= 0;
            in_vecs <= 0;
            out_vecs <= 0;
        end
    end

    dnngen_stream_select #(
        .COUNT(IN_LEN),
        .WIDTH(IN_WIDTH),
        .KEEP(KEEP_IN)
    ) input_select_inst (
        .clk(clk),
        .rst(rst),
        .s_axis_tdata(in_tdata),
        .s_axis_tvalid(gate_tvalid),
        .s_axis_tready(gate_tready),
        .m_axis_tdata(sel_tdata),
        .m_axis_tvalid(sel_tvalid),
        .m_axis_tready(sel_tready)
    );

    dnngen_rom #(
        .WIDTH(PE * SIMD * WEIGHT_WIDTH),
        .DEPTH(NF * SF),
        .ADDR_WIDTH(WADDR_WIDTH),
        .INIT_FILE(WEIGHT_FILE)
    ) fc_weight_rom_inst (
        .clk(clk),
        .addr(weight_addr),
        .data(weight_data)
    );

    dnngen_rom #(
        .WIDTH(PE * PW),
        .DEPTH(NF),
        .ADDR_WIDTH(PADDR_WIDTH),
        .INIT_FILE(PARAM_FILE)
    ) fc_param_rom_inst (
        .clk(clk),
        .addr(param_addr),
        .data(param_data)
    );

    dnngen_mvu #(
        .PE(PE),
        .SIMD(SIMD),
        .NF(NF),
        .SF(SF),
        .IN_LANES(1),
        .IN_BEATS(K_IN),
        .IN_WIDTH(IN_WIDTH),
        .IN_SIGNED(IN_SIGNED),
        .WEIGHT_WIDTH(WEIGHT_WIDTH),
        .WEIGHT_KIND(0),
        .ACC_WIDTH(ACC_WIDTH),
        .BIAS_WIDTH(BIAS_WIDTH),
        .MULT_WIDTH(MULT_WIDTH),
        .SHIFT_WIDTH(SHIFT_WIDTH),
        .ROUNDING(ROUNDING),
        .OUT_WIDTH(OUT_WIDTH),
        .OUT_MIN(OUT_MIN),
        .OUT_MAX(OUT_MAX),
        .FIFO_DEPTH(8),
        .WADDR_WIDTH(WADDR_WIDTH),
        .PADDR_WIDTH(PADDR_WIDTH)
    ) fc_mvu_inst (
        .clk(clk),
        .rst(rst),
        .s_axis_tdata(sel_tdata),
        .s_axis_tvalid(sel_tvalid),
        .s_axis_tready(sel_tready),
        .m_axis_tdata(mvu_tdata),
        .m_axis_tvalid(mvu_tvalid),
        .m_axis_tready(mvu_tready),
        .weight_addr(weight_addr),
        .weight_data(weight_data),
        .param_addr(param_addr),
        .param_data(param_data)
    );

    dnngen_stream_expand #(
        .COUNT(OUT_LEN),
        .LANES(PE),
        .BEATS(NF),
        .WIDTH(OUT_WIDTH),
        .KEEP(KEEP_OUT),
        .CONSTS(CONSTS)
    ) output_expand_inst (
        .clk(clk),
        .rst(rst),
        .s_axis_tdata(mvu_tdata),
        .s_axis_tvalid(mvu_tvalid),
        .s_axis_tready(mvu_tready),
        .m_axis_tdata(out_tdata),
        .m_axis_tvalid(out_tvalid),
        .m_axis_tready(out_tready),
        .m_axis_tlast(out_tlast)
    );

    // The input tlast is not needed by this design (vectors are counted).
    wire unused_in_tlast = in_tlast;

endmodule

`resetall
