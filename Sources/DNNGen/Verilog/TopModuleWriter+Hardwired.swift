extension TopModuleWriter {
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

    func hardwiredModuleName(_ engine: MatrixEngine, index: Int) -> String {
        moduleName + "_" + VerilogName.layer(engine.layer.layerName, index: index + 1)
    }

    /// A hardwired layer: a stream gather if its producer delivers the vector over several beats,
    /// then the layer's generated module (`module`).
    func hardwiredEngine(_ engine: MatrixEngine, _ hardwired: HardwiredEngine, name: String, module: String, input: StreamLink) -> Block {
        let layer = engine.layer
        let output = StreamLink(name: name, width: engine.pe * layer.outputType.bits)
        var items: [VerilogItem] = [
            .comment(["---- layer '\(VerilogName.comment(layer.layerName))': \(layer.op) \(layer.originalShape.map(String.init).joined(separator: "x")) compacted to \(layer.rows.count)x\(layer.columnCount), hardwired: \(hardwired.estimate.adders) adders, \(hardwired.stages) stages"]),
            .wires(output.wires),
        ]
        var source = input
        if engine.gatherBeats > 1 {
            let gather = streamGather(name: name + "_gather", input: input, width: layer.inputType.bits,
                                      lanes: engine.gatherLanes, beats: engine.gatherBeats)
            items += gather.items
            source = gather.output
        }
        items.append(.instance(.stream(module, name + "_hw_inst", parameters: [], input: source, output: output)))
        return Block(items: items, output: output)
    }

    /// `dnngen_stream_gather`: joins `beats` beats of `lanes` elements into one beat.
    func streamGather(name: String, input: StreamLink, width: Int, lanes: Int, beats: Int) -> Block {
        let output = StreamLink(name: name, width: lanes * beats * width)
        let gather = VerilogInstance.stream("dnngen_stream_gather", name + "_inst", parameters: [
            VerilogParameter("WIDTH", width),
            VerilogParameter("LANES", lanes),
            VerilogParameter("BEATS", beats),
        ], input: input, output: output)
        return Block(items: [.wires(output.wires), .instance(gather)], output: output)
    }
}
