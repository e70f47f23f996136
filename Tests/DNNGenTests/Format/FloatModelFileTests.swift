import Foundation
import Testing
@testable import DNNGen

extension FormatTests {
    @Suite("Float model file")
    struct FloatModelFileTests {
        static let fixture = DataFixtures.path("float/tiny-cnn.bin")

        /// conv (padded, ReLU) → maxpool → flatten → dense (ReLU) → dense (no bias), random weights.
        static func model(seed: UInt64) -> FloatModel {
            var random = FormatFixtures.Random(seed: seed)
            func tensor(_ name: String, _ shape: [Int]) -> FloatTensor {
                FloatTensor(name: name, shape: shape,
                            values: (0..<shape.reduce(1, *)).map { _ in Float.random(in: -1...1, using: &random) })
            }
            let conv = FloatConv2DLayer(weight: tensor("c.weight", [3, 2, 3, 3]), bias: tensor("c.bias", [3]),
                                        stride: [1, 2], padding: [1, 0], relu: true)
            return FloatModel(name: "m", inputShape: [2, 6, 7], inputScale: 0.5, layers: [
                FloatLayer(name: "c", op: .conv2d(conv)),  // [3, 6, 3]
                FloatLayer(name: "p", op: .maxpool2d(MaxPool2DLayer(kernel: [2, 1], stride: [2, 1]))),  // [3, 3, 3]
                FloatLayer(name: "f", op: .flatten),
                FloatLayer(name: "d1", op: .dense(FloatDenseLayer(weight: tensor("d1.weight", [5, 27]), bias: tensor("d1.bias", [5]), relu: true))),
                FloatLayer(name: "d2", op: .dense(FloatDenseLayer(weight: tensor("d2.weight", [4, 5]), bias: nil, relu: false))),
            ])
        }

