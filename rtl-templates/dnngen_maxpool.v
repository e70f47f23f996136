// dnngen_maxpool: streaming max pooling, stride = kernel (non-overlapping
// windows), no padding.
//
// Contract
//   Input stream s_axis: feature maps in HWC order: pixels row by row (h,
//   then w), each pixel's CHANNELS elements in channel order, LANES
//   consecutive elements per beat (lane k at [k*WIDTH +: WIDTH]); a pixel is
//   BEATS = CHANNELS/LANES beats, an image IMG_H*IMG_W*BEATS beats. Images
//   follow each other back to back; there is no tlast.
//   Output stream m_axis: the pooled map in the same convention,
//     OUT_H = IMG_H / KERNEL_H, OUT_W = IMG_W / KERNEL_W   (floor),
//   output (oh, ow, c) = max over ki < KERNEL_H, kj < KERNEL_W of input
//   (oh*KERNEL_H + ki, ow*KERNEL_W + kj, c), compared as two's complement
//   (SIGNED = 1) or unsigned (SIGNED = 0). Input rows and columns past the
//   last full window are consumed and dropped.
//   Stream rules: a transfer happens when tvalid && tready; once tvalid is
//   high, tvalid and tdata hold until the transfer; tvalid never depends on
//   tready. s_axis_tready depends on m_axis_tready (not on s_axis_tvalid):
//   it is low only for a beat that completes an output beat while the
//   output register is full and m_axis_tready is low.
//
//   Schedule: one input beat per clock; the beats of a window's last pixel
//   (row KERNEL_H-1, column KERNEL_W-1 of the window) each give one output
//   beat, valid the clock after their acceptance. With the output never
//   blocking, an image takes IMG_H*IMG_W*BEATS clocks, back to back, and
//   the first output beat of an image is valid
//     ((KERNEL_H-1)*IMG_W + KERNEL_W-1)*BEATS + 1
//   clocks after the image's first input beat is accepted.
//
//   Architecture: the partial maxima of one row of windows, OUT_W*BEATS
//   words of LANES elements, in a memory with asynchronous read and a
//   synchronous write (read-modify-write in one clock, so a word written at
//   one edge is read correctly in the next clock): registers, or LUT RAM on
//   FPGAs. The first pixel of a window overwrites its word, the others
//   compare with it.
//
//   Reset (synchronous, active high) clears control state only: the beat,
//   column and row counters, the memory address and the output valid bit
//   (the next beat is the first of an image); not the partial maxima or the
//   output data.
//
// Parameters (legal ranges, checked at elaboration)
//   WIDTH                element width in bits, >= 1
//   SIGNED               1: two's complement elements, 0: unsigned
//   CHANNELS, LANES      >= 1, CHANNELS % LANES == 0
//   IMG_H, IMG_W         input image size, >= KERNEL_H, >= KERNEL_W
//   KERNEL_H, KERNEL_W   pooling window (and stride), >= 1

