import Replay

/// The discrete-event simulation's agenda: items ordered by time, ties by insertion.
///
/// The tie-break on insertion order is what keeps runs deterministic when two
/// things happen in the same millisecond.
struct EventQueue<Item> {
    private var heap: [(at: Timestamp, order: Int, item: Item)] = []
    private var inserted = 0

    var isEmpty: Bool { heap.isEmpty }

    mutating func schedule(_ item: Item, at: Timestamp) {
        heap.append((at, inserted, item))
        inserted += 1
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard precedes(child, parent) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    /// The earliest item, if any.
    mutating func next() -> (at: Timestamp, item: Item)? {
        guard !heap.isEmpty else { return nil }
        heap.swapAt(0, heap.count - 1)
        let first = heap.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < heap.count, precedes(left, smallest) { smallest = left }
            if right < heap.count, precedes(right, smallest) { smallest = right }
            if smallest == parent { break }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
        return (first.at, first.item)
    }

    private func precedes(_ a: Int, _ b: Int) -> Bool {
        heap[a].at != heap[b].at ? heap[a].at < heap[b].at : heap[a].order < heap[b].order
    }
}
