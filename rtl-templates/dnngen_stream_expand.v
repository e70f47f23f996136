// dnngen_stream_expand: top-level output adapter. Turns the last layer's
// beats (LANES elements each, computed rows only, in order) into the full
// output vector, one element per beat, with constants for the pruned rows
// and tlast on the last element.
//
// Contract
//   Output element i (i = 0 .. COUNT-1, then again from 0 for the next
//   vector) is the next stream element if KEEP[i] = 1, else the constant
//   CONSTS[i*WIDTH +: WIDTH]. Stream elements are taken in order, lane 0
//   first, from beats of LANES elements; an input beat is consumed
//   (s_axis_tready) together with the output transfer of its last lane, or
//   of the vector's last stream element (K-th one in KEEP), so padding lanes
//   after it are dropped. BEATS input beats make one vector.
//   m_axis_tvalid is s_axis_tvalid for a stream element and 1 for a
//   constant; m_axis_tlast = (i == COUNT-1). Combinational (latency 0), one
//   element a cycle.
//   Stream rules: transfer when tvalid && tready; tvalid and tdata hold until
//   the transfer; tvalid never depends on tready.
//   Reset (synchronous, active high) clears the element and lane counters.
//
// Parameters
//   COUNT   output elements per vector, >= 1
//   LANES   elements per input beat, >= 1
//   BEATS   input beats per vector, >= 1
//   WIDTH   element width in bits, >= 1
//   KEEP    COUNT bits; 1 = element comes from the stream. K = number of
//           ones: 1 <= K <= LANES*BEATS and LANES*BEATS - K < LANES
//   CONSTS  COUNT*WIDTH bits; element i's constant at [i*WIDTH +: WIDTH]

`resetall
`timescale 1ns / 1ps
`default_nettype none

module dnngen_stream_expand #(
    // Output elements per vector.
    parameter COUNT = 4,
    // Elements per input beat.
    parameter LANES = 2,
    // Input beats per vector.
    parameter BEATS = 2,
    // Element width in bits.
    parameter WIDTH = 8,
    // Bit i = 1: output element i comes from the stream; 0: from CONSTS.
    parameter [COUNT-1:0] KEEP = {COUNT{1'b1}},
    // Constants of the elements with KEEP[i] = 0.
    parameter [COUNT*WIDTH-1:0] CONSTS = {(COUNT*WIDTH){1'b0}}
) (
    input  wire                   clk,
    input  wire                   rst,

    input  wire [LANES*WIDTH-1:0] s_axis_tdata,
    input  wire                   s_axis_tvalid,
    output wire                   s_axis_tready,

    output wire [WIDTH-1:0]       m_axis_tdata,
    output wire                   m_axis_tvalid,
    input  wire                   m_axis_tready,
    output wire                   m_axis_tlast
);

    // Index of the last kept element.
    function integer last_kept;
        input [COUNT-1:0] keep;
        integer i;
        begin
            last_kept = 0;
            for (i = 0; i < COUNT; i = i + 1) begin
                if (keep[i]) last_kept = i;
            end
        end
    endfunction

    // Number of kept elements.
    function integer kept_count;
        input [COUNT-1:0] keep;
        integer i;
        begin
            kept_count = 0;
            for (i = 0; i < COUNT; i = i + 1) begin
                if (keep[i]) kept_count = kept_count + 1;
            end
        end
    endfunction

    localparam INDEX_WIDTH = (COUNT > 1) ? $clog2(COUNT) : 1;
    localparam LANE_WIDTH = (LANES > 1) ? $clog2(LANES) : 1;
    localparam K = kept_count(KEEP);
    localparam [31:0] LAST_INDEX_32 = COUNT - 1;
    localparam [31:0] LAST_KEPT_32 = last_kept(KEEP);
    localparam [31:0] LAST_LANE_32 = LANES - 1;
    localparam [INDEX_WIDTH-1:0] LAST_INDEX = LAST_INDEX_32[INDEX_WIDTH-1:0];
    localparam [INDEX_WIDTH-1:0] LAST_KEPT = LAST_KEPT_32[INDEX_WIDTH-1:0];
    localparam [LANE_WIDTH-1:0] LAST_LANE = LAST_LANE_32[LANE_WIDTH-1:0];

    initial begin
        if (COUNT < 1) $fatal(1, "COUNT %0d < 1 (%m)", COUNT);
        if (LANES < 1) $fatal(1, "LANES %0d < 1 (%m)", LANES);
        if (BEATS < 1) $fatal(1, "BEATS %0d < 1 (%m)", BEATS);
        if (WIDTH < 1) $fatal(1, "WIDTH %0d < 1 (%m)", WIDTH);
        if (K < 1 || K > LANES * BEATS || LANES * BEATS - K >= LANES) begin
            $fatal(1, "KEEP has %0d ones; need LANES*BEATS-LANES < K <= LANES*BEATS = %0d (%m)",
                   K, LANES * BEATS);
        end
    end

    reg [INDEX_WIDTH-1:0] index_reg;
    reg [INDEX_WIDTH-1:0] index_next;
    reg [LANE_WIDTH-1:0]  lane_reg;
    reg [LANE_WIDTH-1:0]  lane_next;

    wire keep = KEEP[index_reg];
    wire beat_done = (lane_reg == LAST_LANE) || (index_reg == LAST_KEPT);

    assign m_axis_tdata = keep ? s_axis_tdata[lane_reg*WIDTH +: WIDTH]
                               : CONSTS[index_reg*WIDTH +: WIDTH];
    assign m_axis_tvalid = keep ? s_axis_tvalid : 1'b1;
    assign m_axis_tlast = (index_reg == LAST_INDEX);
    assign s_axis_tready = keep && beat_done && m_axis_tready;

    always @* begin
        index_next = index_reg;
        lane_next = lane_reg;
        if (m_axis_tvalid && m_axis_tready) begin
            if (index_reg == LAST_INDEX) begin
                index_next = {INDEX_WIDTH{1'b0}};
            end else begin
                index_next = index_reg + 1'b1;
            end
            if (keep) begin
                if (beat_done) begin
                    lane_next = {LANE_WIDTH{1'b0}};
                end else begin
                    lane_next = lane_reg + 1'b1;
                end
            end
        end
    end

    always @(posedge clk) begin
        index_reg <= index_next;
        lane_reg <= lane_next;

        if (rst) begin
            index_reg <= {INDEX_WIDTH{1'b0}};
            lane_reg <= {LANE_WIDTH{1'b0}};
        end
    end

endmodule

`resetall
