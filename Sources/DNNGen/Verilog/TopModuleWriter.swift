/// Writes the generated top module: input adapter, one `dnngen_mvu` per layer with its ROMs,
/// output adapter, wired by name. It only instantiates templates; every number comes from the plan.
struct TopModuleWriter {
    let plan: HardwarePlan
    let context: GenerationContext

    var moduleName: String { VerilogName.topModule(plan.modelName) }

    /// ROM images in the order they are instantiated, with their file names.
    var romImages: [RomImage] {
        plan.engines.enumerated().flatMap { index, engine -> [RomImage] in
            let prefix = VerilogName.layer(engine.layer.layerName, index: index + 1)
            return (0..<engine.pe).map { engine.weightImage(pe: $0, fileName: "\(prefix)_w_pe\($0).hex") }
                + [engine.parameterImage(fileName: "\(prefix)_params.hex")]
        }
    }

    func text() -> String {
        let network = plan.network
        let inWidth = network.inputType.bits
        let outWidth = network.outputType.bits
        var v = context.header("//", purpose: "Top module: the network as a layer pipeline of matrix-vector units.", modelName: plan.modelName)
        v += """
        //
        // Input: one element per beat, \(network.inputCount) per inference (C order), \(network.inputType.shortName).
        // Output: one element per beat, \(network.outputConstants.count) per inference, \(network.outputType.shortName), tlast on the last.
        // Initiation interval (plan): \(plan.initiationInterval) cycles.

        `resetall
        `timescale 1ns / 1ps
        `default_nettype none

        module \(moduleName) (
            input  wire                clk,
            input  wire                rst,
            input  wire [\(inWidth - 1):0]        s_axis_tdata,
            input  wire                s_axis_tvalid,
            output wire                s_axis_tready,
            // The vector length is fixed by the model, so the input tlast is not needed.
            /* verilator lint_off UNUSEDSIGNAL */
            input  wire                s_axis_tlast,
            /* verilator lint_on UNUSEDSIGNAL */
            output wire [\(outWidth - 1):0]        m_axis_tdata,
            output wire                m_axis_tvalid,
            input  wire                m_axis_tready,
            output wire                m_axis_tlast
        );

        wire [\(inWidth - 1):0] in_select_tdata;
        wire        in_select_tvalid;
        wire        in_select_tready;

        dnngen_stream_select #(
            .COUNT(\(network.inputCount)),
            .WIDTH(\(inWidth)),
            .KEEP(\(BitWord.verilogMask(plan.inputKeep)))
        ) in_select_inst (
            .clk(clk),
            .rst(rst),
            .s_axis_tdata(s_axis_tdata),
            .s_axis_tvalid(s_axis_tvalid),
            .s_axis_tready(s_axis_tready),
            .m_axis_tdata(in_select_tdata),
            .m_axis_tvalid(in_select_tvalid),
            .m_axis_tready(in_select_tready)
        );


        """
        var source = "in_select"
        for (index, engine) in plan.engines.enumerated() {
            let name = VerilogName.layer(engine.layer.layerName, index: index + 1)
            v += layerText(engine, name: name, source: source)
            source = name
        }
        v += outputText(source: source)
        v += "\nendmodule\n\n`resetall\n"
        return v
    }

