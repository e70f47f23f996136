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
    /// The sparse engine's entry ROM of PE `p`: `{delta, value}` words (value in the low bits),
    /// padded with zero words to the fullest PE's depth.
    public func sparseEntryImage(pe p: Int, fileName: String) -> RomImage? {
        guard let sparse else { return nil }
        var image = RomImage(fileName: fileName, width: layer.weightBits + sparse.indexBits)
        for entry in sparse.entries[p] {
            image.append(WeightEncoding.encode(entry.value, kind: layer.weightKind, bits: layer.weightBits), width: layer.weightBits)
            image.append(Int128(entry.delta), width: sparse.indexBits)
        }
        while image.depth < sparse.romEntries {
            image.append(0, width: layer.weightBits + sparse.indexBits)
        }
        return image
    }

    /// The sparse engine's column pointers of PE `p`: `COLS + 1` offsets into its entry ROM.
    public func sparsePointerImage(pe p: Int, fileName: String) -> RomImage? {
        guard let sparse else { return nil }
        var image = RomImage(fileName: fileName, width: sparse.pointerWidth)
        for offset in sparse.pointers[p] { image.append(Int128(offset), width: sparse.pointerWidth) }
        return image
    }
}
