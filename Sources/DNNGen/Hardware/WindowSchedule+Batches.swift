extension WindowSchedule {
    /// Clocks per image at steady state when the sliding window feeds the sparse lane engine
    /// (`dnngen_sparse_lane_mvu`), which computes the windows in batches of `lanes`: a batch
    /// closes after `lanes` windows or at the image's last, its `codes` clocks start once it is
    /// loaded and the previous batch is done, a lane buffer bank takes windows again 2 clocks
    /// after its batch ends, and an accumulator bank, drained `outBeats` beats a window from 3
    /// clocks after its batch ends, must be empty before the batch after next starts.
    func batchedInterval(lanes: Int, codes: Int, outBeats: Int) -> Int {
        guard !completions.isEmpty else { return scan }
        let windows = completions.count
        let batchesPerImage = ceilDiv(windows, max(1, lanes))
        let images = 4
        let batchCount = batchesPerImage * images
        var end = [Int](repeating: 0, count: batchCount)
        var drained = end
        var done = 0
        var loaded = 0
        for b in 0..<batchCount {
            let first = (b % batchesPerImage) * lanes
            let size = min(lanes, windows - first)
            // The bank this batch loads into is free once the batch two before has ended.
            let bankFree = b >= 2 ? end[b - 2] + 2 : 0
            for j in 0..<size {
                let w = first + j
                let n = (b / batchesPerImage) * windows + w
                // The window step waits for its output register: free once the previous window loaded.
                let gap = w > 0 ? completions[w] - completions[w - 1] : completions[0] + scan - (completions.last ?? 0)
                done = n == 0 ? completions[0] : max(done + gap, loaded)
                loaded = max(done + 1, bankFree, loaded + 1)
            }
            let start = max(loaded + 1, b > 0 ? end[b - 1] : 0, b >= 2 ? drained[b - 2] : 0)
            end[b] = start + max(1, codes)
            drained[b] = max(end[b] + 3, b > 0 ? drained[b - 1] : 0) + size * outBeats
        }
        return end[batchCount - 1] - end[batchCount - 1 - batchesPerImage]
    }
}
