/// Builds the generated top module from the plan: the input adapter, per stage its FIFO, window,
/// ROMs and engine, then the output adapter, wired by name. It only instantiates templates; every
/// number comes from the plan. `VerilogModule.text()` prints it.
///
/// Each instance kind has one function that returns its items and the stream it drives
/// (TopModuleWriter+Matrix.swift, +Window.swift, +Hardwired.swift); a new kind is one more such
/// function and one more case in `stage(_:index:input:)`.
struct TopModuleWriter {
    let plan: HardwarePlan
    let context: GenerationContext

    var moduleName: String { VerilogName.topModule(plan.modelName) }

    /// What one stage adds to the top, and the stream the next stage reads.
    struct Block {
        var items: [VerilogItem]
        var output: StreamLink
    }

    /// ROM images in the order they are instantiated, with their file names.
    var romImages: [RomImage] {
        plan.stages.enumerated().flatMap { index, stage -> [RomImage] in
            guard case .matrix(let engine) = stage, engine.hardwired == nil else { return [] }
            let prefix = VerilogName.layer(engine.layer.layerName, index: index + 1)
            if let lane = engine.lane {
                return (0..<lane.mvu.groups).compactMap { engine.sparseCodeImage(group: $0, fileName: "\(prefix)_codes_g\($0).hex") }
                    + [engine.parameterImage(fileName: "\(prefix)_params.hex")]
            }
            return (0..<engine.pe).map { engine.weightImage(pe: $0, fileName: "\(prefix)_w_pe\($0).hex") }
                + [engine.parameterImage(fileName: "\(prefix)_params.hex")]
        }
    }

    func text() -> String { module().text() }

    func module() -> VerilogModule {
        let network = plan.network
        let input = StreamLink(name: "s_axis", width: plan.inputLanes * network.inputType.bits)
        let output = StreamLink(name: "m_axis", width: plan.outputLanes * network.outputType.bits)
        var items = [VerilogItem]()
        var block = plan.inputLanes > 1 ? wideInputSelect(input) : inputSelect(input)
        for (index, stage) in plan.stages.enumerated() {
            items += block.items
            block = self.stage(stage, index: index, input: block.output)
        }
        items += block.items
        items += plan.outputLanes > 1 ? wideOutput(input: block.output, output: output) : outputExpand(input: block.output, output: output)
        let ports = [
            VerilogPort(direction: .input, name: "clk"),
            VerilogPort(direction: .input, name: "rst"),
            VerilogPort(direction: .input, name: "s_axis_tdata", width: input.width),
            VerilogPort(direction: .input, name: "s_axis_tvalid"),
            VerilogPort(direction: .output, name: "s_axis_tready"),
            VerilogPort(direction: .input, name: "s_axis_tlast",
                        comment: "The vector length is fixed by the model, so the input tlast is not needed.", unused: true),
            VerilogPort(direction: .output, name: "m_axis_tdata", width: output.width),
            VerilogPort(direction: .output, name: "m_axis_tvalid"),
            VerilogPort(direction: .input, name: "m_axis_tready"),
            VerilogPort(direction: .output, name: "m_axis_tlast"),
        ]
        return VerilogModule(name: moduleName, header: header(), ports: ports, items: items)
    }

    /// The instances of one planned stage, fed by `input`.
    private func stage(_ stage: PlannedStage, index: Int, input: StreamLink) -> Block {
        switch stage {
        case .matrix(let engine):
            let name = VerilogName.layer(engine.layer.layerName, index: index + 1)
            // The unit itself: a hardwired layer's generated module or a folded matrix unit.
            func unit(_ input: StreamLink) -> Block {
                guard let hardwired = engine.hardwired else { return matrixEngine(engine, name: name, input: input) }
                return hardwiredEngine(engine, hardwired, name: name, module: hardwiredModuleName(engine, index: index), input: input)
            }
            guard let window = engine.window else { return unit(input) }
            let fifo = self.fifo(name: name + "_in", input: input, width: window.lanes * engine.layer.inputType.bits,
                                 depth: window.inputFIFODepth, why: "kernel height + 1 image rows of beats")
            let windowed = slidingWindow(window, engine: engine, name: name, input: fifo.output)
            var items = fifo.items + windowed.items
            var vectors = windowed.output
            if engine.windowFIFODepth > 0 {
                // Windows queue here while the unit is busy, so that it does not idle while the
                // window scans rows that complete none.
                let queue = self.fifo(name: name + "_win", input: windowed.output, width: window.selection.count * window.elementBits,
                                      depth: engine.windowFIFODepth, why: "windows queued while the unit is busy")
                items += queue.items
                vectors = queue.output
            }
            let matrix = unit(vectors)
            return Block(items: items + matrix.items, output: matrix.output)
        case .pool(let pool):
            let name = VerilogName.layer(pool.stage.layerName, index: index + 1)
            let fifo = self.fifo(name: name + "_in", input: input, width: pool.lanes * pool.stage.type.bits,
                                 depth: pool.inputFIFODepth, why: "one image row of beats")
            let pooled = maxPool(pool, name: name, input: fifo.output)
            return Block(items: fifo.items + pooled.items, output: pooled.output)
        }
    }

