@testable import DNNGen

/// A second, deliberately different implementation of docs/model-format.md §2, for checking
/// `ReferenceModel`: plain nested loops over the spec's indices, everything in `Int128`,
/// convolution by explicit padded-input indexing, rounding by exact floor division with an
/// explicit comparison of twice the remainder against the divisor.
enum IndependentReference {
    /// `floor(a / b)` for `b > 0`.
    static func floorDivide(_ a: Int128, _ b: Int128) -> Int128 {
        let q = a / b
        return a % b != 0 && a < 0 ? q - 1 : q
    }

    static func round(_ v: Int128, shift: Int, rounding: Rounding) -> Int128 {
        if shift == 0 { return v }
        var divisor: Int128 = 1
        for _ in 0..<shift { divisor *= 2 }
        let q = floorDivide(v, divisor)
        let twiceRemainder = 2 * (v - q * divisor)
        switch rounding {
        case .floor:
            return q
        case .halfUp:
            return twiceRemainder >= divisor ? q + 1 : q
        case .halfEven:
            if twiceRemainder > divisor { return q + 1 }
            if twiceRemainder < divisor { return q }
            return q % 2 == 0 ? q : q + 1
        }
    }

    static func requantize(_ acc: Int128, m: Int, s: Int, rounding: Rounding, output: ActivationType) -> Int {
        let y = round(acc * Int128(m), shift: s, rounding: rounding)
        if y < Int128(output.min) { return output.min }
        if y > Int128(output.max) { return output.max }
        return Int(y)
    }

    static func infer(_ model: Model, _ input: [Int]) -> [Int] {
        var shape = model.inputShape
        var x = input
        for layer in model.layers {
            switch layer.op {
            case .dense(let d):
                var y: [Int] = []
                for o in 0..<d.outFeatures {
                    var acc = Int128(d.bias(o))
                    for i in 0..<d.inFeatures { acc += Int128(d.weight(o, i)) * Int128(x[i]) }
                    y.append(requantize(acc, m: d.requant.multiplier.value(at: o), s: d.requant.shift.value(at: o),
                                        rounding: d.requant.rounding, output: d.output))
                }
                x = y
                shape = [d.outFeatures]
            case .conv2d(let c):
                let (channels, height, width) = (shape[0], shape[1], shape[2])
                let (kh, kw) = (c.kernel[0], c.kernel[1])
                let outHeight = (height + 2 * c.padding[0] - kh) / c.stride[0] + 1
                let outWidth = (width + 2 * c.padding[1] - kw) / c.stride[1] + 1
                func inputAt(_ ch: Int, _ row: Int, _ col: Int) -> Int128 {
                    let (r, q) = (row - c.padding[0], col - c.padding[1])
                    guard r >= 0, r < height, q >= 0, q < width else { return 0 }
                    return Int128(x[(ch * height + r) * width + q])
                }
                var y = [Int](repeating: 0, count: c.filters * outHeight * outWidth)
                for k in 0..<c.filters {
                    for oy in 0..<outHeight {
                        for ox in 0..<outWidth {
                            var acc = Int128(c.bias(k))
                            for ch in 0..<channels {
                                for i in 0..<kh {
                                    for j in 0..<kw {
                                        let w = c.weight.values[k * channels * kh * kw + ch * kh * kw + i * kw + j]
                                        acc += Int128(w) * inputAt(ch, oy * c.stride[0] + i, ox * c.stride[1] + j)
                                    }
                                }
                            }
                            y[(k * outHeight + oy) * outWidth + ox] = requantize(
                                acc, m: c.requant.multiplier.value(at: k), s: c.requant.shift.value(at: k),
                                rounding: c.requant.rounding, output: c.output)
                        }
                    }
                }
                x = y
                shape = [c.filters, outHeight, outWidth]
            case .maxpool2d(let p):
                let (channels, height, width) = (shape[0], shape[1], shape[2])
                let outHeight = (height - p.kernel[0]) / p.stride[0] + 1
                let outWidth = (width - p.kernel[1]) / p.stride[1] + 1
                var y: [Int] = []
                for ch in 0..<channels {
                    for oy in 0..<outHeight {
                        for ox in 0..<outWidth {
                            var window: [Int] = []
                            for i in 0..<p.kernel[0] {
                                for j in 0..<p.kernel[1] {
                                    window.append(x[(ch * height + oy * p.stride[0] + i) * width + ox * p.stride[1] + j])
                                }
                            }
                            y.append(window.max() ?? Int.min)
                        }
                    }
                }
                x = y
                shape = [channels, outHeight, outWidth]
            case .flatten:
                shape = [shape.reduce(1, *)]
            }
        }
        return x
    }
}
