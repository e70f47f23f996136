/// Row-major `Float` matrix products on raw pointers: the hot loops of training.
///
/// Every product accumulates into `c` (callers zero or preset it first). The loops run over
/// unsafe pointers, so nothing is bounds-checked: callers guarantee the sizes. The order of the
/// additions is fixed by the sizes alone, so results are the same on every run.
enum MatrixKernels {
    /// `C[m×n] += A[m×k] · B[k×n]`.
    ///
    /// The inner loop is an AXPY over a row of `B` (four rows at a time), which the compiler
    /// vectorizes. Complexity: `m·n·k` multiply-adds.
    static func addProduct(_ c: UnsafeMutablePointer<Float>, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
                           m: Int, n: Int, k: Int) {
        for i in 0..<m {
            axpyRows(c + i * n, coefficients: a + i * k, stride: 1, rows: b, n: n, k: k)
        }
    }

    /// `C[m×n] += Aᵀ · B`, with `A` stored `[k×m]` and `B` `[k×n]`.
    static func addTransposedProduct(_ c: UnsafeMutablePointer<Float>, _ a: UnsafePointer<Float>,
                                     _ b: UnsafePointer<Float>, m: Int, n: Int, k: Int) {
        for i in 0..<m {
            axpyRows(c + i * n, coefficients: a + i, stride: m, rows: b, n: n, k: k)
        }
    }

    /// `C[m×n] += A · Bᵀ`, with `A` stored `[m×k]` and `B` `[n×k]`: dot products of rows.
    static func addProductTransposed(_ c: UnsafeMutablePointer<Float>, _ a: UnsafePointer<Float>,
                                     _ b: UnsafePointer<Float>, m: Int, n: Int, k: Int) {
        for i in 0..<m {
            let aRow = a + i * k
            let cRow = c + i * n
            for j in 0..<n {
                cRow[j] += dot(aRow, b + j * k, count: k)
            }
        }
    }

    /// `Σ x[i]·y[i]` over eight SIMD lanes, two accumulators, then the lanes in order.
    @inline(__always)
    static func dot(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, count: Int) -> Float {
        var sum0 = SIMD8<Float>()
        var sum1 = SIMD8<Float>()
        var i = 0
        let rawX = UnsafeRawPointer(x)
        let rawY = UnsafeRawPointer(y)
        let stride = MemoryLayout<Float>.stride
        while i + 16 <= count {
            let x0 = rawX.loadUnaligned(fromByteOffset: i * stride, as: SIMD8<Float>.self)
            let y0 = rawY.loadUnaligned(fromByteOffset: i * stride, as: SIMD8<Float>.self)
            let x1 = rawX.loadUnaligned(fromByteOffset: (i + 8) * stride, as: SIMD8<Float>.self)
            let y1 = rawY.loadUnaligned(fromByteOffset: (i + 8) * stride, as: SIMD8<Float>.self)
            sum0 += x0 * y0
            sum1 += x1 * y1
            i += 16
        }
        if i + 8 <= count {
            let x0 = rawX.loadUnaligned(fromByteOffset: i * stride, as: SIMD8<Float>.self)
            let y0 = rawY.loadUnaligned(fromByteOffset: i * stride, as: SIMD8<Float>.self)
            sum0 += x0 * y0
            i += 8
        }
        var total = (sum0 + sum1).sum()
        while i < count {
            total += x[i] * y[i]
            i += 1
        }
        return total
    }

    /// `row[0..<n] += Σ_p coefficients[p·stride] · rows[p·n ..< p·n+n]` for `p` in `0..<k`.
    @inline(__always)
    private static func axpyRows(_ row: UnsafeMutablePointer<Float>, coefficients: UnsafePointer<Float>, stride: Int,
                                 rows: UnsafePointer<Float>, n: Int, k: Int) {
        var p = 0
        while p + 4 <= k {
            let a0 = coefficients[p * stride]
            let a1 = coefficients[(p + 1) * stride]
            let a2 = coefficients[(p + 2) * stride]
            let a3 = coefficients[(p + 3) * stride]
            if a0 != 0 || a1 != 0 || a2 != 0 || a3 != 0 {
                let b0 = rows + p * n
                let b1 = b0 + n
                let b2 = b1 + n
                let b3 = b2 + n
                axpy4(row, a0, b0, a1, b1, a2, b2, a3, b3, n: n)
            }
            p += 4
        }
        while p < k {
            let a0 = coefficients[p * stride]
            if a0 != 0 {
                let b0 = rows + p * n
                for j in 0..<n { row[j] += a0 * b0[j] }
            }
            p += 1
        }
    }

    /// `row[j] += a0·b0[j] + a1·b1[j] + a2·b2[j] + a3·b3[j]`, eight lanes at a time.
    @inline(__always)
    private static func axpy4(_ row: UnsafeMutablePointer<Float>, _ a0: Float, _ b0: UnsafePointer<Float>,
                              _ a1: Float, _ b1: UnsafePointer<Float>, _ a2: Float, _ b2: UnsafePointer<Float>,
                              _ a3: Float, _ b3: UnsafePointer<Float>, n: Int) {
        let stride = MemoryLayout<Float>.stride
        let out = UnsafeMutableRawPointer(row)
        let r0 = UnsafeRawPointer(b0)
        let r1 = UnsafeRawPointer(b1)
        let r2 = UnsafeRawPointer(b2)
        let r3 = UnsafeRawPointer(b3)
        let v0 = SIMD8<Float>(repeating: a0)
        let v1 = SIMD8<Float>(repeating: a1)
        let v2 = SIMD8<Float>(repeating: a2)
        let v3 = SIMD8<Float>(repeating: a3)
        var j = 0
        while j + 8 <= n {
            let offset = j * stride
            let x0: SIMD8<Float> = r0.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
            let x1: SIMD8<Float> = r1.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
            let x2: SIMD8<Float> = r2.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
            let x3: SIMD8<Float> = r3.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
            var sum: SIMD8<Float> = v0 * x0
            sum += v1 * x1
            sum += v2 * x2
            sum += v3 * x3
            var acc: SIMD8<Float> = out.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
            acc += sum
            out.storeBytes(of: acc, toByteOffset: offset, as: SIMD8<Float>.self)
            j += 8
        }
        while j < n {
            var sum = a0 * b0[j]
            sum += a1 * b1[j]
            sum += a2 * b2[j]
            sum += a3 * b3[j]
            row[j] += sum
            j += 1
        }
    }
}