`resetall
`timescale 1ns / 1ps
`default_nettype none

module dnngen_maxpool #(
    // Element width in bits.
    parameter WIDTH = 8,
    // 1: compare as two's complement, 0: as unsigned.
    parameter SIGNED = 0,
    // Channels per pixel.
    parameter CHANNELS = 2,
    // Elements per beat (input and output); CHANNELS % LANES == 0.
    parameter LANES = 1,
    // Input image height in pixels.
    parameter IMG_H = 6,
    // Input image width in pixels.
    parameter IMG_W = 6,
    // Window height (and vertical stride).
    parameter KERNEL_H = 2,
    // Window width (and horizontal stride).
    parameter KERNEL_W = 2
) (
    input  wire                   clk,
    input  wire                   rst,

    input  wire [LANES*WIDTH-1:0] s_axis_tdata,
    input  wire                   s_axis_tvalid,
    output wire                   s_axis_tready,

    output wire [LANES*WIDTH-1:0] m_axis_tdata,
    output wire                   m_axis_tvalid,
    input  wire                   m_axis_tready
);

    localparam BEATS = (LANES > 0) ? CHANNELS / LANES : 1;
    localparam BEAT_WIDTH = LANES * WIDTH;
    localparam OUT_H = IMG_H / KERNEL_H;
    localparam OUT_W = IMG_W / KERNEL_W;
    localparam DEPTH = (OUT_W * BEATS > 0) ? OUT_W * BEATS : 1;
    localparam MAX_DIM = (IMG_H > IMG_W) ? IMG_H : IMG_W;
    localparam ROW_CNT_WIDTH = (IMG_H > 1) ? $clog2(IMG_H) : 1;
    localparam COL_CNT_WIDTH = (IMG_W > 1) ? $clog2(IMG_W) : 1;
    localparam BEAT_CNT_WIDTH = (BEATS > 1) ? $clog2(BEATS) : 1;
    localparam ADDR_WIDTH = (DEPTH > 1) ? $clog2(DEPTH) : 1;
    // Counter end values, sized through 32-bit constants (lint-clean).
    localparam [31:0] LAST_ROW_32 = IMG_H - 1;
    localparam [31:0] LAST_COL_32 = IMG_W - 1;
    localparam [31:0] LAST_BEAT_32 = BEATS - 1;
    localparam [ROW_CNT_WIDTH-1:0] LAST_ROW = LAST_ROW_32[ROW_CNT_WIDTH-1:0];
    localparam [COL_CNT_WIDTH-1:0] LAST_COL = LAST_COL_32[COL_CNT_WIDTH-1:0];
    localparam [BEAT_CNT_WIDTH-1:0] LAST_BEAT = LAST_BEAT_32[BEAT_CNT_WIDTH-1:0];

    // Bit p: position p (0 .. size-1) lies in a full window (p < used) and
    // is at offset phase in it (phase < 0: any offset).
    function [MAX_DIM-1:0] window_mask;
        input integer used;
        input integer kernel;
        input integer phase;
        integer p;
        begin
            window_mask = {MAX_DIM{1'b0}};
            for (p = 0; p < used; p = p + 1) begin
                window_mask[p] = (phase < 0) || (p % kernel == phase);
            end
        end
    endfunction

    localparam [MAX_DIM-1:0] ROW_USED_ALL = window_mask(OUT_H * KERNEL_H, KERNEL_H, -1);
    localparam [MAX_DIM-1:0] ROW_FIRST_ALL = window_mask(OUT_H * KERNEL_H, KERNEL_H, 0);
    localparam [MAX_DIM-1:0] ROW_LAST_ALL = window_mask(OUT_H * KERNEL_H, KERNEL_H, KERNEL_H - 1);
    localparam [MAX_DIM-1:0] COL_USED_ALL = window_mask(OUT_W * KERNEL_W, KERNEL_W, -1);
    localparam [MAX_DIM-1:0] COL_FIRST_ALL = window_mask(OUT_W * KERNEL_W, KERNEL_W, 0);
    localparam [MAX_DIM-1:0] COL_LAST_ALL = window_mask(OUT_W * KERNEL_W, KERNEL_W, KERNEL_W - 1);
    localparam [IMG_H-1:0] ROW_USED = ROW_USED_ALL[IMG_H-1:0];
    localparam [IMG_H-1:0] ROW_FIRST = ROW_FIRST_ALL[IMG_H-1:0];
    localparam [IMG_H-1:0] ROW_LAST = ROW_LAST_ALL[IMG_H-1:0];
    localparam [IMG_W-1:0] COL_USED = COL_USED_ALL[IMG_W-1:0];
    localparam [IMG_W-1:0] COL_FIRST = COL_FIRST_ALL[IMG_W-1:0];
    localparam [IMG_W-1:0] COL_LAST = COL_LAST_ALL[IMG_W-1:0];

    initial begin
        if (WIDTH < 1) $fatal(1, "WIDTH %0d < 1 (%m)", WIDTH);
        if (SIGNED != 0 && SIGNED != 1) $fatal(1, "SIGNED %0d is not 0 or 1 (%m)", SIGNED);
        if (CHANNELS < 1) $fatal(1, "CHANNELS %0d < 1 (%m)", CHANNELS);
        if (LANES < 1) $fatal(1, "LANES %0d < 1 (%m)", LANES);
        if (CHANNELS % LANES != 0) begin
            $fatal(1, "CHANNELS %0d %% LANES %0d != 0 (%m)", CHANNELS, LANES);
        end
        if (KERNEL_H < 1 || KERNEL_W < 1) begin
            $fatal(1, "kernel %0dx%0d is empty (%m)", KERNEL_H, KERNEL_W);
        end
        if (IMG_H < KERNEL_H || IMG_W < KERNEL_W) begin
            $fatal(1, "image %0dx%0d smaller than the kernel %0dx%0d (%m)",
                   IMG_H, IMG_W, KERNEL_H, KERNEL_W);
        end
    end

    // ------------------------------------------------------------- control
    reg [ROW_CNT_WIDTH-1:0]  row_reg;
    reg [ROW_CNT_WIDTH-1:0]  row_next;
    reg [COL_CNT_WIDTH-1:0]  col_reg;
    reg [COL_CNT_WIDTH-1:0]  col_next;
    reg [BEAT_CNT_WIDTH-1:0] beat_reg;
    reg [BEAT_CNT_WIDTH-1:0] beat_next;
    // Memory word of this beat, and of the beat 0 of this window's pixels.
    reg [ADDR_WIDTH-1:0]     addr_reg;
    reg [ADDR_WIDTH-1:0]     addr_next;
    reg [ADDR_WIDTH-1:0]     base_reg;
    reg [ADDR_WIDTH-1:0]     base_next;
    reg                      m_valid_reg;
    reg                      m_valid_next;

    wire used = ROW_USED[row_reg] && COL_USED[col_reg];
    wire first = ROW_FIRST[row_reg] && COL_FIRST[col_reg];
    wire col_last_in_win = COL_LAST[col_reg];
    // This beat completes an output beat.
    wire produce = ROW_LAST[row_reg] && col_last_in_win;
    wire beat_last = (beat_reg == LAST_BEAT);
    wire col_end = (col_reg == LAST_COL);
    wire in_ready = !produce || !m_valid_reg || m_axis_tready;
    wire in_accept = s_axis_tvalid && in_ready;

    assign s_axis_tready = in_ready;

    always @* begin
        row_next = row_reg;
        col_next = col_reg;
        beat_next = beat_reg;
        addr_next = addr_reg;
        base_next = base_reg;
        m_valid_next = m_valid_reg;

        if (in_accept) begin
            if (beat_last) begin
                beat_next = {BEAT_CNT_WIDTH{1'b0}};
                if (col_end) begin
                    col_next = {COL_CNT_WIDTH{1'b0}};
                    if (row_reg == LAST_ROW) begin
                        row_next = {ROW_CNT_WIDTH{1'b0}};
                    end else begin
                        row_next = row_reg + 1'b1;
                    end
                end else begin
                    col_next = col_reg + 1'b1;
                end
            end else begin
                beat_next = beat_reg + 1'b1;
            end

            if (beat_last && col_end) begin
                // Next row of pixels: back to the first window.
                addr_next = {ADDR_WIDTH{1'b0}};
                base_next = {ADDR_WIDTH{1'b0}};
            end else if (used) begin
                if (!beat_last) begin
                    addr_next = addr_reg + 1'b1;
                end else if (col_last_in_win) begin
                    // Next window of the row.
                    addr_next = addr_reg + 1'b1;
                    base_next = addr_reg + 1'b1;
                end else begin
                    // Next pixel of the same window.
                    addr_next = base_reg;
                end
            end
        end

        if (m_valid_reg && m_axis_tready) begin
            m_valid_next = 1'b0;
        end
        if (in_accept && produce) begin
            m_valid_next = 1'b1;
        end
    end

    always @(posedge clk) begin
        row_reg <= row_next;
        col_reg <= col_next;
        beat_reg <= beat_next;
        addr_reg <= addr_next;
        base_reg <= base_next;
        m_valid_reg <= m_valid_next;

        if (rst) begin
            row_reg <= {ROW_CNT_WIDTH{1'b0}};
            col_reg <= {COL_CNT_WIDTH{1'b0}};
            beat_reg <= {BEAT_CNT_WIDTH{1'b0}};
            addr_reg <= {ADDR_WIDTH{1'b0}};
            base_reg <= {ADDR_WIDTH{1'b0}};
            m_valid_reg <= 1'b0;
        end
    end

    // ------------------------------------------------------------ datapath
    reg  [BEAT_WIDTH-1:0] part_mem [0:DEPTH-1];
    wire [BEAT_WIDTH-1:0] part = part_mem[addr_reg];
    wire [BEAT_WIDTH-1:0] max_data;

    genvar k;
    generate
        for (k = 0; k < LANES; k = k + 1) begin : g_lane
            wire [WIDTH-1:0] x = s_axis_tdata[k*WIDTH +: WIDTH];
            wire [WIDTH-1:0] p = part[k*WIDTH +: WIDTH];
            wire             x_greater;

            if (SIGNED != 0) begin : g_signed
                assign x_greater = $signed(x) > $signed(p);
            end else begin : g_unsigned
                assign x_greater = x > p;
            end

            assign max_data[k*WIDTH +: WIDTH] = (first || x_greater) ? x : p;
        end
    endgenerate

    reg [BEAT_WIDTH-1:0] m_data_reg;

    always @(posedge clk) begin
        if (in_accept && used) begin
            part_mem[addr_reg] <= max_data;
        end
        if (in_accept && produce) begin
            m_data_reg <= max_data;
        end
    end

    assign m_axis_tdata = m_data_reg;
    assign m_axis_tvalid = m_valid_reg;

endmodule

`resetall