    private func header() -> String {
        let network = plan.network
        let order = network.inputShape.count == 3 ? "pixel by pixel with the channels of a pixel together (HWC)" : "in order"
        let tlast = plan.outputLanes > 1 ? "tlast on every beat" : "tlast on the last"
        return context.header("//", purpose: "Top module: the network as a layer pipeline of matrix-vector units.", modelName: plan.modelName)
            + """
            //
            // Input: \(Self.elements(plan.inputLanes)) per beat, \(network.inputCount) per inference, \(order), \(network.inputType.shortName).
            // Output: \(Self.elements(plan.outputLanes)) per beat, \(network.outputConstants.count) per inference, \(network.outputType.shortName), \(tlast).
            // Initiation interval (plan): \(plan.initiationInterval) cycles.

            """
    }

    /// `dnngen_stream_select`: drops the input elements no kept weight reads.
    private func inputSelect(_ input: StreamLink) -> Block {
        let network = plan.network
        let output = StreamLink(name: "in_select", width: network.inputType.bits)
        let select = VerilogInstance.stream("dnngen_stream_select", "in_select_inst", parameters: [
            VerilogParameter("COUNT", network.inputCount),
            VerilogParameter("WIDTH", network.inputType.bits),
            VerilogParameter("KEEP", verbatim: BitWord.verilogMask(network.inputKeep),
                             "bit i = 1: input element i is used; 0: every weight reading it was pruned"),
        ], input: input, output: output)
        return Block(items: [.wires(output.wires), .instance(select)], output: output)
    }

    /// Several input elements a beat: the first layer reads every element (zero weights for the
    /// ones compaction would drop), so the stream goes straight in.
    private func wideInputSelect(_ input: StreamLink) -> Block {
        let output = StreamLink(name: "in_select", width: input.width)
        return Block(items: [
            .wires(output.wires),
            .assignments([(output.name + "_tdata", input.name + "_tdata"), (output.name + "_tvalid", input.name + "_tvalid"),
                          (input.name + "_tready", output.name + "_tready")]),
        ], output: output)
    }

    /// The whole output vector in one beat: the last layer's rows in order (gathered first if it
    /// delivers them over several beats), constants for the pruned ones; tlast on every beat.
    private func wideOutput(input: StreamLink, output: StreamLink) -> [VerilogItem] {
        let network = plan.network
        guard let last = plan.engines.last else { return [] }
        let width = network.outputType.bits
        var items = [VerilogItem]()
        var source = input
        if last.nf > 1 {
            let gather = streamGather(name: "out_gather", input: input, width: width, lanes: last.pe, beats: last.nf)
            items += gather.items
            source = gather.output
        }
        var element = 0
        var parts = [String]()
        for constant in network.outputConstants {
            if let constant {
                var word = BitWord()
                word.append(Int128(constant), width: width)
                parts.append("\(width)'h\(word.hex)")
            } else {
                parts.append("\(source.name)_tdata[\(element * width) +: \(width)]")
                element += 1
            }
        }
        let unread = last.nf * last.pe > element
        return items + [
            .comment(["Output: the whole vector in one beat\(unread ? " (the last layer's padding rows are dropped)" : ""); tlast on every beat."]),
            .concatenation(target: output.name + "_tdata", parts: parts.reversed()),
            .assignments([(output.name + "_tvalid", source.name + "_tvalid"), (source.name + "_tready", output.name + "_tready"),
                          (output.name + "_tlast", "1'b1")]),
        ]
    }

    /// "one element", "8 elements".
    private static func elements(_ lanes: Int) -> String {
        lanes == 1 ? "one element" : "\(lanes) elements"
    }

    /// `dnngen_stream_expand`: the last engine's lanes to one element a beat, with the constant
    /// outputs of pruned rows put back in place.
    private func outputExpand(input: StreamLink, output: StreamLink) -> [VerilogItem] {
        let network = plan.network
        guard let last = plan.engines.last else { return [] }
        let width = network.outputType.bits
        var constants = BitWord()
        for value in network.outputConstants { constants.append(Int128(value ?? 0), width: width) }
        let expand = VerilogInstance.stream("dnngen_stream_expand", "out_expand_inst", parameters: [
            VerilogParameter("COUNT", network.outputConstants.count),
            VerilogParameter("LANES", last.pe),
            VerilogParameter("BEATS", last.nf),
            VerilogParameter("WIDTH", width),
            VerilogParameter("KEEP", verbatim: BitWord.verilogMask(network.outputConstants.map { $0 == nil }),
                             "bit i = 1: output element i comes from the stream; 0: its constant in CONSTS"),
            VerilogParameter("CONSTS", verbatim: "\(constants.width)'h\(constants.hex)", "the outputs of pruned rows"),
        ], input: input, output: output, extra: [VerilogConnection("m_axis_tlast", "m_axis_tlast")])
        return [.instance(expand)]
    }

    /// A decoupling FIFO between two stages, so one stage's bursts do not stall the other.
    func fifo(name: String, input: StreamLink, width: Int, depth: Int, why: String) -> Block {
        let output = StreamLink(name: name, width: width)
        let fifo = VerilogInstance.stream("dnngen_fifo", name + "_fifo_inst", parameters: [
            VerilogParameter("WIDTH", width),
            VerilogParameter("DEPTH", depth, why),
        ], input: input, output: output, extra: [VerilogConnection("count", name + "_count")])
        let count = VerilogWire(name: name + "_count", width: addressWidth(depth) + 1, unused: true)
        return Block(items: [.wires(output.wires + [count]), .instance(fifo)], output: output)
    }
}

/// Bits to address `depth` words, at least 1.
func addressWidth(_ depth: Int) -> Int {
    var width = 1
    while (1 << width) < depth { width += 1 }
    return width
}
