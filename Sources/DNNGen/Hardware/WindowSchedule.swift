/// How a sliding window (`dnngen_swu`) and the matrix unit it feeds share an image's time.
///
/// The window scans the padded image one position a step (a real pixel takes its beats, a
/// padding pixel one clock) and completes a window at some steps; between windows it scans
/// rows and columns that complete none (the first `kernel - 1` rows, strided-over rows, the
/// row ends). The matrix unit takes `perWindow` cycles a window. Between the two sit
/// `buffered` windows (the window's output register and the unit's second input bank), so
/// when the unit is the slower, the window runs at most that far ahead, and a long stretch
/// without windows idles the unit. The interval is therefore neither the window's scan nor
/// the unit's work but what this schedule gives, run image after image to steady state.
struct WindowSchedule {
    /// Clocks from the start of an image's scan to the step completing each window, unblocked.
    let completions: [Int]
    /// Clocks to scan a whole image.
    let scan: Int

    init(_ window: WindowStream) {
        let g = window.geometry
        let beats = max(1, window.slots / max(1, window.lanes))
        let paddedHeight = g.height + 2 * g.padding[0]
        let paddedWidth = g.width + 2 * g.padding[1]
        var clock = 0
        var completions: [Int] = []
        for i in 0..<paddedHeight {
            for j in 0..<paddedWidth {
                let real = i >= g.padding[0] && i < g.padding[0] + g.height && j >= g.padding[1] && j < g.padding[1] + g.width
                clock += real ? beats : 1
                let (r, c) = (i - (g.kernel[0] - 1), j - (g.kernel[1] - 1))
                if r >= 0, c >= 0, r % g.stride[0] == 0, c % g.stride[1] == 0,
                   r / g.stride[0] < g.outputHeight, c / g.stride[1] < g.outputWidth {
                    completions.append(clock)
                }
            }
        }
        self.completions = completions
        scan = clock
    }

    /// Clocks per image at steady state when the unit takes `perWindow` cycles a window and
    /// `copies` units take the windows in turn (window `n` goes to copy `n mod copies`).
    /// `buffered` windows fit between the window and each copy's unit (its output register
    /// and the unit's second input bank, plus a window FIFO shared by the copies).
    func interval(perWindow: Int, buffered: Int = 2, copies: Int = 1) -> Int {
        guard !completions.isEmpty else { return scan }
        let windows = completions.count
        // Images after which the copies' turns come round to the same copy at an image start;
        // at least two images of warm-up, then one such period, measured.
        let period = copies / gcd(windows, copies)
        let images = max(4, 2 + period)
        let capacity = buffered + 2 * (copies - 1)
        // Per window: when its step happens, when it enters the queue, when its unit is done.
        var done = [Int](repeating: 0, count: windows * images)
        var load = done
        var end = done
        for n in 0..<(windows * images) {
            let w = n % windows
            // The step waits for the output register: free once the previous window loaded.
            // Steps that complete no window run on, so only the completing step is held.
            let gap = w > 0 ? completions[w] - completions[w - 1] : completions[0] + scan - (completions.last ?? 0)
            done[n] = n == 0 ? completions[0] : max(done[n - 1] + gap, load[n - 1])
            // Room once the window `capacity` before has finished.
            load[n] = max(done[n] + 1, n >= capacity ? end[n - capacity] : 0)
            end[n] = max(load[n] + 1, n >= copies ? end[n - copies] : 0) + perWindow
        }
        return ceilDiv(end[windows * images - 1] - end[windows * (images - period) - 1], period)
    }

    /// The interval with the shallowest window queue (0, or a power of two up to 64 and
    /// `maxQueueBits` of storage) that gets it to its bound, `max(windows · perWindow / copies, scan)`,
    /// or as close as the largest allowed queue gets.
    func queued(perWindow: Int, windowBits: Int, copies: Int = 1, maxQueueBits: Int = 32_768) -> (interval: Int, depth: Int) {
        let bound = max(ceilDiv(completions.count * perWindow, copies), scan)
        var best = (interval: interval(perWindow: perWindow, copies: copies), depth: 0)
        var depth = 2
        while best.interval > bound && depth <= 64 && depth * windowBits <= maxQueueBits {
            let queued = interval(perWindow: perWindow, buffered: 2 + depth, copies: copies)
            if queued < best.interval { best = (queued, depth) }
            depth *= 2
        }
        return best
    }
}

private func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
