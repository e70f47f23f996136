/// Writes the generated top module: input adapter, one `dnngen_mvu` per layer with its ROMs,
/// output adapter, wired by name. It only instantiates templates; every number comes from the plan.
struct TopModuleWriter {
    let plan: HardwarePlan
    let context: GenerationContext

    var moduleName: String { VerilogName.topModule(plan.modelName) }

    /// ROM images in the order they are instantiated, with their file names.
    var romImages: [RomImage] {
        plan.stages.enumerated().flatMap { index, stage -> [RomImage] in
            guard case .matrix(let engine) = stage, engine.hardwired == nil else { return [] }
            let prefix = VerilogName.layer(engine.layer.layerName, index: index + 1)
            if engine.sparse != nil {
                return (0..<engine.pe).flatMap { p in
                    [engine.sparseEntryImage(pe: p, fileName: "\(prefix)_entries_pe\(p).hex"),
                     engine.sparsePointerImage(pe: p, fileName: "\(prefix)_pointers_pe\(p).hex")].compactMap { $0 }
                } + [engine.parameterImage(fileName: "\(prefix)_params.hex")]
            }
            return (0..<engine.pe).map { engine.weightImage(pe: $0, fileName: "\(prefix)_w_pe\($0).hex") }
                + [engine.parameterImage(fileName: "\(prefix)_params.hex")]
        }
    }

    /// The generated module of each hardwired layer, by file name, in pipeline order.
    var hardwiredModules: [(fileName: String, text: String)] {
        plan.stages.enumerated().compactMap { index, stage -> (String, String)? in
            guard case .matrix(let engine) = stage, let hardwired = engine.hardwired else { return nil }
            let name = hardwiredModuleName(engine, index: index)
            let writer = HardwiredLayerWriter(
                engine: hardwired, moduleName: name, layerName: engine.layer.layerName, inputType: engine.layer.inputType,
                header: context.header("//", purpose: "Hardwired layer: constant shift-and-add network.", modelName: plan.modelName))
            return ("\(name).v", writer.text())
        }
    }

    private func hardwiredModuleName(_ engine: MatrixEngine, index: Int) -> String {
        moduleName + "_" + VerilogName.layer(engine.layer.layerName, index: index + 1)
    }

    func text() -> String {
        let network = plan.network
        let inWidth = network.inputType.bits
        let outWidth = network.outputType.bits
        var v = context.header("//", purpose: "Top module: the network as a layer pipeline of matrix-vector units.", modelName: plan.modelName)
        v += """
        //
        // Input: \(plan.inputLanes) element(s) per beat, \(network.inputCount) per inference (\(network.inputShape.count == 3 ? "pixel by pixel, channels of a pixel together (HWC)" : "in order"), \(network.inputType.shortName).
        // Output: \(plan.outputLanes) element(s) per beat, \(network.outputConstants.count) per inference, \(network.outputType.shortName), tlast on the last.
        // Initiation interval (plan): \(plan.initiationInterval) cycles.

        `resetall
        `timescale 1ns / 1ps
        `default_nettype none

        module \(moduleName) (
            input  wire                clk,
            input  wire                rst,
            // A wide input's pruned elements are left unread.
            /* verilator lint_off UNUSEDSIGNAL */
            input  wire [\(plan.inputLanes * inWidth - 1):0]        s_axis_tdata,
            /* verilator lint_on UNUSEDSIGNAL */
            input  wire                s_axis_tvalid,
            output wire                s_axis_tready,
            // The vector length is fixed by the model, so the input tlast is not needed.
            /* verilator lint_off UNUSEDSIGNAL */
            input  wire                s_axis_tlast,
            /* verilator lint_on UNUSEDSIGNAL */
            output wire [\(plan.outputLanes * outWidth - 1):0]        m_axis_tdata,
            output wire                m_axis_tvalid,
            input  wire                m_axis_tready,
            output wire                m_axis_tlast
        );

        """
        v += inputText()
        v += """
        """
        var source = "in_select"
        for (index, stage) in plan.stages.enumerated() {
            switch stage {
            case .matrix(let engine):
                let name = VerilogName.layer(engine.layer.layerName, index: index + 1)
                if let window = engine.window {
                    v += fifoText(name: name + "_in", source: source, width: window.lanes * engine.layer.inputType.bits, depth: window.inputFIFODepth)
                    v += windowText(window, engine: engine, name: name, source: name + "_in")
                    if engine.windowFIFODepth > 0 {
                        // Windows queue here while the unit is busy, so that it does not idle while
                        // the window scans rows that complete none.
                        v += fifoText(name: name + "_win", source: name + "_vec", width: window.selection.count * window.elementBits,
                                      depth: engine.windowFIFODepth)
                    }
                    v += layerText(engine, name: name, source: name + (engine.windowFIFODepth > 0 ? "_win" : "_vec"))
                } else {
                    v += layerText(engine, name: name, source: source)
                }
                source = name
            case .pool(let pool):
                let name = VerilogName.layer(pool.stage.layerName, index: index + 1)
                v += fifoText(name: name + "_in", source: source, width: pool.lanes * pool.stage.type.bits, depth: pool.inputFIFODepth)
                v += poolText(pool, name: name, source: name + "_in")
                source = name
            }
        }
        v += outputText(source: source)
        v += "\nendmodule\n\n`resetall\n"
        return v
    }

