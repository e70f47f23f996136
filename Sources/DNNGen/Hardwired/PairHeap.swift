/// A max-heap of (count, key) pairs for the greedy subexpression search: the largest count
/// (a pattern's gain) first, among equal counts the smallest key, so the choice never depends on hashing order.
/// Entries are not updated in place; a caller checks a popped count against the current one.
struct PairHeap {
    private var items: [(count: Int, key: UInt64)] = []

    var isEmpty: Bool { items.isEmpty }

    private static func before(_ a: (count: Int, key: UInt64), _ b: (count: Int, key: UInt64)) -> Bool {
        a.count != b.count ? a.count > b.count : a.key < b.key
    }

    mutating func push(count: Int, key: UInt64) {
        items.append((count, key))
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.before(items[child], items[parent]) else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> (count: Int, key: UInt64)? {
        guard let top = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1
                let right = left + 1
                var best = parent
                if left < items.count && Self.before(items[left], items[best]) { best = left }
                if right < items.count && Self.before(items[right], items[best]) { best = right }
                if best == parent { break }
                items.swapAt(parent, best)
                parent = best
            }
        }
        return top
    }
}
