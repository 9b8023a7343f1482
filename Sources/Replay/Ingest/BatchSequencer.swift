/// Puts each file's batches back in file order for the writer.
///
/// A file's batches come from its reading thread and, for `RecordChunk`s, from the threads
/// helping it, so they can reach the writer out of order. A file's `lines_done` must only
/// ever count lines whose events are all stored (a killed run resumes after it), so a batch
/// waits here until every earlier batch of its file has been handed on. Only a few wait at
/// a time: a reading thread offers a chunk only to a thread that is idle.
struct BatchSequencer {
    private var next: [Int: Int] = [:]
    private var waiting: [Int: [Int: EventBatch]] = [:]

    /// The batches that can be written now, in order: `batch` and the ones it was holding up,
    /// or none when an earlier batch of its file has not arrived.
    mutating func arrange(_ batch: EventBatch) -> [EventBatch] {
        let file = batch.fileIndex
        let expected = next[file, default: 0]
        guard batch.sequence == expected else {
            waiting[file, default: [:]][batch.sequence] = batch
            return []
        }
        var ready = [batch]
        var sequence = expected + 1
        while let held = waiting[file]?.removeValue(forKey: sequence) {
            ready.append(held)
            sequence += 1
        }
        if waiting[file]?.isEmpty == true { waiting[file] = nil }
        next[file] = sequence
        return ready
    }

    /// Batches still waiting for an earlier one (none after a complete run).
    var waitingCount: Int { waiting.values.reduce(0) { $0 + $1.count } }
}
