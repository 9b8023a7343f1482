import Foundation

/// A bounded hand-off from reader threads to the single writer.
///
/// Bounded so memory stays flat: when SQLite is the bottleneck, readers wait
/// instead of piling up parsed batches.
final class BatchChannel: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [EventBatch] = []
    private let capacity: Int
    private var openProducers: Int

    /// How many parsed batches wait for the writer at most (about 1.5 MB each on the benchmark).
    ///
    /// A commit holds the writer for 30-40 ms (through a big load's rollback journal it flushes
    /// two files), in which two readers parse about eight batches. With room for six
    /// (`2 * readers + 2`, before) the readers waited 10-120 ms per 1 GB ingest, summed over
    /// both; with 16 rarely, and the ingest took 1.21x the zlib floor instead of 1.16x
    /// (paired medians of 11 alternating runs), peak RSS 148 -> 150 MB.
    static func capacity(readers: Int) -> Int {
        max(16, 2 * readers + 2)
    }

    init(capacity: Int, producers: Int) {
        self.capacity = capacity
        self.openProducers = producers
    }

    func send(_ batch: EventBatch) {
        condition.lock()
        while items.count >= capacity { condition.wait() }
        items.append(batch)
        condition.broadcast()
        condition.unlock()
    }

    func producerFinished() {
        condition.lock()
        openProducers -= 1
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch, or nil when every producer has finished and nothing is left.
    func receive() -> EventBatch? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty {
            if openProducers == 0 { return nil }
            condition.wait()
        }
        let batch = items.removeFirst()
        condition.broadcast()
        return batch
    }
}
