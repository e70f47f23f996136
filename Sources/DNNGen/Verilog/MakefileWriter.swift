/// Writes the design folder's Makefile: `sim` (iverilog/vvp), `lint` (verilator), `synth` (yosys).
struct MakefileWriter {
    let plan: HardwarePlan
    let context: GenerationContext

    func text(top: String) -> String {
        context.header("#", purpose: "Makefile for the generated design. Run from this folder.", modelName: plan.modelName) + """

        IVERILOG  ?= iverilog
        VVP       ?= vvp
        VERILATOR ?= verilator
        YOSYS     ?= yosys
        TOP       := \(top)
        RTL       := $(shell cat files.f)

        .PHONY: sim lint synth gatesim clean

        # Simulate the self-checking testbench; the last line says PASS or FAIL.
        sim: build/sim.vvp
        \t$(VVP) -n build/sim.vvp

        build/sim.vvp: files.f $(RTL) tb/dnngen_tb.v tb/tb.v
        \tmkdir -p build
        \t$(IVERILOG) -g2005 -o $@ -s tb $(RTL) tb/dnngen_tb.v tb/tb.v

        # Lint the synthesizable sources with every warning on.
        lint:
        \t$(VERILATOR) --lint-only -Wall --top-module $(TOP) $(RTL)

        # Yosys: generic synthesis (cell count, latch check), then synth_xilinx with a
        # summary of LUTs, flip-flops, block RAM (18 Kb units) and DSPs. DSP inference is off
        # (-nodsp): Yosys 0.23's DSP48 mapping of these designs fails gate-level simulation.
        synth: build/synth_generic.txt build/synth_xilinx.txt
        \t@awk '/Number of cells/ { cells = $$4 } END { printf "generic: %d cells, no latches\\n", cells }' build/synth_generic.txt
        \t@awk '/ LUT[1-6] / { lut += $$2 } / FD[A-Z]* / { ff += $$2 } / RAMB18/ { bram += $$2 } / RAMB36/ { bram += 2 * $$2 } / DSP48/ { dsp += $$2 } / RAM[0-9]+[MXS]/ { lutram += $$2 } \\
        \t     END { printf "xilinx: LUT %d  FF %d  BRAM18 %d  DSP %d  LUTRAM cells %d\\n", lut, ff, bram, dsp, lutram }' build/synth_xilinx.txt

        build/synth_generic.txt: files.f $(RTL)
        \tmkdir -p build
        \t$(YOSYS) -q -l build/synth_generic.log -p "read_verilog -defer $(RTL); synth -flatten -top $(TOP); check -assert; select -assert-none t:\\$$_DLATCH*; tee -q -o $@ stat"

        build/synth_xilinx.txt: files.f $(RTL)
        \tmkdir -p build
        \t$(YOSYS) -q -l build/synth_xilinx.log -p "read_verilog -defer $(RTL); synth_xilinx -flatten -nodsp -top $(TOP); check -assert; tee -q -o $@ stat"

        # Gate-level check: simulate the generic synthesized netlist with the same testbench.
        gatesim: build/net.v tb/dnngen_tb.v tb/tb.v
        \t$(IVERILOG) -g2005 -o build/net.vvp -s tb build/net.v tb/dnngen_tb.v tb/tb.v
        \t$(VVP) -n build/net.vvp

        build/net.v: files.f $(RTL)
        \tmkdir -p build
        \t$(YOSYS) -q -p "read_verilog -defer $(RTL); synth -flatten -top $(TOP); write_verilog -noattr $@"

        clean:
        \trm -rf build tb/actual.txt

        """
    }
}
