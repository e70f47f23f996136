import Foundation
import Testing
@testable import DNNGen

extension DataTests {
    @Suite("Top-1 accuracy")
    struct TopOneAccuracyTests {
        @Test(arguments: [
            (8865, 10000, "88.65%"), (447, 500, "89.40%"), (1, 3, "33.33%"), (2, 3, "66.67%"),
            (0, 7, "0.00%"), (7, 7, "100.00%"), (1, 20000, "0.01%"), (1, 40000, "0.00%"), (0, 0, "-"),
        ])
        func formatsPercentagesRoundingHalfUp(correct: Int, total: Int, text: String) {
            #expect(TopOneAccuracy(correct: correct, total: total).percentText == text)
        }

        @Test func argmaxTakesTheFirstLargest() {
            #expect(TopOneAccuracy.argmax([3, 9, 9, 1]) == 1)
            #expect(TopOneAccuracy.argmax([-5, -7]) == 0)
            #expect(TopOneAccuracy.argmax([Float]()) == 0)
        }

        /// Four 1x2x2 images; the label is the position of the brightest pixel, except image 3's.
        static let data = Dataset(imageShape: [1, 2, 2],
                                  images: [9, 1, 2, 3, /**/ 0, 200, 1, 1, /**/ 5, 5, 255, 4, /**/ 1, 2, 3, 4],
                                  labels: [0, 1, 2, 0])

        /// Copies its 4 inputs to 4 outputs: the identity, as an integer model and as a float one.
        static var identity: Model {
            let weight = IntTensor(name: "w", shape: [4, 4], values: (0..<16).map { $0 % 5 == 0 ? 1 : 0 }, dtype: "I8")
            let dense = DenseLayer(weight: weight, bias: nil, weightBits: 2, weightKind: .int,
                                   requant: Requant(multiplier: .perLayer(1), shift: .perLayer(0)),
                                   output: ActivationType(bits: 16, signed: true))
            return Model(name: "id", inputShape: [4], inputType: ActivationType(bits: 8, signed: false),
                         layers: [Layer(name: "fc", op: .dense(dense))])
        }

        static var floatIdentity: FloatModel {
            let weight = FloatTensor(name: "w", shape: [4, 4], values: (0..<16).map { $0 % 5 == 0 ? 1 : 0 })
            return FloatModel(name: "id", inputShape: [1, 2, 2], inputScale: 1.0 / 255,
                              layers: [FloatLayer(name: "flat", op: .flatten),
                                       FloatLayer(name: "fc", op: .dense(FloatDenseLayer(weight: weight, bias: nil, relu: false)))])
        }

        @Test func evaluatesIntegerAndFloatModels() throws {
            var seen: [Int] = []
            let integer = try TopOneAccuracy.evaluate(Self.identity, on: Self.data, file: "id.bin") { seen.append($0.total) }
            #expect(integer == TopOneAccuracy(correct: 3, total: 4))
            #expect(seen == [4])
            let float = try TopOneAccuracy.evaluate(Self.floatIdentity, on: Self.data, file: "id-float.bin")
            #expect(float == TopOneAccuracy(correct: 3, total: 4))
        }

        @Test func rejectsModelsThatDoNotFitTheData() {
            var signedInput = Self.identity
            signedInput.inputType = ActivationType(bits: 8, signed: true)
            var wideInput = Self.identity
            wideInput.inputShape = [5]
            let narrow = Dataset(imageShape: [1, 2, 2], images: [UInt8](repeating: 0, count: 4), labels: [4])
            let cases: [(Model, Dataset, String)] = [
                (signedInput, Self.data, "m.bin: input type s8 cannot hold raw 8-bit pixels 0...255 (use an unsigned input of 8 or more bits)"),
                (wideInput, Self.data, "m.bin: layer 'fc': weight 'w' has shape [4, 4], expected [4, 5]"),
                (Self.identity, narrow, "m.bin: output has 4 values, but the data set has label 4 (one output per class expected)"),
            ]
            for (model, data, expected) in cases {
                #expect(throws: Error.self) { try TopOneAccuracy.evaluate(model, on: data, file: "m.bin") }
                do {
                    _ = try TopOneAccuracy.evaluate(model, on: data, file: "m.bin")
                } catch {
                    #expect(error.description == expected)
                }
            }
            var wrongShape = Self.floatIdentity
            wrongShape.inputShape = [1, 4, 1]
            wrongShape.layers.removeFirst()
            do {
                _ = try TopOneAccuracy.evaluate(wrongShape, on: Self.data, file: "f.bin")
                Issue.record("no error")
            } catch {
                #expect(error.description == "f.bin: layer 'fc': dense needs a vector input, got shape [1, 4, 1] (add a flatten layer)")
            }
            wrongShape.inputShape = [3]
            do {
                _ = try TopOneAccuracy.evaluate(wrongShape, on: Self.data, file: "f.bin")
                Issue.record("no error")
            } catch {
                #expect(error.description == "f.bin: layer 'fc': weight 'w' has shape [4, 4], expected [4, 3]")
            }
        }
    }
}
