extension Comparison {
    static let palette = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#9c755f"]

    /// A self-contained HTML page: the tables and inline SVG charts (storage split per layer,
    /// cycles per layer, area), readable offline.
    public func html() -> String {
        let labels = entries.map { "\($0.model) (\($0.engine))" }
        let layerCategories = entries.flatMap { entry in entry.layers.map { "\(entry.model)/\(entry.engine)/\($0.name)" } }
        let allLayers = entries.flatMap(\.layers)
        let storage = SVGBarChart(
            title: "Weight storage per layer (bits, from the ROM images)", unit: "bits",
            categories: layerCategories.map { shortLabel($0) },
            series: [
                .init(name: "values", color: Self.palette[0], values: allLayers.map { Double($0.storage.valueBits) }),
                .init(name: "positions", color: Self.palette[1], values: allLayers.map { Double($0.storage.positionBits) }),
                .init(name: "padding + boundaries", color: Self.palette[2],
                      values: allLayers.map { Double($0.storage.paddingBits + $0.storage.boundaryBits) }),
            ], stacked: true)
        let floors = SVGBarChart(
            title: "Storage against the dense engine and the position floor (bits per layer)", unit: "bits",
            categories: layerCategories.map { shortLabel($0) },
            series: [
                .init(name: "this engine", color: Self.palette[0], values: allLayers.map { Double($0.storage.weightBits) }),
                .init(name: "dense compacted", color: Self.palette[3], values: allLayers.map { Double($0.denseCompactedBits) }),
                .init(name: "values + log2 C(n, nnz) floor", color: Self.palette[4], values: allLayers.map { $0.floorTotalBits }),
            ])
        let cycles = SVGBarChart(
            title: "Cycles per inference per layer (plan)", unit: "cycles",
            categories: layerCategories.map { shortLabel($0) },
            series: [.init(name: "busy cycles", color: Self.palette[5], values: allLayers.map(\.predictedCycles))])
        let interval = SVGBarChart(
            title: "Per model: cycles per inference (simulated where run)", unit: "cycles",
            categories: labels,
            series: [.init(name: "cycles per inference", color: Self.palette[5], values: entries.map(\.cycles))])
        let totals = SVGBarChart(
            title: "Per model: area (Yosys synth_xilinx)", unit: "count",
            categories: labels,
            series: [
                .init(name: "LUT", color: Self.palette[0], values: entries.map { Double($0.area?.luts ?? 0) }),
                .init(name: "FF", color: Self.palette[2], values: entries.map { Double($0.area?.flipFlops ?? 0) }),
                .init(name: "DSP x10", color: Self.palette[3], values: entries.map { Double(10 * ($0.area?.dsps ?? 0)) }),
                .init(name: "BRAM18 x100", color: Self.palette[6], values: entries.map { Double(100 * ($0.area?.bram18 ?? 0)) }),
            ])
        return """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>dnngen compare</title>
        <style>
        body { font-family: sans-serif; margin: 24px; color: #222; }
        pre { background: #f6f6f6; padding: 12px; font-size: 12px; overflow-x: auto; }
        h1 { font-size: 20px; } h2 { font-size: 16px; margin-top: 28px; }
        </style></head><body>
        <h1>dnngen compare: structured (dense engine) vs non-structured (sparse engine) pruning</h1>
        <p>Sparse lane engine, index format --index \(index); the same multiplier budget \(multiplierBudget) for every engine.
        Storage comes from the ROM images; cycles per inference are simulated in iverilog where marked, otherwise
        predicted by the plan; area from Yosys synth_xilinx.</p>
        <h2>Charts</h2>
        \(storage.svg())
        \(floors.svg())
        \(cycles.svg())
        \(interval.svg())
        \(totals.svg())
        <h2>Tables</h2>
        <pre>\(escape(text()))</pre>
        </body></html>

        """
    }

    private func shortLabel(_ label: String) -> String {
        label.count <= 22 ? label : String(label.suffix(22))
    }
}
