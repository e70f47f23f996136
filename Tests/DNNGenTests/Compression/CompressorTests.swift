import Foundation
import Testing
@testable import DNNGen

extension CompressionTests {
    @Suite struct CompressorTests {
        static let train = TrainingFixtures.patterns(count: 400, seed: 21)
        static let test = TrainingFixtures.patterns(count: 200, seed: 22)

        /// Each kind of pruning leaves the zeros the analysis reads as that structure, and dead
        /// units are carried to the next layer.
        @Test(arguments: [
            ("filter:conv1=0.5,conv2=0.5,fc1=0.5", PruningKind.filter),
            ("channel:conv2=0.5,fc1=0.5,fc2=0.5", .channel),
            ("shape:conv1=0.5,conv2=0.5,fc1=0.5", .shape),
            ("irregular:4x", .irregular),
        ])
        func eachKindWritesItsStructure(spec: String, kind: PruningKind) throws {
            let request = try PruningRequest(parsing: spec)
            let compressor = try Compressor(model: CompressionFixtures.deeperCNN(seed: 9), request: request,
                                            options: try CompressionFixtures.quickOptions())
            var lines: [String] = []
            let result = try compressor.run(train: Self.train, test: Self.test) { lines.append($0.line) }
            #expect(lines.count == 3 + 2 + 1 + 2)
            #expect(lines.first?.hasPrefix("admm-prune 1/3: loss ") == true && lines.last?.hasPrefix("qat 2/2: ") == true)
            #expect(try ModelFile.decode(ModelFile.encode(result.model), file: "m.bin") == result.model, "a valid model.bin")
            let layers = Dictionary(uniqueKeysWithValues: Analysis.analyze(result.model).map { ($0.name, $0) })
            let conv1 = try #require(layers["conv1"]), conv2 = try #require(layers["conv2"])
            let fc1 = try #require(layers["fc1"]), fc2 = try #require(layers["fc2"])
            switch kind {
            case .filter:
                #expect(conv1.structure.prunedRows.count >= 3 && conv2.structure.prunedRows.count >= 4 && fc1.structure.prunedRows.count >= 6)
                // the filters' outputs are zero, so the next layer's channels and columns went too
                #expect(conv2.structure.prunedColumns.count >= 3 && fc1.compactedColumns <= 4 * 9 && fc2.compactedColumns <= 6)
                #expect(fc2.structure.prunedRows.isEmpty, "the last layer keeps its outputs")
            case .channel:
                #expect(conv2.structure.prunedColumns.count >= 3 && fc1.compactedColumns <= 36 && fc2.compactedColumns <= 6)
                #expect(conv1.structure.prunedRows.count >= 3 && fc1.structure.prunedRows.count >= 6, "unread producers go too")
            case .shape:
                #expect(conv1.compactedColumns <= 5 && conv2.compactedColumns <= 27 && fc1.compactedColumns <= 36)
            case .irregular:
                let weights = [conv1, conv2, fc1, fc2].reduce(0) { $0 + $1.parameters }
                let kept = [conv1, conv2, fc1, fc2].reduce(0) { $0 + $1.nonZeros }
                #expect(kept * 4 <= weights + 4, "\(kept) of \(weights)")
            }
            #expect(result.stages.map(\.name) == ["float, unpruned", "float, hard-pruned", "float, pruned and retrained", "integer (model.bin)"])
            #expect(result.integerAccuracy.total == Self.test.count)
            let report = CompressionReport(parent: compressor.model, result: result, kind: kind)
            #expect(report.rows.map(\.layer) == ["conv1", "conv2", "fc1", "fc2"])
            #expect(report.total.kept == [conv1, conv2, fc1, fc2].reduce(0) { $0 + $1.nonZeros })
            #expect(report.text.contains("total") && report.text.contains("integer (model.bin) "))
        }

        @Test func budgetsFollowTheRequest() throws {
            let model = CompressionFixtures.deeperCNN(seed: 1)
            let options = try CompressionFixtures.quickOptions()
            let filters = try Compressor(model: model, request: PruningRequest(parsing: "filter:0.5"), options: options)
            #expect(filters.budgets.last?.kept == 4 && filters.budgets.last?.units == 4, "the output layer keeps its rows")
            let channels = try Compressor(model: model, request: PruningRequest(parsing: "channel:0.5"), options: options)
            #expect(channels.budgets.first?.kept == 1 && channels.budgets.first?.units == 1, "the image's channel stays")
            let mixed = try Compressor(model: model, request: PruningRequest(parsing: "irregular:conv1=0.5,0.9"), options: options)
            #expect(mixed.budgets.first?.kept == 27)
            let others = mixed.budgets.dropFirst()
            let keptOthers = others.reduce(0) { $0 + $1.kept }, totalOthers = others.reduce(0) { $0 + $1.units }
            #expect(abs(Double(keptOthers) - 0.1 * Double(totalOthers)) <= 2)
        }

        @Test(arguments: [
            ("filter:fc2=0.5", "layer 'fc2' cannot be pruned by filter: its rows are the network's outputs"),
            ("channel:conv1=0.5", "layer 'conv1' cannot be pruned by channel: its channels are the input image's"),
            ("irregular:fc9=0.5", "--prune names layer 'fc9', which is not a dense or conv2d layer of the model (it has conv1, conv2, fc1, fc2)"),
        ])
        func impossibleRequestsAreRefused(spec: String, message: String) throws {
            let request = try PruningRequest(parsing: spec)
            #expect(throws: CompressionError(message)) {
                try Compressor(model: CompressionFixtures.deeperCNN(seed: 1), request: request,
                               options: try CompressionFixtures.quickOptions())
            }
        }

        @Test func binaryWeightsCannotBePruned() throws {
            var options = try CompressionFixtures.quickOptions()
            options.quantization.weights = try WeightQuantizer(kind: .binary, bits: 1, perChannel: false)
            #expect(throws: CompressionError.self) {
                try Compressor(model: CompressionFixtures.deeperCNN(seed: 1), request: PruningRequest(parsing: "irregular:0.5"), options: options)
            }
        }
    }
}
