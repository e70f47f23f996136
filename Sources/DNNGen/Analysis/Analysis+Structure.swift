extension Analysis {
    /// The pruning structure of a dense weight `[rows, cols]`, row-major
    /// (rules in `PruningStructure`).
    /// - Complexity: O(rows · cols).
    public static func denseStructure(_ weights: CompactIntegers, rows: Int, cols: Int) -> PruningStructure {
        var rowNonZeros = [Int](repeating: 0, count: rows)
        var colNonZeros = [Int](repeating: 0, count: cols)
        for r in 0..<rows {
            for c in 0..<cols where weights[r * cols + c] != 0 {
                rowNonZeros[r] += 1
                colNonZeros[c] += 1
            }
        }
        let prunedRows = rowNonZeros.indices.filter { rowNonZeros[$0] == 0 }
        let prunedCols = colNonZeros.indices.filter { colNonZeros[$0] == 0 }
        let nonZeros = rowNonZeros.reduce(0, +)
        // Every non-zero lies in a kept row and a kept column.
        let keptCells = (rows - prunedRows.count) * (cols - prunedCols.count)
        return PruningStructure(prunedRows: prunedRows, prunedColumns: prunedCols, prunedPositions: [],
                                irregularZeros: keptCells - nonZeros, prunedMatrixColumns: prunedCols)
    }

    /// The pruning structure of a conv2d weight `[filters, channels, kh, kw]`, row-major
    /// (rules in `PruningStructure`).
    /// - Complexity: O(weights).
    public static func convStructure(_ weights: CompactIntegers, filters: Int, channels: Int,
                                     kernel: (height: Int, width: Int)) -> PruningStructure {
        let area = kernel.height * kernel.width
        let cols = channels * area
        var rowNonZeros = [Int](repeating: 0, count: filters)
        var colNonZeros = [Int](repeating: 0, count: cols)
        for k in 0..<filters {
            for c in 0..<cols where weights[k * cols + c] != 0 {
                rowNonZeros[k] += 1
                colNonZeros[c] += 1
            }
        }
        let prunedFilters = rowNonZeros.indices.filter { rowNonZeros[$0] == 0 }
        let prunedChannels = (0..<channels).filter { c in
            colNonZeros[(c * area)..<((c + 1) * area)].allSatisfy { $0 == 0 }
        }
        let channelPruned = Set(prunedChannels)
        var positions: [KernelPosition] = []
        var matrixColumns: [Int] = []
        for column in 0..<cols where colNonZeros[column] == 0 {
            matrixColumns.append(column)
            let c = column / area
            if channelPruned.contains(c) { continue }
            let within = column % area
            positions.append(KernelPosition(channel: c, row: within / kernel.width,
                                            column: within % kernel.width))
        }
        let nonZeros = rowNonZeros.reduce(0, +)
        let keptCells = (filters - prunedFilters.count) * (cols - matrixColumns.count)
        return PruningStructure(prunedRows: prunedFilters, prunedColumns: prunedChannels,
                                prunedPositions: positions, irregularZeros: keptCells - nonZeros,
                                prunedMatrixColumns: matrixColumns)
    }
}
