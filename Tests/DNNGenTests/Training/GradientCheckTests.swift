import Testing
@testable import DNNGen

extension TrainingTests {
    /// Each layer's backward pass against central finite differences of `L = Σ r·y`.
    @Suite struct GradientCheckTests {
        @Test(arguments: [1, 2, 3] as [UInt64])
        func denseBackwardMatchesFiniteDifferences(seed: UInt64) {
            check(DenseTrainingLayer(inFeatures: 7, outFeatures: 5, hasBias: true, relu: false), seed: seed)
            check(DenseTrainingLayer(inFeatures: 6, outFeatures: 4, hasBias: true, relu: true), seed: seed)
            check(DenseTrainingLayer(inFeatures: 20, outFeatures: 3, hasBias: false, relu: false), seed: seed)
        }

        @Test(arguments: [1, 2, 3] as [UInt64])
        func convBackwardMatchesFiniteDifferences(seed: UInt64) {
            check(Conv2DTrainingLayer(channels: 2, height: 6, width: 5, filters: 3, kernel: [3, 2], stride: [1, 1],
                                      padding: [0, 0], hasBias: true, relu: false), seed: seed)
            check(Conv2DTrainingLayer(channels: 3, height: 7, width: 7, filters: 2, kernel: [3, 3], stride: [2, 1],
                                      padding: [1, 2], hasBias: true, relu: true), seed: seed)
            check(Conv2DTrainingLayer(channels: 3, height: 7, width: 7, filters: 2, kernel: [3, 3], stride: [2, 1],
                                      padding: [1, 2], hasBias: true, relu: false), seed: seed)
            check(Conv2DTrainingLayer(channels: 3, height: 7, width: 7, filters: 2, kernel: [3, 3], stride: [1, 1],
                                      padding: [0, 0], hasBias: true, relu: true), seed: seed)
            check(Conv2DTrainingLayer(channels: 1, height: 4, width: 4, filters: 1, kernel: [3, 3], stride: [1, 1],
                                      padding: [1, 0], hasBias: false, relu: false), seed: seed)
            check(Conv2DTrainingLayer(channels: 1, height: 5, width: 5, filters: 2, kernel: [5, 5], stride: [1, 1],
                                      padding: [0, 0], hasBias: false, relu: false), seed: seed)
        }

        @Test(arguments: [1, 2, 3] as [UInt64])
        func maxPoolAndFlattenBackwardMatchFiniteDifferences(seed: UInt64) {
            check(MaxPoolTrainingLayer(channels: 2, height: 6, width: 6, kernel: [2, 2], stride: [2, 2]), seed: seed)
            check(MaxPoolTrainingLayer(channels: 1, height: 5, width: 7, kernel: [3, 2], stride: [1, 2]), seed: seed)
            check(FlattenTrainingLayer(count: 12), seed: seed)
        }

        /// The whole network, loss included: the trainer's gradient of the mean cross-entropy.
        @Test(arguments: [1, 2] as [UInt64])
        func networkGradientMatchesFiniteDifferencesOfTheLoss(seed: UInt64) throws {
            let data = TrainingFixtures.patterns(count: 6, seed: seed)
            let network = try TrainingNetwork(TrainingFixtures.smallCNN(seed: seed))
            let runner = DataParallelRunner(network: network, shardCount: 3, batchSize: 6)
            var parameters = network.parameters
            for i in parameters.indices where i % 3 == 0 { parameters[i] += 0.05 }  // biases off zero
            let indices = Array(0..<6)[...]
            var gradient = [Float](repeating: 0, count: network.parameterCount)
            _ = runner.step(data: data, indices: indices, parameters: parameters, gradient: &gradient)
            func loss(_ values: [Float]) -> Double {
                var unused = [Float](repeating: 0, count: values.count)
                return runner.step(data: data, indices: indices, parameters: values, gradient: &unused).loss / 6
            }
            var generator = SplitMix64(seed: seed)
            for _ in 0..<40 {
                let index = generator.nextIndex(below: parameters.count)
                let numeric = centralDifference(parameters, index: index, step: 1e-3, loss)
                #expect(close(Double(gradient[index]), numeric, tolerance: 1e-2),
                        "seed \(seed) parameter \(index): backward \(gradient[index]), numeric \(numeric)")
            }
        }