    private func layerText(_ engine: DenseEngine, name: String, source: String) -> String {
        let layer = engine.layer
        let outBits = layer.outputType.bits
        let weightAddressWidth = addressWidth(engine.nf * engine.sf)
        let paramAddressWidth = addressWidth(engine.nf)
        let laneBits = engine.simd * layer.weightBits
        var v = """
        // ---- layer '\(layer.layerName)': dense \(layer.originalShape[0])x\(layer.originalShape[1]) compacted to \(layer.rows.count)x\(layer.columns.count), PE \(engine.pe) x SIMD \(engine.simd), \(engine.cycles) cycles, acc \(engine.accumulatorWidth) bits
        wire [\(engine.pe * outBits - 1):0] \(name)_tdata;
        wire        \(name)_tvalid;
        wire        \(name)_tready;
        wire [\(weightAddressWidth - 1):0] \(name)_weight_addr;
        wire [\(engine.pe * laneBits - 1):0] \(name)_weight_data;
        wire [\(paramAddressWidth - 1):0] \(name)_param_addr;
        wire [\(engine.pe * engine.paramWordBits - 1):0] \(name)_param_data;


        """
        for p in 0..<engine.pe {
            v += """
            dnngen_rom #(
                .WIDTH(\(laneBits)),
                .DEPTH(\(engine.nf * engine.sf)),
                .ADDR_WIDTH(\(weightAddressWidth)),
                .INIT_FILE("rom/\(name)_w_pe\(p).hex")
            ) \(name)_weight_rom\(p)_inst (
                .clk(clk),
                .addr(\(name)_weight_addr),
                .data(\(name)_weight_data[\(p * laneBits) +: \(laneBits)])
            );


            """
        }
        v += """
        dnngen_rom #(
            .WIDTH(\(engine.pe * engine.paramWordBits)),
            .DEPTH(\(engine.nf)),
            .ADDR_WIDTH(\(paramAddressWidth)),
            .INIT_FILE("rom/\(name)_params.hex")
        ) \(name)_param_rom_inst (
            .clk(clk),
            .addr(\(name)_param_addr),
            .data(\(name)_param_data)
        );

        dnngen_mvu #(
            .PE(\(engine.pe)),
            .SIMD(\(engine.simd)),
            .NF(\(engine.nf)),
            .SF(\(engine.sf)),
            .IN_LANES(\(engine.inLanes)),
            .IN_BEATS(\(engine.inBeats)),
            .IN_WIDTH(\(layer.inputType.bits)),
            .IN_SIGNED(\(layer.inputType.signed ? 1 : 0)),
            .WEIGHT_WIDTH(\(layer.weightBits)),
            .WEIGHT_KIND(\(WeightEncoding.verilogKind(layer.weightKind))),
            .ACC_WIDTH(\(engine.accumulatorWidth)),
            .BIAS_WIDTH(\(engine.biasWidth)),
            .MULT_WIDTH(\(DenseEngine.multiplierWidth)),
            .SHIFT_WIDTH(\(DenseEngine.shiftWidth)),
            .ROUNDING(\(roundingCode(layer.rounding))),
            .OUT_WIDTH(\(outBits)),
            .OUT_MIN(\(layer.outputType.min)),
            .OUT_MAX(\(layer.outputType.max)),
            .FIFO_DEPTH(\(DenseEngine.fifoDepth)),
            .WADDR_WIDTH(\(weightAddressWidth)),
            .PADDR_WIDTH(\(paramAddressWidth))
        ) \(name)_mvu_inst (
            .clk(clk),
            .rst(rst),
            .s_axis_tdata(\(source)_tdata),
            .s_axis_tvalid(\(source)_tvalid),
            .s_axis_tready(\(source)_tready),
            .m_axis_tdata(\(name)_tdata),
            .m_axis_tvalid(\(name)_tvalid),
            .m_axis_tready(\(name)_tready),
            .weight_addr(\(name)_weight_addr),
            .weight_data(\(name)_weight_data),
            .param_addr(\(name)_param_addr),
            .param_data(\(name)_param_data)
        );


        """
        return v
    }

    private func outputText(source: String) -> String {
        let network = plan.network
        guard let last = plan.engines.last else { return "" }
        let width = network.outputType.bits
        let keep = network.outputConstants.map { $0 == nil }
        var constants = BitWord()
        for value in network.outputConstants { constants.append(Int128(value ?? 0), width: width) }
        return """
        dnngen_stream_expand #(
            .COUNT(\(network.outputConstants.count)),
            .LANES(\(last.pe)),
            .BEATS(\(last.nf)),
            .WIDTH(\(width)),
            .KEEP(\(BitWord.verilogMask(keep))),
            .CONSTS(\(constants.width)'h\(constants.hex))
        ) out_expand_inst (
            .clk(clk),
            .rst(rst),
            .s_axis_tdata(\(source)_tdata),
            .s_axis_tvalid(\(source)_tvalid),
            .s_axis_tready(\(source)_tready),
            .m_axis_tdata(m_axis_tdata),
            .m_axis_tvalid(m_axis_tvalid),
            .m_axis_tready(m_axis_tready),
            .m_axis_tlast(m_axis_tlast)
        );

        """
    }

    private func roundingCode(_ rounding: Rounding) -> Int {
        switch rounding {
        case .halfUp: return 0
        case .halfEven: return 1
        case .floor: return 2
        }
    }
}

/// Bits to address `depth` words, at least 1.
func addressWidth(_ depth: Int) -> Int {
    var width = 1
    while (1 << width) < depth { width += 1 }
    return width
}
