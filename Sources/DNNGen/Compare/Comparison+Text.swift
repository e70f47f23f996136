import Foundation

extension Comparison {
    /// The comparison as text: per layer, then per model and engine, then the break-even rates.
    public func text() -> String {
        var perLayer: [[String]] = [["model", "engine", "layer", "non-zeros", "pruned", "bits", "format", "values", "positions",
                                     "padding", "boundaries", "weight bits", "dense compacted", "values+floor", "/floor",
                                     "mults", "cycles (plan)", "bound", "/bound"]]
        for entry in entries {
            for layer in entry.layers {
                perLayer.append([
                    entry.model, layer.engine, layer.name, "\(layer.nonZeros)", percent(layer.pruningRate), "\(layer.weightBits)",
                    layer.format ?? "-", "\(layer.storage.valueBits)", "\(layer.storage.positionBits)",
                    "\(layer.storage.paddingBits)", "\(layer.storage.boundaryBits)", "\(layer.storage.weightBits)",
                    "\(layer.denseCompactedBits)", String(Int(layer.floorTotalBits.rounded(.up))),
                    ratio(Double(layer.storage.weightBits), layer.floorTotalBits), "\(layer.multipliers)",
                    String(format: "%.0f", layer.predictedCycles), String(format: "%.0f", layer.boundCycles),
                    ratio(layer.predictedCycles, layer.boundCycles),
                ])
            }
        }
        var totals: [[String]] = [["model", "engine", "non-zeros", "pruned", "weight bits", "floor", "mults", "cycles", "latency", "LUT", "FF",
                                   "BRAM18", "DSP", "LUT/nz", "inf/Mcycle/kLUT"]]
        for entry in entries {
            totals.append([
                entry.model, entry.engine, "\(entry.nonZeros)", percent(entry.pruningRate), "\(entry.weightStorageBits)",
                String(Int(entry.floorBits.rounded(.up))), "\(entry.multipliers)",
                String(format: "%.0f", entry.cycles) + (entry.cyclesSource == .simulated ? " sim" : " plan"),
                entry.latency.map { "\($0)" } ?? "-",
                entry.area.map { "\($0.luts)" } ?? "-", entry.area.map { "\($0.flipFlops)" } ?? "-",
                entry.area.map { "\($0.bram18)" } ?? "-", entry.area.map { "\($0.dsps)" } ?? "-",
                entry.lutsPerNonZero.map { String(format: "%.1f", $0) } ?? "-",
                entry.throughputPerLUT.map { String(format: "%.2f", $0) } ?? "-",
            ])
        }
        var text = "Per layer (storage in bits, from the ROM images; sparse: --index \(index); values+floor = values + log2 C(n, nnz);\n"
        text += "bound = non-zeros x vectors / multipliers; multiplier budget \(multiplierBudget) for every engine)\n"
        text += TextTable(rows: perLayer, rightAligned: Set([3, 4, 5] + Array(7...18))).render()
        text += "\nPer model and engine (cycles per inference: sim = simulated in iverilog, plan = predicted; area: yosys synth_xilinx)\n"
        text += TextTable(rows: totals, rightAligned: Set(2...14)).render()
        if !breakEvens.isEmpty {
            text += "\nBreak-even pruning rates (model-based): the rate at which the sparse model would match the dense one\n"
            for b in breakEvens {
                text += "  \(b.sparseModel) (sparse) vs \(b.denseModel) (dense): pruned \(percent(b.actualRate)); "
                text += "storage break-even \(b.storageRate.map(percent) ?? "none"), cycles break-even \(b.cyclesRate.map(percent) ?? "none")\n"
            }
        }
        if !hardwiredBreakEvens.isEmpty {
            text += "\nHardwired engine (zeros cost no logic): the rate at which the irregular model's LUTs, at its LUTs per non-zero, would match the structured one's\n"
            for b in hardwiredBreakEvens {
                text += "  \(b.irregularModel) (\(b.irregularLUTs) LUT) vs \(b.structuredModel) (\(b.structuredLUTs) LUT): pruned \(percent(b.actualRate)); "
                text += "LUT break-even \(b.lutRate.map(percent) ?? "none")\n"
            }
        }
        return text
    }
}

func percent(_ value: Double) -> String { String(format: "%.1f%%", value * 100) }

/// `a / b` to two decimals, or "-" when `b` is 0.
func ratio(_ a: Double, _ b: Double) -> String { b > 0 ? String(format: "%.2f", a / b) : "-" }