        private func check(_ layer: any TrainingLayer, seed: UInt64, samples: Int = 2) {
            var generator = SplitMix64(seed: seed)
            func random(_ count: Int) -> [Float] { (0..<count).map { _ in Float(generator.nextGaussian()) } }
            let parameters = random(layer.parameterCount)
            let input = random(samples * layer.inputCount)
            let weights = random(samples * layer.outputCount)  // L = Σ weights · y
            var scratch = [Float](repeating: 0, count: Swift.max(1, layer.scratchCount))

            func forward(_ parameters: [Float], _ input: [Float]) -> [Float] {
                var output = [Float](repeating: 0, count: samples * layer.outputCount)
                parameters.withUnsafeBufferPointer { p in
                    input.withUnsafeBufferPointer { x in
                        output.withUnsafeMutableBufferPointer { y in
                            scratch.withUnsafeMutableBufferPointer { s in
                                layer.forward(input: x.baseAddress!, output: y.baseAddress!, samples: samples,
                                              parameters: p.baseAddress ?? UnsafePointer(s.baseAddress!),
                                              scratch: s.baseAddress!)
                            }
                        }
                    }
                }
                return output
            }
            func loss(_ output: [Float]) -> Double {
                zip(output, weights).reduce(0) { $0 + Double($1.0) * Double($1.1) }
            }
            let output = forward(parameters, input)
            var outputGradient = weights
            var inputGradient = [Float](repeating: .nan, count: input.count)
            var parameterGradient = [Float](repeating: 0, count: Swift.max(1, parameters.count))
            parameters.withUnsafeBufferPointer { p in
                input.withUnsafeBufferPointer { x in
                    output.withUnsafeBufferPointer { y in
                        outputGradient.withUnsafeMutableBufferPointer { dy in
                            inputGradient.withUnsafeMutableBufferPointer { dx in
                                parameterGradient.withUnsafeMutableBufferPointer { dp in
                                    scratch.withUnsafeMutableBufferPointer { s in
                                        layer.backward(input: x.baseAddress!, output: y.baseAddress!,
                                                       outputGradient: dy.baseAddress!, inputGradient: dx.baseAddress!,
                                                       samples: samples,
                                                       parameters: p.baseAddress ?? UnsafePointer(s.baseAddress!),
                                                       gradients: dp.baseAddress!, scratch: s.baseAddress!)
                                    }
                                }
                            }
                        }
                    }
                }
            }
            for index in parameters.indices {
                let numeric = centralDifference(parameters, index: index, step: 1e-3) { loss(forward($0, input)) }
                #expect(close(Double(parameterGradient[index]), numeric, tolerance: 1e-2),
                        "\(layer) seed \(seed): parameter \(index): backward \(parameterGradient[index]), numeric \(numeric)")
            }
            for index in input.indices {
                let numeric = centralDifference(input, index: index, step: 1e-3) { loss(forward(parameters, $0)) }
                #expect(close(Double(inputGradient[index]), numeric, tolerance: 1e-2),
                        "\(layer) seed \(seed): input \(index): backward \(inputGradient[index]), numeric \(numeric)")
            }
        }

        private func centralDifference(_ values: [Float], index: Int, step: Float, _ f: ([Float]) -> Double) -> Double {
            var plus = values
            var minus = values
            plus[index] += step
            minus[index] -= step
            return (f(plus) - f(minus)) / Double(plus[index] - minus[index])
        }

        private func close(_ a: Double, _ b: Double, tolerance: Double) -> Bool {
            abs(a - b) <= tolerance * Swift.max(1, abs(a), abs(b))
        }
    }
}
