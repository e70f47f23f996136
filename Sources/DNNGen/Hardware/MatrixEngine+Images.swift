extension MatrixEngine {
    /// The weight ROM of PE lane `p`: word `r·SF + c` holds `W[r·PE + p][c·SIMD + j]` at lane `j`.
    /// Rows and columns past the compacted matrix (padding) hold zero.
    public func weightImage(pe p: Int, fileName: String) -> RomImage {
        var image = RomImage(fileName: fileName, width: simd * layer.weightBits)
        let rowCount = layer.rows.count
        weights.withReader { weights in
            for r in 0..<nf {
                let row = r * pe + p
                for c in 0..<sf {
                    for j in 0..<simd {
                        let column = c * simd + j
                        let w = row < rowCount && column < columns ? weights[row * columns + column] : 0
                        image.append(WeightEncoding.encode(w, kind: layer.weightKind, bits: layer.weightBits),
                                     width: layer.weightBits)
                    }
                }
            }
        }
        return image
    }

    /// The per-row parameter ROM: word `r`, lane `p` = `{bias, m, s}` of row `r·PE + p`
    /// (`s` in the low bits). Padding rows get bias 0, m 1, s 0.
    public func parameterImage(fileName: String) -> RomImage {
        var image = RomImage(fileName: fileName, width: pe * paramWordBits)
        for r in 0..<nf {
            for p in 0..<pe {
                let row = r * pe + p
                let real = row < layer.rows.count
                image.append(Int128(real ? layer.shifts[row] : 0), width: Self.shiftWidth)
                image.append(Int128(real ? layer.multipliers[row] : 1), width: Self.multiplierWidth)
                image.append(real ? layer.bias[row] : 0, width: biasWidth)
            }
        }
        return image
    }
}

extension MatrixEngine {
    /// The sparse lane engine's code ROM of group `g`: its code stream in stream-width words,
    /// the last one zero-filled (one zero word for an empty group, so that it still has a ROM).
    public func sparseCodeImage(group g: Int, fileName: String) -> RomImage? {
        guard let lane else { return nil }
        let cost = lane.mvu.stream
        var image = RomImage(fileName: fileName, width: cost.streamWidth)
        let bits = lane.gaps.streamBits(group: g, cost: cost, kind: layer.weightKind)
        for bit in bits { image.append(bit ? 1 : 0, width: 1) }
        let fill = (cost.streamWidth - bits.count % cost.streamWidth) % cost.streamWidth
        for _ in 0..<(bits.isEmpty ? cost.streamWidth : fill) { image.append(0, width: 1) }
        return image
    }
}
