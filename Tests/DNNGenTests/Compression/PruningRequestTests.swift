import Foundation
import Testing
@testable import DNNGen

/// The parent of every Compression suite (`swift test --filter CompressionTests`).
@Suite("Compression")
struct CompressionTests {}

extension CompressionTests {
    @Suite struct PruningRequestTests {
        @Test func ratesAreAPrunedFractionOrACompressionRate() throws {
            #expect(try PruningRate(parsing: "0.9").keptFraction == 1 - 0.9)
            #expect(try PruningRate(parsing: "0").keptFraction == 1)
            #expect(try PruningRate(parsing: "10x").keptFraction == 0.1)
            #expect(try PruningRate(parsing: "4X").compressionRate == 4)
            for bad in ["1", "1.5", "-0.1", "0.5x", "x", "", "nan", "infx", "ten"] {
                #expect(throws: CompressionError.self, "\(bad)") { try PruningRate(parsing: bad) }
            }
        }

        @Test func requestsTakeAGlobalRateLayerRatesOrBoth() throws {
            let global = try PruningRequest(parsing: "irregular:10x")
            #expect(global == PruningRequest(kind: .irregular, global: PruningRate(keptFraction: 0.1)))
            let layers = try PruningRequest(parsing: "filter:fc1=0.75,fc2=2x")
            #expect(layers.kind == .filter && layers.global == nil)
            #expect(layers.layers == ["fc1": PruningRate(keptFraction: 0.25), "fc2": PruningRate(keptFraction: 0.5)])
            let both = try PruningRequest(parsing: "shape:conv1=0.5,0.8")
            #expect(both.global == PruningRate(keptFraction: 1 - 0.8) && both.layers.count == 1)
            for bad in ["irregular", "sparse:0.5", "filter:", "filter:0.5,0.6", "filter:fc1=0.5,fc1=0.6", "filter:=0.5", "channel:fc1=2"] {
                #expect(throws: CompressionError.self, "\(bad)") { try PruningRequest(parsing: bad) }
            }
        }

        @Test func theSquareRootRuleMeetsTheTargetAndPrunesLargeLayersHarder() {
            let sizes: [Double] = [150, 2400, 30720, 10080, 840]
            let target = 0.1 * sizes.reduce(0, +)
            let shares = LayerBudgets.splitBySquareRoot(sizes: sizes, target: target)
            #expect(abs(shares.reduce(0, +) - target) < 0.01)
            let kept = zip(shares, sizes).map { $0 / $1 }
            #expect(kept[0] > kept[1] && kept[1] > kept[3] && kept[3] > kept[2], "\(kept)")
            #expect(kept.allSatisfy { $0 > 0 && $0 <= 1 })
            // a target above what the rule can reach keeps everything
            #expect(LayerBudgets.splitBySquareRoot(sizes: sizes, target: sizes.reduce(0, +)) == sizes)
        }
    }
}