    /// The input adapter: drops the inputs no layer reads (one element a beat: a counting
    /// template); several elements a beat: wiring.
    private func inputText() -> String {
        let network = plan.network
        let inWidth = network.inputType.bits
        if plan.inputLanes > 1 {
            // Several elements a beat: the first layer reads every element (zero weights for
            // the ones compaction would drop), so the stream goes straight in.
            return """
            wire [\(plan.inputLanes * inWidth - 1):0] in_select_tdata = s_axis_tdata;
            wire        in_select_tvalid = s_axis_tvalid;
            wire        in_select_tready;
            assign s_axis_tready = in_select_tready;


            """
        }
        return """
        wire [\(inWidth - 1):0] in_select_tdata;
        wire        in_select_tvalid;
        wire        in_select_tready;

        dnngen_stream_select #(
            .COUNT(\(network.inputCount)),
            .WIDTH(\(inWidth)),
            .KEEP(\(BitWord.verilogMask(network.inputKeep)))
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
    }

    /// The sliding-window unit of a convolution and the wiring that picks the kept im2col
    /// columns out of its window (pruned channels and filter-shape positions are simply not wired).
    private func windowText(_ window: WindowStream, engine: MatrixEngine, name: String, source: String) -> String {
        let width = engine.layer.inputType.bits
        let g = window.geometry
        let picks = window.selection.reversed().map { "\(name)_window[\($0 * width) +: \(width)]" }
        return """
        // ---- layer '\(VerilogName.comment(engine.layer.layerName))': sliding window \(g.kernel[0])x\(g.kernel[1]) over \(g.height)x\(g.width)x\(window.slots), stride \(g.stride[0])x\(g.stride[1]), padding \(g.padding[0])x\(g.padding[1]); \(window.selection.count) of \(window.windowElements) window elements used
        // Window elements a pruned channel or filter-shape position would use are left unread.
        /* verilator lint_off UNUSEDSIGNAL */
        wire [\(window.windowElements * width - 1):0] \(name)_window;
        /* verilator lint_on UNUSEDSIGNAL */
        wire [\(window.selection.count * width - 1):0] \(name)_vec_tdata;
        wire        \(name)_vec_tvalid;
        wire        \(name)_vec_tready;

        dnngen_swu #(
            .WIDTH(\(width)),
            .CHANNELS(\(window.slots)),
            .LANES(\(window.lanes)),
            .IMG_H(\(g.height)),
            .IMG_W(\(g.width)),
            .KERNEL_H(\(g.kernel[0])),
            .KERNEL_W(\(g.kernel[1])),
            .STRIDE_H(\(g.stride[0])),
            .STRIDE_W(\(g.stride[1])),
            .PAD_H(\(g.padding[0])),
            .PAD_W(\(g.padding[1]))
        ) \(name)_swu_inst (
            .clk(clk),
            .rst(rst),
            .s_axis_tdata(\(source)_tdata),
            .s_axis_tvalid(\(source)_tvalid),
            .s_axis_tready(\(source)_tready),
            .m_axis_tdata(\(name)_window),
            .m_axis_tvalid(\(name)_vec_tvalid),
            .m_axis_tready(\(name)_vec_tready)
        );

