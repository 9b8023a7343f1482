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
