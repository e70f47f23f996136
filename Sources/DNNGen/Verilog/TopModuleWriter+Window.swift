extension TopModuleWriter {
    /// A convolution's sliding-window unit and the wiring that picks the kept im2col columns out
    /// of its window (pruned channels and filter-shape positions are simply not wired).
    func slidingWindow(_ window: WindowStream, engine: MatrixEngine, name: String, input: StreamLink) -> Block {
        let width = engine.layer.inputType.bits
        let g = window.geometry
        let output = StreamLink(name: name + "_vec", width: window.selection.count * width)
        let whole = VerilogWire(name: name + "_window", width: window.windowElements * width, unused: true)
        let unit = swu(name: name, width: width, slots: window.slots, lanes: window.lanes, geometry: g,
                       input: input, output: output, data: whole.name)
        let picks = window.selection.reversed().map { "\(whole.name)[\($0 * width) +: \(width)]" }
        return Block(items: [
            .comment([
                "---- layer '\(VerilogName.comment(engine.layer.layerName))': sliding window \(g.kernel[0])x\(g.kernel[1]) over \(g.height)x\(g.width)x\(window.slots), stride \(g.stride[0])x\(g.stride[1]), padding \(g.padding[0])x\(g.padding[1]); \(window.selection.count) of \(window.windowElements) window elements used",
                "Window elements a pruned channel or filter-shape position would use are left unread.",
            ]),
            .wires([whole] + output.wires),
            .instance(unit),
            .concatenation(target: output.name + "_tdata", parts: picks),
        ], output: output)
    }

    /// A max-pool stage: `dnngen_maxpool` when windows tile the image, else a sliding window
    /// followed by `dnngen_window_max`.
    func maxPool(_ pool: PoolEngine, name: String, input: StreamLink) -> Block {
        let type = pool.stage.type
        let (kernel, stride) = (pool.stage.kernel, pool.stage.stride)
        let output = StreamLink(name: name, width: pool.outputLanes * type.bits)
        let title = VerilogItem.comment([
            "---- layer '\(VerilogName.comment(pool.stage.layerName))': maxpool \(kernel[0])x\(kernel[1]) stride \(stride[0])x\(stride[1]) over \(pool.stage.height)x\(pool.stage.width)x\(pool.slots), \(pool.lanes) lanes in, \(pool.outputLanes) out",
        ])
        let signed = VerilogParameter.signedness("SIGNED", type.signed, of: "values")
        guard pool.stage.needsWindow else {
            let unit = VerilogInstance.stream("dnngen_maxpool", name + "_pool_inst", parameters: [
                VerilogParameter("WIDTH", type.bits),
                signed,
                VerilogParameter("CHANNELS", pool.slots),
                VerilogParameter("LANES", pool.lanes),
                VerilogParameter("IMG_H", pool.stage.height),
                VerilogParameter("IMG_W", pool.stage.width),
                VerilogParameter("KERNEL_H", kernel[0]),
                VerilogParameter("KERNEL_W", kernel[1]),
            ], input: input, output: output)
            return Block(items: [title, .wires(output.wires), .instance(unit)], output: output)
        }
        let taps = kernel[0] * kernel[1]
        let windows = StreamLink(name: name + "_window", width: taps * pool.slots * type.bits)
        let unit = swu(name: name, width: type.bits, slots: pool.slots, lanes: pool.lanes, geometry: pool.stage.window,
                       input: input, output: windows, data: windows.name + "_tdata")
        let maximum = VerilogInstance(module: "dnngen_window_max", name: name + "_max_inst", parameters: [
            VerilogParameter("WIDTH", type.bits),
            signed,
            VerilogParameter("CHANNELS", pool.slots),
            VerilogParameter("TAPS", taps),
        ], connections: windows.sink + output.source)
        return Block(items: [
            title,
            .wires(output.wires),
            .comment(["Stride differs from the kernel: a sliding window, then the maximum of each window."]),
            .wires(windows.wires),
            .instance(unit),
            .instance(maximum),
        ], output: output)
    }

    /// `dnngen_swu` feeding `output`, its window data on the wire `data`.
    private func swu(name: String, width: Int, slots: Int, lanes: Int, geometry g: WindowGeometry,
                     input: StreamLink, output: StreamLink, data: String) -> VerilogInstance {
        var unit = VerilogInstance.stream("dnngen_swu", name + "_swu_inst", parameters: [
            VerilogParameter("WIDTH", width),
            VerilogParameter("CHANNELS", slots),
            VerilogParameter("LANES", lanes),
            VerilogParameter("IMG_H", g.height),
            VerilogParameter("IMG_W", g.width),
            VerilogParameter("KERNEL_H", g.kernel[0]),
            VerilogParameter("KERNEL_W", g.kernel[1]),
            VerilogParameter("STRIDE_H", g.stride[0]),
            VerilogParameter("STRIDE_W", g.stride[1]),
            VerilogParameter("PAD_H", g.padding[0]),
            VerilogParameter("PAD_W", g.padding[1]),
        ], input: input, output: output)
        if let index = unit.connections.firstIndex(where: { $0.port == "m_axis_tdata" }) { unit.connections[index].signal = data }
        return unit
    }
}
