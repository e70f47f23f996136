extension TopModuleWriter {
    /// A dense or sparse matrix engine with its ROMs.
    func matrixEngine(_ engine: MatrixEngine, name: String, input: StreamLink) -> Block {
        if let lane = engine.lane { return sparseEngine(engine, lane, name: name, input: input) }
        return denseEngine(engine, name: name, input: input)
    }

    /// `dnngen_mvu`: per PE a weight ROM of SIMD lanes, the parameter ROM, the folded unit; for
    /// several copies, a `dnngen_stream_deal` giving each copy its turn's window and a
    /// `dnngen_stream_merge` taking their outputs back in pixel order.
    private func denseEngine(_ engine: MatrixEngine, name: String, input: StreamLink) -> Block {
        let layer = engine.layer
        let output = StreamLink(name: name, width: engine.pe * layer.outputType.bits)
        let title = "---- layer '\(VerilogName.comment(layer.layerName))': \(layer.op) \(shape(layer)), PE \(engine.pe) x SIMD \(engine.simd)\(engine.copies > 1 ? " x \(engine.copies) copies" : ""), \(engine.cycles) cycles, acc \(engine.accumulatorWidth) bits"
        guard engine.copies > 1 else {
            let unit = denseUnit(engine, name: name, files: name, input: input.sink, output: output.source)
            return Block(items: [.comment([title]), .wires(output.wires + unit.wires)] + unit.instances.map(VerilogItem.instance), output: output)
        }
        let ways = engine.copies
        let dealt = VerilogWire(name: name + "_dealt_tdata", width: input.width)
        let dealtValid = VerilogWire(name: name + "_dealt_tvalid", width: ways)
        let dealtReady = VerilogWire(name: name + "_dealt_tready", width: ways)
        let results = VerilogWire(name: name + "_copies_tdata", width: ways * output.width)
        let resultsValid = VerilogWire(name: name + "_copies_tvalid", width: ways)
        let resultsReady = VerilogWire(name: name + "_copies_tready", width: ways)
        let deal = VerilogInstance(module: "dnngen_stream_deal", name: name + "_deal_inst", parameters: [
            VerilogParameter("WIDTH", input.width),
            VerilogParameter("WAYS", ways, "window n to copy n mod WAYS"),
        ], connections: [VerilogConnection("clk", "clk"), VerilogConnection("rst", "rst")] + input.sink + [
            VerilogConnection("m_axis_tdata", dealt.name),
            VerilogConnection("m_axis_tvalid", dealtValid.name),
            VerilogConnection("m_axis_tready", dealtReady.name),
        ])
        let copies = (0..<ways).flatMap { c -> [VerilogItem] in
            let side = { (wire: VerilogWire, port: String) in VerilogConnection(port, "\(wire.name)[\(c)]") }
            let unit = denseUnit(engine, name: "\(name)_c\(c)", files: name,
                                 input: [VerilogConnection("s_axis_tdata", dealt.name), side(dealtValid, "s_axis_tvalid"), side(dealtReady, "s_axis_tready")],
                                 output: [VerilogConnection("m_axis_tdata", "\(results.name)[\(c * output.width) +: \(output.width)]"),
                                          side(resultsValid, "m_axis_tvalid"), side(resultsReady, "m_axis_tready")])
            return [.comment(["Copy \(c): the layer's windows \(c), \(c + ways), \(c + 2 * ways), ... (counted across images)."]),
                    .wires(unit.wires)] + unit.instances.map(VerilogItem.instance)
        }
        let merge = VerilogInstance(module: "dnngen_stream_merge", name: name + "_merge_inst", parameters: [
            VerilogParameter("WIDTH", output.width),
            VerilogParameter("WAYS", ways),
            VerilogParameter("ITEM_BEATS", engine.nf, "row groups of one output pixel"),
        ], connections: [
            VerilogConnection("clk", "clk"), VerilogConnection("rst", "rst"),
            VerilogConnection("s_axis_tdata", results.name),
            VerilogConnection("s_axis_tvalid", resultsValid.name),
            VerilogConnection("s_axis_tready", resultsReady.name),
        ] + output.source)
        return Block(items: [
            .comment([title]),
            .wires(output.wires + [dealt, dealtValid, dealtReady, results, resultsValid, resultsReady]),
            .instance(deal),
        ] + copies + [.instance(merge)], output: output)
    }

    /// One `dnngen_mvu` with its ROMs, instance names prefixed `name`, ROM images `files_*.hex`.
    private func denseUnit(_ engine: MatrixEngine, name: String, files: String,
                           input: [VerilogConnection], output: [VerilogConnection]) -> (wires: [VerilogWire], instances: [VerilogInstance]) {
        let layer = engine.layer
        let weightAddressWidth = addressWidth(engine.nf * engine.sf)
        let laneBits = engine.simd * layer.weightBits
        let weightAddress = VerilogWire(name: name + "_weight_addr", width: weightAddressWidth)
        let weightData = VerilogWire(name: name + "_weight_data", width: engine.pe * laneBits)
        let parameters = parameterROM(engine, name: name, file: "\(files)_params.hex", lanes: engine.pe)
        let weightROMs = (0..<engine.pe).map { p in
            rom(name: "\(name)_weight_rom\(p)_inst", width: laneBits, depth: engine.nf * engine.sf, addressWidth: weightAddressWidth,
                file: "\(files)_w_pe\(p).hex", address: weightAddress.name, data: "\(weightData.name)[\(p * laneBits) +: \(laneBits)]")
        }
        let unit = VerilogInstance(module: "dnngen_mvu", name: name + "_mvu_inst", parameters: [
            VerilogParameter("PE", engine.pe),
            VerilogParameter("SIMD", engine.simd),
            VerilogParameter("NF", engine.nf),
            VerilogParameter("SF", engine.sf),
        ] + inputParameters(engine) + requantParameters(engine) + [
            engine.copies > 1
                ? VerilogParameter("FIFO_DEPTH", engine.outputFIFODepth, "output queue: a pixel's row groups while the merge takes the copies before")
                : VerilogParameter("FIFO_DEPTH", MatrixEngine.fifoDepth, "output queue: the pipeline at one row group a clock"),
            VerilogParameter("WADDR_WIDTH", weightAddressWidth),
            VerilogParameter("PADDR_WIDTH", parameters.addressWidth),
        ], connections: [VerilogConnection("clk", "clk"), VerilogConnection("rst", "rst")] + input + output + [
            VerilogConnection("weight_addr", weightAddress.name),
            VerilogConnection("weight_data", weightData.name),
            VerilogConnection("param_addr", parameters.address.name),
            VerilogConnection("param_data", parameters.data.name),
        ])
        return ([weightAddress, weightData, parameters.address, parameters.data], weightROMs + [parameters.rom, unit])
    }

    /// `dnngen_sparse_lane_mvu`: per row group a code ROM as deep as its stream, the parameter
    /// ROM, the lane unit (its output stream matches `dnngen_mvu`'s with PE = its lanes out).
    private func sparseEngine(_ engine: MatrixEngine, _ lane: SparseLaneLayer, name: String, input: StreamLink) -> Block {
        let layer = engine.layer
        let mvu = lane.mvu
        let cost = mvu.stream
        let groups = mvu.groups
        let width = cost.streamWidth
        let codeAddressWidth = cost.addressWidth
        let output = StreamLink(name: name, width: mvu.outLanes * layer.outputType.bits)
        let codeAddress = VerilogWire(name: name + "_code_addr", width: groups * codeAddressWidth)
        let codeData = VerilogWire(name: name + "_code_data", width: groups * width)
        let parameters = parameterROM(engine, name: name, file: "\(name)_params.hex", lanes: mvu.outLanes)
        // The decoder never addresses past its group's stream, so a shorter ROM takes the low bits.
        var narrowAddresses: [(wire: VerilogWire, value: String)] = []
        let codeROMs = (0..<groups).map { g -> VerilogInstance in
            let depth = max(1, cost.words[g])
            let romAddressWidth = addressWidth(depth)
            let slice = "\(codeAddress.name)[\(g * codeAddressWidth) +: \(codeAddressWidth)]"
            var address = slice
            if romAddressWidth < codeAddressWidth {
                let wire = VerilogWire(name: "\(name)_code_addr_g\(g)", width: codeAddressWidth, unused: true)
                narrowAddresses.append((wire, slice))
                address = "\(wire.name)[\(romAddressWidth - 1):0]"
            }
            return rom(name: "\(name)_code_rom\(g)_inst", width: width, depth: depth, addressWidth: romAddressWidth,
                       file: "\(name)_codes_g\(g).hex", address: address, data: "\(codeData.name)[\(g * width) +: \(width)]")
        }
        var codes = BitWord()
        var words = BitWord()
        for g in 0..<groups {
            codes.append(Int128(cost.codes[g]), width: cost.countWidth)
            words.append(Int128(cost.words[g]), width: codeAddressWidth + 1)
        }
        let format = cost.format
        let unit = VerilogInstance.stream("dnngen_sparse_lane_mvu", name + "_sparse_inst", parameters: [
            VerilogParameter("G", groups, "row groups, one code a clock each"),
            VerilogParameter("LANES", mvu.lanes, "vectors sharing each decoded weight"),
            VerilogParameter("ROWS", layer.rows.count),
            VerilogParameter("LOCAL_ROWS", mvu.localRows),
            VerilogParameter("DRAIN_ROWS", mvu.drainRows),
            VerilogParameter("OUT_BEATS", mvu.outBeats),
            VerilogParameter("VECTORS", mvu.vectorsPerInference),
        ] + inputParameters(engine) + [
            VerilogParameter("FORMAT", format.templateFormat, "\(format.templateFormat) = \(format.templateFormat == 0 ? "relative" : "Golomb-Rice")"),
            VerilogParameter("INDEX_BITS", format.templateIndexBits),
            VerilogParameter("RICE_K", format.templateRiceK),
            VerilogParameter("RICE_QMAX", format.templateRiceQmax),
            VerilogParameter("ROW_SPAN", format.rowSpan(columns: lane.gaps.columns), "row boundaries one code may cross"),
            VerilogParameter("STREAM_WIDTH", width),
            VerilogParameter("CADDR_WIDTH", codeAddressWidth),
            VerilogParameter("COUNT_WIDTH", cost.countWidth),
            VerilogParameter("PADDR_WIDTH", parameters.addressWidth),
        ] + requantParameters(engine) + [
            VerilogParameter("FIFO_DEPTH", MatrixEngine.fifoDepth, "output queue"),
        ], input: input, output: output, extra: [
            VerilogConnection("group_codes", "\(codes.width)'h\(codes.hex)"),
            VerilogConnection("group_words", "\(words.width)'h\(words.hex)"),
            VerilogConnection("code_addr", codeAddress.name),
            VerilogConnection("code_data", codeData.name),
            VerilogConnection("param_addr", parameters.address.name),
            VerilogConnection("param_data", parameters.data.name),
        ])
        let title = "---- layer '\(VerilogName.comment(layer.layerName))': \(layer.op) \(shape(layer)), sparse lane engine: \(groups) group\(groups == 1 ? "" : "s") x \(mvu.lanes) lane\(mvu.lanes == 1 ? "" : "s"), \(format) codes, \(cost.maxCodes) clocks a batch, \(engine.cycles) cycles, acc \(engine.accumulatorWidth) bits"
        var items: [VerilogItem] = [
            .comment([title]),
            .wires(output.wires + [codeAddress, codeData, parameters.address, parameters.data]),
        ]
        if !narrowAddresses.isEmpty {
            items.append(.wires(narrowAddresses.map(\.wire)))
            items.append(.assignments(narrowAddresses.map { ($0.wire.name, $0.value) }))
        }
        return Block(items: items + codeROMs.map(VerilogItem.instance) + [.instance(parameters.rom), .instance(unit)], output: output)
    }

    /// "conv2d 6x1x5x5 compacted to 5x25".
    private func shape(_ layer: CompactedMatrix) -> String {
        "\(layer.originalShape.map(String.init).joined(separator: "x")) compacted to \(layer.rows.count)x\(layer.columnCount)"
    }

    /// The input side both matrix units share: the incoming stream and the weights' coding.
    private func inputParameters(_ engine: MatrixEngine) -> [VerilogParameter] {
        let layer = engine.layer
        return [
            VerilogParameter("IN_LANES", engine.inLanes),
            VerilogParameter("IN_BEATS", engine.inBeats),
            VerilogParameter("IN_WIDTH", layer.inputType.bits),
            .signedness("IN_SIGNED", layer.inputType.signed, of: "input"),
            VerilogParameter("WEIGHT_WIDTH", layer.weightBits),
            VerilogParameter("WEIGHT_KIND", WeightEncoding.verilogKind(layer.weightKind), "\(WeightEncoding.verilogKind(layer.weightKind)) = \(layer.weightKind.rawValue)"),
        ]
    }

    /// The accumulator and requantization both matrix units share.
    private func requantParameters(_ engine: MatrixEngine) -> [VerilogParameter] {
        let layer = engine.layer
        return [
            VerilogParameter("ACC_WIDTH", engine.accumulatorWidth, "from the worst case of the real weights"),
            VerilogParameter("BIAS_WIDTH", engine.biasWidth),
            VerilogParameter("MULT_WIDTH", MatrixEngine.multiplierWidth),
            VerilogParameter("SHIFT_WIDTH", MatrixEngine.shiftWidth),
            VerilogParameter("ROUNDING", roundingCode(layer.rounding), "\(roundingCode(layer.rounding)) = \(layer.rounding.rawValue)"),
            VerilogParameter("OUT_WIDTH", layer.outputType.bits),
            VerilogParameter("OUT_MIN", layer.outputType.min, "\(layer.outputType.shortName) clamped to [OUT_MIN, OUT_MAX]"),
            VerilogParameter("OUT_MAX", layer.outputType.max),
        ] + (layer.outputType.zeroPoint == 0 ? [] : [VerilogParameter("ZERO_POINT", layer.outputType.zeroPoint, "added after requantization")])
    }

    /// The per-row parameter ROM (bias, requantization multiplier and shift) of `lanes` rows a word.
    private func parameterROM(_ engine: MatrixEngine, name: String, file: String, lanes: Int)
        -> (rom: VerilogInstance, address: VerilogWire, data: VerilogWire, addressWidth: Int) {
        let width = addressWidth(engine.nf)
        let address = VerilogWire(name: name + "_param_addr", width: width)
        let data = VerilogWire(name: name + "_param_data", width: lanes * engine.paramWordBits)
        let rom = self.rom(name: name + "_param_rom_inst", width: lanes * engine.paramWordBits, depth: engine.nf,
                           addressWidth: width, file: file, address: address.name, data: data.name)
        return (rom, address, data, width)
    }

    /// A `dnngen_rom` holding the image `rom/<file>`.
    private func rom(name: String, width: Int, depth: Int, addressWidth: Int, file: String, address: String, data: String) -> VerilogInstance {
        VerilogInstance(module: "dnngen_rom", name: name, parameters: [
            VerilogParameter("WIDTH", width),
            VerilogParameter("DEPTH", depth),
            VerilogParameter("ADDR_WIDTH", addressWidth),
            VerilogParameter("INIT_FILE", verbatim: "\"rom/\(file)\""),
        ], connections: [
            VerilogConnection("clk", "clk"),
            VerilogConnection("addr", address),
            VerilogConnection("data", data),
        ])
    }

    /// The `ROUNDING` code of `dnngen_requant`.
    private func roundingCode(_ rounding: Rounding) -> Int {
        switch rounding {
        case .halfUp: return 0
        case .halfEven: return 1
        case .floor: return 2
        }
    }
}
