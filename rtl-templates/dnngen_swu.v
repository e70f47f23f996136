// dnngen_swu: sliding-window unit. Turns a feature-map stream into one
// im2col window per output pixel of a conv2d with zero padding (the input
// of the MVU that computes the convolution).
//
// Contract
//   Input stream s_axis: feature maps in HWC order: pixels row by row (h,
//   then w), each pixel's CHANNELS elements in channel order, LANES
//   consecutive elements per beat (lane k at [k*WIDTH +: WIDTH]); a pixel is
//   BEATS = CHANNELS/LANES beats, an image IMG_H*IMG_W*BEATS beats. Images
//   follow each other back to back; there is no tlast.
//   Output stream m_axis: one beat per output pixel (oh, ow), row-major,
//   OUT_H*OUT_W beats per image, with
//     OUT_H = (IMG_H + 2*PAD_H - KERNEL_H) / STRIDE_H + 1   (floor)
//     OUT_W = (IMG_W + 2*PAD_W - KERNEL_W) / STRIDE_W + 1   (floor).
//   Element (ki, kj, c) of the window, the input pixel at row
//   oh*STRIDE_H - PAD_H + ki, column ow*STRIDE_W - PAD_W + kj, channel c,
//   is at [((ki*KERNEL_W + kj)*CHANNELS + c)*WIDTH +: WIDTH]; positions in
//   the padding are 0. Input rows and columns past the last window are
//   consumed and unused.
//   Stream rules: a transfer happens when tvalid && tready; once tvalid is
//   high, tvalid and tdata hold until the transfer; tvalid never depends on
//   tready. s_axis_tready depends on m_axis_tready (not on s_axis_tvalid):
//   a beat that completes a window is only taken when the window can be
//   loaded into the output register.
//
//   Schedule: the unit scans the padded image, PAD_IMG_H = IMG_H + 2*PAD_H
//   rows of PAD_IMG_W = IMG_W + 2*PAD_W positions, in raster order, one
//   step per position: a real pixel steps with the acceptance of its last
//   beat (BEATS clocks at one beat per clock), a padding pixel is made
//   internally in one clock with s_axis_tready low. A step is held only
//   when it completes a window while the output register is still full and
//   m_axis_tready is low. Hence, with the output never blocking and the
//   input never idle, an image takes exactly
//     IMG_H*IMG_W*BEATS + (PAD_IMG_H*PAD_IMG_W - IMG_H*IMG_W)
//   clocks (input beats + padding pixels), back to back. The padding of
//   image n (its bottom rows) and image n+1 (top rows, left columns) is
//   generated before image n+1's first beat is taken; the source may
//   present that beat as soon as image n's last beat is in.
//   Latency: a window is valid on m_axis the clock after the step that
//   completes it (the acceptance of its last real pixel's last beat, or its
//   last padding pixel).
//
//   Architecture: line buffers, no frame buffer. A window is one column of
//   KERNEL_H pixels per step pushed into a shift register of KERNEL_W-1
//   columns; the column is the new pixel under KERNEL_H-1 pixels of the
//   rows above at the same column, read from the line buffer, which then
//   stores the column's lower KERNEL_H-1 pixels back (read-modify-write,
//   one word per input column: IMG_W words of (KERNEL_H-1)*CHANNELS*WIDTH
//   bits). Padding columns skip the line buffer; padding rows store zero
//   pixels. The line buffer is a simple dual-port RAM in the block-RAM
//   inference pattern: reg array, write port and registered read port in
//   one clocked block, no reset, no read enable; the read address is the
//   next column, so the word is ready when the step comes, and read and
//   write addresses differ in every cycle that writes (IMG_W >= 2), so the
//   read-during-write mode does not matter and Yosys, Vivado and Quartus
//   infer RAM. Which RAM is the tool's choice by size: Yosys 0.23
//   synth_xilinx maps the shallow line buffers of small images to LUT RAM
//   (28x28x1 5x5, 28 words of 32 bits: 6 RAM32M; 12x12x6 5x5, 12 words of
//   192 bits: 32 RAM32M, where block RAM would waste most of its depth) and
//   deeper ones to block RAM (112x112x16 3x3, 112 words of 256 bits: 4
//   RAMB36E1). With IMG_W = 1 the line buffer is one register; with
//   KERNEL_H = 1 there is none.
//   Storage: (KERNEL_H-1)*IMG_W*CHANNELS*WIDTH RAM bits; registers for the
//   window shift register KERNEL_H*(KERNEL_W-1) pixels, the output window
//   KERNEL_H*KERNEL_W pixels and the pixel assembly (BEATS-1)*LANES elements.
//
//   Reset (synchronous, active high) clears control state only: the scan
//   position, the beat counter, the line buffer address and the output
//   valid bit (the next beat is the first of an image); not the line buffer,
//   the window or the output data.
//
// Parameters (legal ranges, checked at elaboration)
//   WIDTH                element width in bits, >= 1
//   CHANNELS, LANES      >= 1, CHANNELS % LANES == 0
//   IMG_H, IMG_W         input image size, >= 1
//   KERNEL_H, KERNEL_W   >= 1, KERNEL_H <= IMG_H + 2*PAD_H,
//                        KERNEL_W <= IMG_W + 2*PAD_W
//   STRIDE_H, STRIDE_W   >= 1
//   PAD_H, PAD_W         >= 0 (PAD >= KERNEL is legal: windows made only
//                        of padding are all zero)

