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

        .PHONY: sim lint synth clean

        # Simulate the self-checking testbench; the last line says PASS or FAIL.
        sim: build/sim.vvp
        \t$(VVP) -n build/sim.vvp

        build/sim.vvp: files.f $(RTL) tb/dnngen_tb.v tb/tb.v
        \tmkdir -p build
        \t$(IVERILOG) -g2005 -o $@ -s tb $(RTL) tb/dnngen_tb.v tb/tb.v

        # Lint the synthesizable sources with every warning on.
        lint:
        \t$(VERILATOR) --lint-only -Wall --top-module $(TOP) $(RTL)

        # Generic synthesis with Yosys, then the cell count.
        synth:
        \tmkdir -p build
        \t$(YOSYS) -q -p "read_verilog -defer $(RTL); synth -top $(TOP); check -assert; tee -o build/synth.txt stat"

        clean:
        \trm -rf build tb/actual.txt

        """
    }
}