        @Test func readsTheFixtureWrittenByExportTorch() throws {
            let model = try FloatModelFile.read(path: Self.fixture)
            #expect(model.name == "tiny-cnn" && model.inputShape == [1, 6, 6] && model.inputScale == 1.0 / 255)
            #expect(model.layers.map(\.name) == ["conv1", "pool1", "flat", "fc1", "fc2"])
            guard case .conv2d(let conv) = model.layers[0].op, case .dense(let fc2) = model.layers[4].op else {
                Issue.record("unexpected ops \(model.layers.map(\.op.opName))")
                return
            }
            #expect(conv.relu && conv.padding == [1, 1] && conv.stride == [1, 1] && conv.weight.shape == [2, 1, 3, 3])
            #expect(!fc2.relu && fc2.bias == nil)
            #expect(try model.inferShapes() == [[2, 6, 6], [2, 3, 3], [18], [4], [3]])

            // `python3 tools/test_export_torch.py --write-fixture` prints these float64 outputs for
            // the raw input 7 i mod 256 (i = 0..<36) scaled by 1/255.
            let input = (0..<36).map { Float(Double($0 * 7 % 256) * model.inputScale) }
            let expected: [Float] = [0.05811464515185076, 0.11939902751986975, -0.6508978947970102]
            let output = model.infer(input)
            #expect(output.count == 3)
            for (actual, wanted) in zip(output, expected) { #expect(abs(actual - wanted) < 1e-5, "\(output)") }
        }

        @Test(arguments: [1, 2, 3] as [UInt64])
        func roundTripsThroughItsBytes(seed: UInt64) throws {
            let model = Self.model(seed: seed)
            let bytes = FloatModelFile.encode(model)
            #expect(try FloatModelFile.decode(bytes, file: "m.bin") == model, "seed \(seed)")
            #expect(FloatModelFile.encode(try FloatModelFile.decode(bytes, file: "m.bin")) == bytes)
            #expect(FloatModelFile.isFloatModel(bytes))
            #expect(!FloatModelFile.isFloatModel(ModelFile.encode(FormatFixtures.denseModel())))
            #expect(!FloatModelFile.isFloatModel([1, 2, 3]))
        }

        @Test func infersConvolutionsPoolingAndReLUByHand() {
            // 1x3x3 input 1…9, a 2x2 all-ones kernel, padding 1, stride 2: windows at (-1,-1), (-1,1), (1,-1), (1,1).
            let conv = FloatConv2DLayer(weight: FloatTensor(name: "w", shape: [2, 1, 2, 2], values: [1, 1, 1, 1, -1, -1, -1, -1]),
                                        bias: FloatTensor(name: "b", shape: [2], values: [0.5, 20]),
                                        stride: [2, 2], padding: [1, 1], relu: true)
            let model = FloatModel(name: "m", inputShape: [1, 3, 3], layers: [FloatLayer(name: "c", op: .conv2d(conv))])
            #expect(model.infer((1...9).map(Float.init)) == [1.5, 5.5, 11.5, 28.5, 19, 15, 9, 0])
            let pooled = FloatModel(name: "m", inputShape: [1, 2, 3], layers: [
                FloatLayer(name: "p", op: .maxpool2d(MaxPool2DLayer(kernel: [2, 2], stride: [1, 1]))),
                FloatLayer(name: "f", op: .flatten),
                FloatLayer(name: "d", op: .dense(FloatDenseLayer(weight: FloatTensor(name: "w", shape: [1, 2], values: [1, -2]),
                                                                  bias: nil, relu: false))),
            ])
            #expect(pooled.infer([-1, -5, 3, -2, -9, -4]) == [-1 - 2 * 3])
            #expect(pooled.inferBatch([[-1, -5, 3, -2, -9, -4], [0, 0, 0, 0, 0, 1]]) == [[-7], [-2]])
        }

        @Test(arguments: 0..<20 as Range<UInt64>)
        func convolutionMatchesAZeroPaddedCopy(seed: UInt64) {
            var random = FormatFixtures.Random(seed: seed)
            let (channels, height, width) = (Int.random(in: 1...3, using: &random), Int.random(in: 1...6, using: &random),
                                             Int.random(in: 1...6, using: &random))
            let padding = [Int.random(in: 0...3, using: &random), Int.random(in: 0...3, using: &random)]
            let kernel = [Int.random(in: 1...(height + 2 * padding[0]), using: &random),
                          Int.random(in: 1...(width + 2 * padding[1]), using: &random)]
            let stride = [Int.random(in: 1...3, using: &random), Int.random(in: 1...3, using: &random)]
            let filters = Int.random(in: 1...3, using: &random)
            func values(_ count: Int) -> [Float] { (0..<count).map { _ in Float(Int.random(in: -4...4, using: &random)) } }
            let weight = values(filters * channels * kernel[0] * kernel[1])
            let bias = values(filters)
            let input = values(channels * height * width)
            let conv = FloatConv2DLayer(weight: FloatTensor(name: "w", shape: [filters, channels] + kernel, values: weight),
                                        bias: FloatTensor(name: "b", shape: [filters], values: bias),
                                        stride: stride, padding: padding, relu: false)
            let model = FloatModel(name: "m", inputShape: [channels, height, width], layers: [FloatLayer(name: "c", op: .conv2d(conv))])

            // The same convolution on an explicitly zero-padded copy of the input (small integers: exact).
            let (paddedHeight, paddedWidth) = (height + 2 * padding[0], width + 2 * padding[1])
            var padded = [Float](repeating: 0, count: channels * paddedHeight * paddedWidth)
            for c in 0..<channels {
                for y in 0..<height {
                    for x in 0..<width {
                        padded[(c * paddedHeight + y + padding[0]) * paddedWidth + x + padding[1]] = input[(c * height + y) * width + x]
                    }
                }
            }
            let (outHeight, outWidth) = ((paddedHeight - kernel[0]) / stride[0] + 1, (paddedWidth - kernel[1]) / stride[1] + 1)
            var expected: [Float] = []
            for k in 0..<filters {
                for oy in 0..<outHeight {
                    for ox in 0..<outWidth {
                        var sum = bias[k]
                        for c in 0..<channels {
                            for i in 0..<kernel[0] {
                                for j in 0..<kernel[1] {
                                    sum += weight[((k * channels + c) * kernel[0] + i) * kernel[1] + j]
                                        * padded[(c * paddedHeight + oy * stride[0] + i) * paddedWidth + ox * stride[1] + j]
                                }
                            }
                        }
                        expected.append(sum)
                    }
                }
            }
            #expect(model.infer(input) == expected, "seed \(seed)")
        }

        /// A valid two-layer model's container, then `edit` applied to its graph JSON and tensors.
        static func file(metadata: [String: String] = [:], graph: String? = nil,
                         tensors: [SafeTensor]? = nil) -> [UInt8] {
            let defaultGraph = """
                {"name":"t","input":{"shape":[1,2,2],"scale":0.5},"layers":[
                {"name":"flat","op":"flatten"},
                {"name":"fc1","op":"dense","weight":"fc1.weight","bias":"fc1.bias","activation":"relu"}]}
                """
            let defaultTensors = [
                SafeTensor(name: "fc1.weight", dtype: .f32, shape: [3, 4], data: .floats((0..<12).map(Float.init))),
                SafeTensor(name: "fc1.bias", dtype: .f32, shape: [3], data: .floats([1, 2, 3])),
            ]
            var allMetadata = ["format": "dnngen-float-model", "version": "1", "graph": graph ?? defaultGraph]
            allMetadata.merge(metadata) { $1 }
            return SafeTensors.encode(SafeTensorsFile(metadata: allMetadata, tensors: tensors ?? defaultTensors))
        }

        static func graph(_ layer: String, input: String = #"{"shape":[4]}"#) -> String {
            #"{"name":"t","input":"# + input + #","layers":["# + layer + "]}"
        }

        static let weight34 = SafeTensor(name: "fc1.weight", dtype: .f32, shape: [3, 4], data: .floats([Float](repeating: 1, count: 12)))
        static let fc1 = #"{"name":"fc1","op":"dense","weight":"fc1.weight""#

        @Test(arguments: [
            (file(metadata: ["format": "dnngen-model"]), "metadata 'format' is 'dnngen-model', expected 'dnngen-float-model' (this is an integer model)"),
            (file(metadata: ["version": "2"]), "metadata 'version' is '2', but this dnngen reads float model version 1"),
            (file(graph: "[]"), "graph must be a JSON object, found []"),
            (file(graph: graph(fc1 + "}", input: #"{"shape":[4],"bits":8}"#)),
             "graph input: unknown key 'bits' for a float model's input (it has no integer type)"),
            (file(graph: graph(fc1 + "}", input: #"{"shape":[4],"scale":0}"#)),
             "graph input: 'scale' must be a positive finite number, found 0"),
            (file(graph: graph(fc1 + "}", input: #"{"shape":[4],"scale":"1/255"}"#)),
             #"graph input: 'scale' must be a positive finite number, found "1/255""#),
            (file(graph: graph(fc1 + #","weight_bits":4}"#), tensors: [weight34]),
             "layer 'fc1': unknown key 'weight_bits' for a float dense layer"),
            (file(graph: graph(fc1 + #","activation":"tanh"}"#), tensors: [weight34]),
             "layer 'fc1': 'activation' 'tanh' is not one of relu, none"),
            (file(graph: graph(#"{"name":"fc1","op":"dense","weight":"nope"}"#)), "layer 'fc1': weight tensor 'nope' is not in the file"),
            (file(graph: graph(fc1 + "}"), tensors: [SafeTensor(name: "fc1.weight", dtype: .i8, shape: [3, 4], data: .integers(CompactIntegers(repeating: 1, count: 12)))]),
             "layer 'fc1': weight 'fc1.weight' has dtype I8, expected F32 (a float model)"),
            (file(graph: graph(fc1 + "}"), tensors: [SafeTensor(name: "fc1.weight", dtype: .f32, shape: [3, 4], data: .floats([1, .nan] + [Float](repeating: 1, count: 10)))]),
             "layer 'fc1': weight 'fc1.weight' value nan at [0, 1] is not finite"),
            (file(graph: graph(fc1 + "}"), tensors: [SafeTensor(name: "fc1.weight", dtype: .f32, shape: [12], data: .floats([Float](repeating: 1, count: 12)))]),
             "layer 'fc1': weight 'fc1.weight' has shape [12], expected [out, in] with every dimension at least 1"),
            (file(graph: graph(fc1 + #","bias":"b"}"#), tensors: [weight34, SafeTensor(name: "b", dtype: .f32, shape: [2], data: .floats([1, 2]))]),
             "layer 'fc1': bias 'b' has shape [2], expected [3]"),
            (file(graph: graph(fc1 + "}", input: #"{"shape":[5]}"#), tensors: [weight34]),
             "layer 'fc1': weight 'fc1.weight' has shape [3, 4], expected [3, 5]"),
            (file(graph: graph(fc1 + "}," + fc1 + "}"), tensors: [weight34]), "layer 'fc1': duplicate layer name (layers[0] and layers[1])"),
            (file(graph: graph(#"{"name":"p","op":"maxpool2d","kernel":[2,2]}"#)), "layer 'p': maxpool2d needs a [C, H, W] input, got shape [4]"),
            (file(graph: graph(#"{"name":"x","op":"conv3d"}"#)), "layer 'x': unknown op 'conv3d' (expected dense, conv2d, maxpool2d or flatten)"),
            (file(graph: graph(#"{"name":"f","op":"flatten","inputs":["a"]}"#)), "layer 'f': 'inputs' is reserved for a later version of the format"),
        ])
        func reportsTheFileLayerAndField(bytes: [UInt8], expected: String) {
            do {
                _ = try FloatModelFile.decode(bytes, file: "f.bin")
                Issue.record("no error; expected \(expected)")
            } catch {
                #expect(error.description == "f.bin: " + expected)
            }
        }

        @Test(arguments: 0..<30 as Range<UInt64>)
        func neverTrapsOnCorruptBytes(seed: UInt64) throws {
            var random = FormatFixtures.Random(seed: seed)
            var bytes = FloatModelFile.encode(Self.model(seed: seed))
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
            }
            if let model = try? FloatModelFile.decode(bytes, file: "f.bin") {
                _ = model.infer([Float](repeating: 1, count: model.inputCount))  // a model that reads, runs
            }
        }
    }
}
