import Testing
@testable import DNNGen

@Suite("Folding")
struct FoldingSolverTests {
    @Test("the budget is respected and spent on the bottleneck", arguments: [1, 8, 32, 64, 200, 5000])
    func budgetIsRespected(budget: Int) {
        let rows = [300, 100, 10]
        let columns = [784, 300, 100]
        let folds = FoldingSolver.solve(rows: rows, columns: columns, vectors: [1, 1, 1], rowsMustDivide: [false, false, false],
                                        fixed: [nil, nil, nil], budget: budget, ioFloor: 784)
        let used = folds.reduce(0) { $0 + $1.multipliers }
        #expect(used <= max(budget, 3))
        let cycles = folds.indices.map { ceilDiv(rows[$0], folds[$0].pe) * ceilDiv(columns[$0], folds[$0].simd) }
        // The first layer has 8x the work of the second: it must get the most multipliers.
        if budget >= 32 { #expect(folds[0].multipliers > folds[1].multipliers) }
        // Nobody is sped up past the input stream's 784 cycles.
        if budget >= 5000 { #expect(cycles.max() ?? 0 <= 784 * 2) }
    }

    @Test func rowsMustDivideAvoidsPadding() {
        let folds = FoldingSolver.solve(rows: [7], columns: [5], vectors: [1], rowsMustDivide: [true], fixed: [nil],
                                        budget: 64, ioFloor: 1)
        #expect(7 % folds[0].pe == 0)
    }

    @Test func fixedFoldsAreKept() {
        let folds = FoldingSolver.solve(rows: [32, 10], columns: [64, 32], vectors: [1, 1], rowsMustDivide: [false, false],
                                        fixed: [Fold(pe: 2, simd: 4), nil], budget: 64, ioFloor: 1)
        #expect(folds[0] == Fold(pe: 2, simd: 4))
    }
}