        assign \(name)_vec_tdata = {
            \(picks.joined(separator: ",\n    "))
        };


        """
    }

    /// A decoupling FIFO between two stages, so one stage's bursts do not stall the other.
    private func fifoText(name: String, source: String, width: Int, depth: Int) -> String {
        """
        wire [\(width - 1):0] \(name)_tdata;
        wire        \(name)_tvalid;
        wire        \(name)_tready;
        /* verilator lint_off UNUSEDSIGNAL */
        wire [\(addressWidth(depth)):0] \(name)_count;
        /* verilator lint_on UNUSEDSIGNAL */

        dnngen_fifo #(
            .WIDTH(\(width)),
            .DEPTH(\(depth))
        ) \(name)_fifo_inst (
            .clk(clk),
            .rst(rst),
            .s_axis_tdata(\(source)_tdata),
            .s_axis_tvalid(\(source)_tvalid),
            .s_axis_tready(\(source)_tready),
            .m_axis_tdata(\(name)_tdata),
            .m_axis_tvalid(\(name)_tvalid),
            .m_axis_tready(\(name)_tready),
            .count(\(name)_count)
        );


        """
    }

    private func poolText(_ pool: PoolEngine, name: String, source: String) -> String {
        let type = pool.stage.type
        let (kernel, stride) = (pool.stage.kernel, pool.stage.stride)
        var v = """
        // ---- layer '\(VerilogName.comment(pool.stage.layerName))': maxpool \(kernel[0])x\(kernel[1]) stride \(stride[0])x\(stride[1]) over \(pool.stage.height)x\(pool.stage.width)x\(pool.slots), \(pool.lanes) lanes in, \(pool.outputLanes) out
        wire [\(pool.outputLanes * type.bits - 1):0] \(name)_tdata;
        wire        \(name)_tvalid;
        wire        \(name)_tready;


        """
        guard pool.stage.needsWindow else {
            return v + """
            dnngen_maxpool #(
                .WIDTH(\(type.bits)),
                .SIGNED(\(type.signed ? 1 : 0)),
                .CHANNELS(\(pool.slots)),
                .LANES(\(pool.lanes)),
                .IMG_H(\(pool.stage.height)),
                .IMG_W(\(pool.stage.width)),
                .KERNEL_H(\(kernel[0])),
                .KERNEL_W(\(kernel[1]))
            ) \(name)_pool_inst (
                .clk(clk),
                .rst(rst),
                .s_axis_tdata(\(source)_tdata),
                .s_axis_tvalid(\(source)_tvalid),
                .s_axis_tready(\(source)_tready),
                .m_axis_tdata(\(name)_tdata),
                .m_axis_tvalid(\(name)_tvalid),
                .m_axis_tready(\(name)_tready)
            );


            """
        }
        let taps = kernel[0] * kernel[1]
        v += """
        // Stride differs from the kernel: a sliding window, then the maximum of each window.
        wire [\(taps * pool.slots * type.bits - 1):0] \(name)_window_tdata;
        wire        \(name)_window_tvalid;
        wire        \(name)_window_tready;

        dnngen_swu #(
            .WIDTH(\(type.bits)),
            .CHANNELS(\(pool.slots)),
            .LANES(\(pool.lanes)),
            .IMG_H(\(pool.stage.height)),
            .IMG_W(\(pool.stage.width)),
            .KERNEL_H(\(kernel[0])),
            .KERNEL_W(\(kernel[1])),
            .STRIDE_H(\(stride[0])),
            .STRIDE_W(\(stride[1])),
            .PAD_H(0),
            .PAD_W(0)
        ) \(name)_swu_inst (
            .clk(clk),
            .rst(rst),
            .s_axis_tdata(\(source)_tdata),
            .s_axis_tvalid(\(source)_tvalid),
            .s_axis_tready(\(source)_tready),
            .m_axis_tdata(\(name)_window_tdata),
            .m_axis_tvalid(\(name)_window_tvalid),
            .m_axis_tready(\(name)_window_tready)
        );

        dnngen_window_max #(
            .WIDTH(\(type.bits)),
            .SIGNED(\(type.signed ? 1 : 0)),
            .CHANNELS(\(pool.slots)),
            .TAPS(\(taps))
        ) \(name)_max_inst (
            .s_axis_tdata(\(name)_window_tdata),
            .s_axis_tvalid(\(name)_window_tvalid),
            .s_axis_tready(\(name)_window_tready),
            .m_axis_tdata(\(name)_tdata),
            .m_axis_tvalid(\(name)_tvalid),
            .m_axis_tready(\(name)_tready)
        );


        """
        return v
    }

    private func layerText(_ engine: MatrixEngine, name: String, source: String) -> String {
        if engine.hardwired != nil { return hardwiredLayerText(engine, name: name, source: source) }
        if let sparse = engine.sparse { return sparseLayerText(engine, sparse, name: name, source: source) }
        let layer = engine.layer
        let outBits = layer.outputType.bits
        let weightAddressWidth = addressWidth(engine.nf * engine.sf)
        let paramAddressWidth = addressWidth(engine.nf)
        let laneBits = engine.simd * layer.weightBits
        var v = """
        // ---- layer '\(VerilogName.comment(layer.layerName))': \(layer.op) \(layer.originalShape.map(String.init).joined(separator: "x")) compacted to \(layer.rows.count)x\(layer.columnCount), PE \(engine.pe) x SIMD \(engine.simd), \(engine.cycles) cycles, acc \(engine.accumulatorWidth) bits
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
            .MULT_WIDTH(\(MatrixEngine.multiplierWidth)),
            .SHIFT_WIDTH(\(MatrixEngine.shiftWidth)),
            .ROUNDING(\(roundingCode(layer.rounding))),
            .OUT_WIDTH(\(outBits)),
            .OUT_MIN(\(layer.outputType.min)),
            .OUT_MAX(\(layer.outputType.max)),\(zeroPointParameter(layer.outputType))
            .FIFO_DEPTH(\(MatrixEngine.fifoDepth)),
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

    /// A sparse layer: per PE an entry ROM and a dual-port pointer ROM, the parameter ROM, and
    /// `dnngen_sparse_mvu`, whose streams match `dnngen_mvu`'s.
    private func sparseLayerText(_ engine: MatrixEngine, _ sparse: SparseEncoding, name: String, source: String) -> String {
        let layer = engine.layer
        let outBits = layer.outputType.bits
        let entryBits = sparse.indexBits + layer.weightBits
        let entryAddressWidth = addressWidth(sparse.romEntries)
        let pointerAddressWidth = addressWidth(sparse.columns + 1)
        let paramAddressWidth = addressWidth(engine.nf)
        let p = sparse.pes
        var v = """
        // ---- layer '\(VerilogName.comment(layer.layerName))': \(layer.op) \(layer.originalShape.map(String.init).joined(separator: "x")) compacted to \(layer.rows.count)x\(layer.columnCount), sparse engine: \(p) PEs, \(sparse.indexBits)-bit relative indices, \(sparse.totalEntries) entries (\(sparse.paddingEntries) padding), acc \(engine.accumulatorWidth) bits
        wire [\(p * outBits - 1):0] \(name)_tdata;
        wire        \(name)_tvalid;
        wire        \(name)_tready;
        wire [\(p * entryAddressWidth - 1):0] \(name)_entry_addr;
        wire [\(p * entryBits - 1):0] \(name)_entry_data;
        wire [\(p * pointerAddressWidth - 1):0] \(name)_ptr_addr_a;
        wire [\(p * pointerAddressWidth - 1):0] \(name)_ptr_addr_b;
        wire [\(p * sparse.pointerWidth - 1):0] \(name)_ptr_data_a;
        wire [\(p * sparse.pointerWidth - 1):0] \(name)_ptr_data_b;
        wire [\(paramAddressWidth - 1):0] \(name)_param_addr;
        wire [\(p * engine.paramWordBits - 1):0] \(name)_param_data;


        """
        for k in 0..<p {
            v += """
            dnngen_rom #(
                .WIDTH(\(entryBits)),
                .DEPTH(\(sparse.romEntries)),
                .ADDR_WIDTH(\(entryAddressWidth)),
                .INIT_FILE("rom/\(name)_entries_pe\(k).hex")
            ) \(name)_entry_rom\(k)_inst (
                .clk(clk),
                .addr(\(name)_entry_addr[\(k * entryAddressWidth) +: \(entryAddressWidth)]),
                .data(\(name)_entry_data[\(k * entryBits) +: \(entryBits)])
            );

            dnngen_rom_dual #(
                .WIDTH(\(sparse.pointerWidth)),
                .DEPTH(\(sparse.columns + 1)),
                .ADDR_WIDTH(\(pointerAddressWidth)),
                .INIT_FILE("rom/\(name)_pointers_pe\(k).hex")
            ) \(name)_pointer_rom\(k)_inst (
                .clk(clk),
                .addr_a(\(name)_ptr_addr_a[\(k * pointerAddressWidth) +: \(pointerAddressWidth)]),
                .data_a(\(name)_ptr_data_a[\(k * sparse.pointerWidth) +: \(sparse.pointerWidth)]),
                .addr_b(\(name)_ptr_addr_b[\(k * pointerAddressWidth) +: \(pointerAddressWidth)]),
                .data_b(\(name)_ptr_data_b[\(k * sparse.pointerWidth) +: \(sparse.pointerWidth)])
            );


            """
        }
        v += """
        dnngen_rom #(
            .WIDTH(\(p * engine.paramWordBits)),
            .DEPTH(\(engine.nf)),
            .ADDR_WIDTH(\(paramAddressWidth)),
            .INIT_FILE("rom/\(name)_params.hex")
        ) \(name)_param_rom_inst (
            .clk(clk),
            .addr(\(name)_param_addr),
            .data(\(name)_param_data)
        );

        dnngen_sparse_mvu #(
            .P(\(p)),
            .ROWS(\(layer.rows.count)),
            .LOCAL_ROWS(\(engine.nf)),
            .IN_LANES(\(engine.inLanes)),
            .IN_BEATS(\(engine.inBeats)),
            .IN_WIDTH(\(layer.inputType.bits)),
            .IN_SIGNED(\(layer.inputType.signed ? 1 : 0)),
            .WEIGHT_WIDTH(\(layer.weightBits)),
            .WEIGHT_KIND(\(WeightEncoding.verilogKind(layer.weightKind))),
            .INDEX_BITS(\(sparse.indexBits)),
            .ENTRIES(\(sparse.romEntries)),
            .PTR_WIDTH(\(sparse.pointerWidth)),
            .EADDR_WIDTH(\(entryAddressWidth)),
            .PADDR_WIDTH(\(pointerAddressWidth)),
            .RADDR_WIDTH(\(paramAddressWidth)),
            .ACC_WIDTH(\(engine.accumulatorWidth)),
            .BIAS_WIDTH(\(engine.biasWidth)),
            .MULT_WIDTH(\(MatrixEngine.multiplierWidth)),
            .SHIFT_WIDTH(\(MatrixEngine.shiftWidth)),
            .ROUNDING(\(roundingCode(layer.rounding))),
            .OUT_WIDTH(\(outBits)),
            .OUT_MIN(\(layer.outputType.min)),
            .OUT_MAX(\(layer.outputType.max)),\(zeroPointParameter(layer.outputType))
            .ACT_FIFO_DEPTH(8),
            .FIFO_DEPTH(\(MatrixEngine.fifoDepth))
        ) \(name)_sparse_inst (
            .clk(clk),
            .rst(rst),
            .s_axis_tdata(\(source)_tdata),
            .s_axis_tvalid(\(source)_tvalid),
            .s_axis_tready(\(source)_tready),
            .m_axis_tdata(\(name)_tdata),
            .m_axis_tvalid(\(name)_tvalid),
            .m_axis_tready(\(name)_tready),
            .entry_addr(\(name)_entry_addr),
            .entry_data(\(name)_entry_data),
            .ptr_addr_a(\(name)_ptr_addr_a),
            .ptr_addr_b(\(name)_ptr_addr_b),
            .ptr_data_a(\(name)_ptr_data_a),
            .ptr_data_b(\(name)_ptr_data_b),
            .param_addr(\(name)_param_addr),
            .param_data(\(name)_param_data)
        );


        """
        return v
    }

    /// A hardwired layer: a stream gather if its producer delivers the vector over several
    /// beats, then the layer's generated module.
    private func hardwiredLayerText(_ engine: MatrixEngine, name: String, source: String) -> String {
        let layer = engine.layer
        let inBits = layer.inputType.bits
        let outBits = layer.outputType.bits
        let estimate = engine.hardwired?.estimate ?? HardwiredEstimate()
        let index = plan.stages.firstIndex { if case .matrix(let e) = $0 { return e.layer.layerName == layer.layerName } else { return false } } ?? 0
        var v = """
        // ---- layer '\(layer.layerName)': \(layer.op) \(layer.originalShape.map(String.init).joined(separator: "x")) compacted to \(layer.rows.count)x\(layer.columnCount), hardwired: \(estimate.adders) adders, \(engine.hardwired?.stages ?? 0) stages
        wire [\(engine.pe * outBits - 1):0] \(name)_tdata;
        wire        \(name)_tvalid;
        wire        \(name)_tready;


        """
        var input = source
        if engine.gatherBeats > 1 {
            input = name + "_gather"
            v += gatherText(name: input, source: source, width: inBits, lanes: engine.gatherLanes, beats: engine.gatherBeats)
        }
        v += """
        \(hardwiredModuleName(engine, index: index)) \(name)_hw_inst (
            .clk(clk),
            .rst(rst),
            .s_axis_tdata(\(input)_tdata),
            .s_axis_tvalid(\(input)_tvalid),
            .s_axis_tready(\(input)_tready),
            .m_axis_tdata(\(name)_tdata),
            .m_axis_tvalid(\(name)_tvalid),
            .m_axis_tready(\(name)_tready)
        );


        """
        return v
    }

    /// A stream gather joining `beats` beats of `lanes` elements into one.
    private func gatherText(name: String, source: String, width: Int, lanes: Int, beats: Int) -> String {
        """
        wire [\(lanes * beats * width - 1):0] \(name)_tdata;
        wire        \(name)_tvalid;
        wire        \(name)_tready;

        dnngen_stream_gather #(
            .WIDTH(\(width)),
            .LANES(\(lanes)),
            .BEATS(\(beats))
        ) \(name)_inst (
            .clk(clk),
            .rst(rst),
            .s_axis_tdata(\(source)_tdata),
            .s_axis_tvalid(\(source)_tvalid),
            .s_axis_tready(\(source)_tready),
            .m_axis_tdata(\(name)_tdata),
            .m_axis_tvalid(\(name)_tvalid),
            .m_axis_tready(\(name)_tready)
        );


        """
    }

    private func outputText(source: String) -> String {
        let network = plan.network
        guard let last = plan.engines.last else { return "" }
        if plan.outputLanes > 1 { return wideOutputText(last, source: source) }
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

    /// The whole output vector in one beat: the last layer's rows in order (gathered first if
    /// it delivers them over several beats), constants for the pruned ones; tlast on every beat.
    private func wideOutputText(_ last: MatrixEngine, source: String) -> String {
        let network = plan.network
        let width = network.outputType.bits
        var v = ""
        var input = source
        if last.nf > 1 {
            input = "out_gather"
            v += gatherText(name: input, source: source, width: width, lanes: last.pe, beats: last.nf)
        }
        var element = 0
        var parts: [String] = []
        for constant in network.outputConstants {
            if let constant {
                var word = BitWord()
                word.append(Int128(constant), width: width)
                parts.append("\(width)'h\(word.hex)")
            } else {
                parts.append("\(input)_tdata[\(element * width) +: \(width)]")
                element += 1
            }
        }
        let unread = last.nf * last.pe > element
        return v + """
        // Output: the whole vector in one beat\(unread ? " (the last layer's padding rows are dropped)" : ""); tlast on every beat.
        assign m_axis_tdata = {
            \(parts.reversed().joined(separator: ",\n    "))
        };
        assign m_axis_tvalid = \(input)_tvalid;
        assign \(input)_tready = m_axis_tready;
        assign m_axis_tlast = 1'b1;

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

extension TopModuleWriter {
    /// `.ZERO_POINT(z),` on its own line for an output with a zero point; nothing otherwise, so
    /// designs of symmetric models stay byte-identical to earlier versions.
    func zeroPointParameter(_ type: ActivationType) -> String {
        type.zeroPoint == 0 ? "" : "\n            .ZERO_POINT(\(type.zeroPoint)),"
    }
}
