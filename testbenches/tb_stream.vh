// tb_stream.vh: the bench side of tb_axis_driver, `include'd in a streaming
// unit bench's body after tb_common.vh and after the bench has declared
// s_tdata and m_tdata (their widths are the bench's). Declares the other
// stream wires and what the driver reports, and `TB_DRIVER_PORTS, its port
// list:
//
//   tb_axis_driver #(.IN_WIDTH(...), ...) driver_inst (`TB_DRIVER_PORTS);
//
// and, for a bench with file images, `TB_DRIVER_BENCH_PARAMS.
//
// The bench connects its unit to s_t* and m_t* (`TB_UNIT_PORTS), calls
// tb_run_driver, makes its own checks and gives its verdict.

    wire        s_tvalid;
    wire        s_tready;
    wire        m_tvalid;
    wire        m_tready;
    wire [31:0] phase;
    wire [31:0] in_beat;
    wire [31:0] out_count;
    wire signed [31:0] first_in;
    wire signed [31:0] vec0_last_in;
    wire signed [31:0] last_in;
    wire signed [31:0] first_valid;
    wire signed [31:0] last_out;
    wire        over;
    wire [31:0] driver_errors;

// The bench's INPUT_FILE, EXPECTED_FILE, SEED and TIMEOUT parameters, passed
// on to the driver: tb_axis_driver #(..., `TB_DRIVER_BENCH_PARAMS) ...
`ifndef TB_DRIVER_BENCH_PARAMS
`define TB_DRIVER_BENCH_PARAMS \
        .INPUT_FILE(INPUT_FILE), .EXPECTED_FILE(EXPECTED_FILE), .SEED(SEED), .TIMEOUT(TIMEOUT)
`endif

`ifndef TB_DRIVER_PORTS
`define TB_DRIVER_PORTS \
        .clk(clk), .rst(rst), \
        .s_tdata(s_tdata), .s_tvalid(s_tvalid), .s_tready(s_tready), \
        .m_tdata(m_tdata), .m_tvalid(m_tvalid), .m_tready(m_tready), \
        .phase(phase), .in_beat(in_beat), .out_count(out_count), \
        .first_in(first_in), .vec0_last_in(vec0_last_in), .last_in(last_in), \
        .first_valid(first_valid), .last_out(last_out), \
        .over(over), .errors(driver_errors)
`endif

    // Releases rst after four clocks, waits until the driver is over and adds
    // its errors to mismatches.
    task tb_run_driver;
        begin
            repeat (4) @(posedge clk);
            rst <= 1'b0;
            wait (over);
            mismatches = mismatches + driver_errors;
        end
    endtask