`resetall
`timescale 1ns / 1ps
`default_nettype none

module dnngen_swu #(
    // Element width in bits.
    parameter WIDTH = 8,
    // Channels per pixel.
    parameter CHANNELS = 2,
    // Elements per input beat; CHANNELS % LANES == 0.
    parameter LANES = 1,
    // Input image height in pixels.
    parameter IMG_H = 8,
    // Input image width in pixels.
    parameter IMG_W = 8,
    // Kernel height.
    parameter KERNEL_H = 3,
    // Kernel width.
    parameter KERNEL_W = 3,
    // Vertical stride.
    parameter STRIDE_H = 1,
    // Horizontal stride.
    parameter STRIDE_W = 1,
    // Zero rows above and below the image.
    parameter PAD_H = 1,
    // Zero columns left and right of the image.
    parameter PAD_W = 1
) (
    input  wire                                        clk,
    input  wire                                        rst,

    input  wire [LANES*WIDTH-1:0]                      s_axis_tdata,
    input  wire                                        s_axis_tvalid,
    output wire                                        s_axis_tready,

    output wire [KERNEL_H*KERNEL_W*CHANNELS*WIDTH-1:0] m_axis_tdata,
    output wire                                        m_axis_tvalid,
    input  wire                                        m_axis_tready
);

    localparam BEATS = (LANES > 0) ? CHANNELS / LANES : 1;
    localparam BEAT_WIDTH = LANES * WIDTH;
    localparam PIX_WIDTH = CHANNELS * WIDTH;
    localparam COL_WIDTH = KERNEL_H * PIX_WIDTH;
    localparam WIN_WIDTH = KERNEL_H * KERNEL_W * PIX_WIDTH;
    localparam PAD_IMG_H = IMG_H + 2 * PAD_H;
    localparam PAD_IMG_W = IMG_W + 2 * PAD_W;
    localparam OUT_H = (PAD_IMG_H - KERNEL_H) / STRIDE_H + 1;
    localparam OUT_W = (PAD_IMG_W - KERNEL_W) / STRIDE_W + 1;
    // Padded row / column that completes the last window of a column / row.
    localparam LAST_WIN_ROW = KERNEL_H - 1 + (OUT_H - 1) * STRIDE_H;
    localparam LAST_WIN_COL = KERNEL_W - 1 + (OUT_W - 1) * STRIDE_W;
    localparam MAX_DIM = (PAD_IMG_H > PAD_IMG_W) ? PAD_IMG_H : PAD_IMG_W;
    localparam ROW_CNT_WIDTH = (PAD_IMG_H > 1) ? $clog2(PAD_IMG_H) : 1;
    localparam COL_CNT_WIDTH = (PAD_IMG_W > 1) ? $clog2(PAD_IMG_W) : 1;
    localparam BEAT_CNT_WIDTH = (BEATS > 1) ? $clog2(BEATS) : 1;
    // Counter end values, sized through 32-bit constants (lint-clean).
    localparam [31:0] LAST_ROW_32 = PAD_IMG_H - 1;
    localparam [31:0] LAST_COL_32 = PAD_IMG_W - 1;
    localparam [31:0] LAST_BEAT_32 = BEATS - 1;
    localparam [ROW_CNT_WIDTH-1:0] LAST_ROW = LAST_ROW_32[ROW_CNT_WIDTH-1:0];
    localparam [COL_CNT_WIDTH-1:0] LAST_COL = LAST_COL_32[COL_CNT_WIDTH-1:0];
    localparam [BEAT_CNT_WIDTH-1:0] LAST_BEAT = LAST_BEAT_32[BEAT_CNT_WIDTH-1:0];

    // Bit p: padded position p (0 .. size+2*pad-1) holds a real pixel.
    function [MAX_DIM-1:0] real_mask;
        input integer size;
        input integer pad;
        integer p;
        begin
            real_mask = {MAX_DIM{1'b0}};
            for (p = pad; p < pad + size; p = p + 1) begin
                real_mask[p] = 1'b1;
            end
        end
    endfunction

    // Bit p: padded position p completes a window (p = kernel-1 + n*stride,
    // p <= last).
    function [MAX_DIM-1:0] window_mask;
        input integer kernel;
        input integer stride;
        input integer last;
        integer p;
        begin
            window_mask = {MAX_DIM{1'b0}};
            for (p = kernel - 1; p <= last; p = p + stride) begin
                window_mask[p] = 1'b1;
            end
        end
    endfunction

    localparam [MAX_DIM-1:0] ROW_REAL_ALL = real_mask(IMG_H, PAD_H);
    localparam [MAX_DIM-1:0] COL_REAL_ALL = real_mask(IMG_W, PAD_W);
    localparam [MAX_DIM-1:0] ROW_WIN_ALL = window_mask(KERNEL_H, STRIDE_H, LAST_WIN_ROW);
    localparam [MAX_DIM-1:0] COL_WIN_ALL = window_mask(KERNEL_W, STRIDE_W, LAST_WIN_COL);
    localparam [PAD_IMG_H-1:0] ROW_REAL = ROW_REAL_ALL[PAD_IMG_H-1:0];
    localparam [PAD_IMG_W-1:0] COL_REAL = COL_REAL_ALL[PAD_IMG_W-1:0];
    localparam [PAD_IMG_H-1:0] ROW_WIN = ROW_WIN_ALL[PAD_IMG_H-1:0];
    localparam [PAD_IMG_W-1:0] COL_WIN = COL_WIN_ALL[PAD_IMG_W-1:0];

    initial begin
        if (WIDTH < 1) $fatal(1, "WIDTH %0d < 1 (%m)", WIDTH);
        if (CHANNELS < 1) $fatal(1, "CHANNELS %0d < 1 (%m)", CHANNELS);
        if (LANES < 1) $fatal(1, "LANES %0d < 1 (%m)", LANES);
        if (CHANNELS % LANES != 0) begin
            $fatal(1, "CHANNELS %0d %% LANES %0d != 0 (%m)", CHANNELS, LANES);
        end
        if (IMG_H < 1 || IMG_W < 1) $fatal(1, "image %0dx%0d is empty (%m)", IMG_H, IMG_W);
        if (KERNEL_H < 1 || KERNEL_W < 1) begin
            $fatal(1, "kernel %0dx%0d is empty (%m)", KERNEL_H, KERNEL_W);
        end
        if (STRIDE_H < 1 || STRIDE_W < 1) begin
            $fatal(1, "stride %0dx%0d < 1 (%m)", STRIDE_H, STRIDE_W);
        end
        if (PAD_H < 0 || PAD_W < 0) $fatal(1, "padding %0dx%0d < 0 (%m)", PAD_H, PAD_W);
        if (KERNEL_H > PAD_IMG_H) begin
            $fatal(1, "KERNEL_H %0d > IMG_H %0d + 2*PAD_H %0d (%m)", KERNEL_H, IMG_H, PAD_H);
        end
        if (KERNEL_W > PAD_IMG_W) begin
            $fatal(1, "KERNEL_W %0d > IMG_W %0d + 2*PAD_W %0d (%m)", KERNEL_W, IMG_W, PAD_W);
        end
    end

    // ------------------------------------------------------------- control
    reg [ROW_CNT_WIDTH-1:0]  row_reg;
    reg [ROW_CNT_WIDTH-1:0]  row_next;
    reg [COL_CNT_WIDTH-1:0]  col_reg;
    reg [COL_CNT_WIDTH-1:0]  col_next;
    reg [BEAT_CNT_WIDTH-1:0] beat_reg;
    reg [BEAT_CNT_WIDTH-1:0] beat_next;
    reg                      m_valid_reg;
    reg                      m_valid_next;

    wire row_real = ROW_REAL[row_reg];
    wire col_real = COL_REAL[col_reg];
    // The position consumes an input pixel.
    wire pos_real = row_real && col_real;
    // The step at this position completes a window.
    wire emit = ROW_WIN[row_reg] && COL_WIN[col_reg];
    wire beat_last = (beat_reg == LAST_BEAT);
    wire step_ok = !emit || !m_valid_reg || m_axis_tready;
    wire in_ready = pos_real && (!beat_last || step_ok);
    wire in_accept = s_axis_tvalid && in_ready;
    // One scan position done: its column enters the window.
    wire step = pos_real ? (in_accept && beat_last) : step_ok;

    assign s_axis_tready = in_ready;

    always @* begin
        row_next = row_reg;
        col_next = col_reg;
        beat_next = beat_reg;
        m_valid_next = m_valid_reg;

        if (in_accept) begin
            if (beat_last) begin
                beat_next = {BEAT_CNT_WIDTH{1'b0}};
            end else begin
                beat_next = beat_reg + 1'b1;
            end
        end

        if (step) begin
            if (col_reg == LAST_COL) begin
                col_next = {COL_CNT_WIDTH{1'b0}};
                if (row_reg == LAST_ROW) begin
                    row_next = {ROW_CNT_WIDTH{1'b0}};
                end else begin
                    row_next = row_reg + 1'b1;
                end
            end else begin
                col_next = col_reg + 1'b1;
            end
        end

        if (m_valid_reg && m_axis_tready) begin
            m_valid_next = 1'b0;
        end
        if (step && emit) begin
            m_valid_next = 1'b1;
        end
    end

    always @(posedge clk) begin
        row_reg <= row_next;
        col_reg <= col_next;
        beat_reg <= beat_next;
        m_valid_reg <= m_valid_next;

        if (rst) begin
            row_reg <= {ROW_CNT_WIDTH{1'b0}};
            col_reg <= {COL_CNT_WIDTH{1'b0}};
            beat_reg <= {BEAT_CNT_WIDTH{1'b0}};
            m_valid_reg <= 1'b0;
        end
    end

    // ------------------------------------------------------ pixel assembly
    // The first BEATS-1 beats of a pixel wait in a shift register; the last
    // beat completes the pixel directly from s_axis_tdata.
    wire [PIX_WIDTH-1:0] in_pixel;

    generate
        if (BEATS > 1) begin : g_assemble
            reg  [PIX_WIDTH-BEAT_WIDTH-1:0] part_reg;
            wire [PIX_WIDTH-1:0]            part_shift = {s_axis_tdata, part_reg};

            always @(posedge clk) begin
                if (in_accept && !beat_last) begin
                    part_reg <= part_shift[PIX_WIDTH-1:BEAT_WIDTH];
                end
            end

            assign in_pixel = part_shift;
        end else begin : g_single_beat
            assign in_pixel = s_axis_tdata;
        end
    endgenerate

    // The pixel of a padding row is zero.
    wire [PIX_WIDTH-1:0] pixel = pos_real ? in_pixel : {PIX_WIDTH{1'b0}};

    // ---------------------------------------------------------- line buffer
    // col_data: the window column at this position, pixel ki (row
    // position - KERNEL_H + 1 + ki) at [ki*PIX_WIDTH +: PIX_WIDTH]; zero in a
    // padding column.
    wire [COL_WIDTH-1:0] col_data;

    generate
        if (KERNEL_H > 1) begin : g_line_buffer
            localparam LB_WIDTH = (KERNEL_H - 1) * PIX_WIDTH;

            wire [LB_WIDTH-1:0] lb_rdata;
            wire [LB_WIDTH-1:0] lb_wdata = col_data[COL_WIDTH-1:PIX_WIDTH];
            wire                lb_we = step && col_real;

            assign col_data = col_real ? {pixel, lb_rdata} : {COL_WIDTH{1'b0}};

            if (IMG_W > 1) begin : g_ram
                localparam LB_ADDR_WIDTH = $clog2(IMG_W);
                localparam [31:0] LB_LAST_32 = IMG_W - 1;
                localparam [LB_ADDR_WIDTH-1:0] LB_LAST = LB_LAST_32[LB_ADDR_WIDTH-1:0];

                reg [LB_WIDTH-1:0]      lb_mem [0:IMG_W-1];
                reg [LB_WIDTH-1:0]      lb_rdata_reg;
                reg [LB_ADDR_WIDTH-1:0] lb_addr_reg;
                reg [LB_ADDR_WIDTH-1:0] lb_addr_next;

                always @* begin
                    lb_addr_next = lb_addr_reg;
                    if (lb_we) begin
                        if (lb_addr_reg == LB_LAST) begin
                            lb_addr_next = {LB_ADDR_WIDTH{1'b0}};
                        end else begin
                            lb_addr_next = lb_addr_reg + 1'b1;
                        end
                    end
                end

                // Block-RAM pattern: simple dual port, registered read of the
                // column the next step uses.
                always @(posedge clk) begin
                    if (lb_we) begin
                        lb_mem[lb_addr_reg] <= lb_wdata;
                    end
                    lb_rdata_reg <= lb_mem[lb_addr_next];
                end

                always @(posedge clk) begin
                    lb_addr_reg <= lb_addr_next;

                    if (rst) begin
                        lb_addr_reg <= {LB_ADDR_WIDTH{1'b0}};
                    end
                end

                assign lb_rdata = lb_rdata_reg;
            end else begin : g_register
                reg [LB_WIDTH-1:0] lb_reg;

                always @(posedge clk) begin
                    if (lb_we) begin
                        lb_reg <= lb_wdata;
                    end
                end

                assign lb_rdata = lb_reg;
            end
        end else begin : g_no_line_buffer
            assign col_data = col_real ? pixel : {COL_WIDTH{1'b0}};
        end
    endgenerate

    // --------------------------------------------------------------- window
    // win_cols: the window's KERNEL_W columns, oldest first, column kj pixel
    // ki at [(kj*KERNEL_H + ki)*PIX_WIDTH +: PIX_WIDTH]; the last column is
    // the one entering now, the others are the shift register.
    wire [WIN_WIDTH-1:0] win_cols;

    generate
        if (KERNEL_W > 1) begin : g_window
            reg [WIN_WIDTH-COL_WIDTH-1:0] win_reg;

            assign win_cols = {col_data, win_reg};

            always @(posedge clk) begin
                if (step) begin
                    win_reg <= win_cols[WIN_WIDTH-1:COL_WIDTH];
                end
            end
        end else begin : g_column
            assign win_cols = col_data;
        end
    endgenerate

    // Output order: (ki*KERNEL_W + kj)*CHANNELS + c.
    wire [WIN_WIDTH-1:0] window;

    genvar ki;
    genvar kj;
    generate
        for (ki = 0; ki < KERNEL_H; ki = ki + 1) begin : g_row
            for (kj = 0; kj < KERNEL_W; kj = kj + 1) begin : g_col
                assign window[(ki*KERNEL_W + kj)*PIX_WIDTH +: PIX_WIDTH] =
                    win_cols[(kj*KERNEL_H + ki)*PIX_WIDTH +: PIX_WIDTH];
            end
        end
    endgenerate

    reg [WIN_WIDTH-1:0] m_data_reg;

    always @(posedge clk) begin
        if (step && emit) begin
            m_data_reg <= window;
        end
    end

    assign m_axis_tdata = m_data_reg;
    assign m_axis_tvalid = m_valid_reg;

endmodule

`resetall
