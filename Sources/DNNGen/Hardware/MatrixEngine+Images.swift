extension MatrixEngine {
    /// The weight ROM of PE lane `p`: word `r·SF + c` holds `W[r·PE + p][c·SIMD + j]` at lane `j`.
    /// Rows and columns past the compacted matrix (padding) hold zero.
    public func weightImage(pe p: Int, fileName: String) -> RomImage {
        var words: [BitWord] = []
        words.reserveCapacity(nf * sf)
        let rowCount = layer.rows.count
        for r in 0..<nf {
            let row = r * pe + p
            for c in 0..<sf {
                var word = BitWord()
                for j in 0..<simd {
                    let column = c * simd + j
                    let w = row < rowCount && column < columns ? weight(row: row, column: column) : 0
                    word.append(WeightEncoding.encode(w, kind: layer.weightKind, bits: layer.weightBits),
                                width: layer.weightBits)
                }
                words.append(word)
            }
        }
        return RomImage(fileName: fileName, width: simd * layer.weightBits, words: words)
    }

    /// The per-row parameter ROM: word `r`, lane `p` = `{bias, m, s}` of row `r·PE + p`
    /// (`s` in the low bits). Padding rows get bias 0, m 1, s 0.
    public func parameterImage(fileName: String) -> RomImage {
        var words: [BitWord] = []
        for r in 0..<nf {
            var word = BitWord()
            for p in 0..<pe {
                let row = r * pe + p
                let real = row < layer.rows.count
                word.append(Int128(real ? layer.shifts[row] : 0), width: Self.shiftWidth)
                word.append(Int128(real ? layer.multipliers[row] : 1), width: Self.multiplierWidth)
                word.append(real ? layer.bias[row] : 0, width: biasWidth)
            }
            words.append(word)
        }
        return RomImage(fileName: fileName, width: pe * paramWordBits, words: words)
    }
}

extension MatrixEngine {
    /// The sparse engine's entry ROM of PE `p`: `{delta, value}` words (value in the low bits),
    /// padded with zero words to the fullest PE's depth.
    public func sparseEntryImage(pe p: Int, fileName: String) -> RomImage? {
        guard let sparse else { return nil }
        var words: [BitWord] = []
        for entry in sparse.entries[p] {
            var word = BitWord()
            word.append(WeightEncoding.encode(entry.value, kind: layer.weightKind, bits: layer.weightBits), width: layer.weightBits)
            word.append(Int128(entry.delta), width: sparse.indexBits)
            words.append(word)
        }
        while words.count < sparse.romEntries {
            var word = BitWord()
            word.append(0, width: layer.weightBits + sparse.indexBits)
            words.append(word)
        }
        return RomImage(fileName: fileName, width: layer.weightBits + sparse.indexBits, words: words)
    }

    /// The sparse engine's column pointers of PE `p`: `COLS + 1` offsets into its entry ROM.
    public func sparsePointerImage(pe p: Int, fileName: String) -> RomImage? {
        guard let sparse else { return nil }
        let words = sparse.pointers[p].map { offset -> BitWord in
            var word = BitWord()
            word.append(Int128(offset), width: sparse.pointerWidth)
            return word
        }
        return RomImage(fileName: fileName, width: sparse.pointerWidth, words: words)
    }
}
