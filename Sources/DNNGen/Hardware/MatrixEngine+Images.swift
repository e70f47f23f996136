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
