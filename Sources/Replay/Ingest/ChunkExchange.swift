import Foundation

/// Where reader threads that still read a file hand `RecordChunk`s to reader threads that
/// have run out of files.
///
/// Each helping thread has one chunk queued for it (`wantsChunk`) while it parses another,
/// so it never waits for a reading thread to fill one; the reading thread parses its own
/// records the rest of the time. At most two chunks per helping thread are in memory.
final class ChunkExchange: @unchecked Sendable {
    private let condition = NSCondition()
    private var chunks: [RecordChunk] = []
    /// Threads that have read their last file and now parse chunks.
    private var helping = 0
    private var readers: Int

    /// `readers`: the threads that will read files (each calls `readerFinished` once).
    init(readers: Int) { self.readers = readers }

    /// True when a helping thread has no chunk queued for it.
    var wantsChunk: Bool {
        condition.lock()
        defer { condition.unlock() }
        return helping > chunks.count
    }

    func offer(_ chunk: RecordChunk) {
        condition.lock()
        chunks.append(chunk)
        condition.signal()
        condition.unlock()
    }

    /// The calling thread has read its last file and now `take`s chunks until none are left.
    func readerFinished() {
        condition.lock()
        readers -= 1
        helping += 1
        condition.broadcast()
        condition.unlock()
    }

    /// The next chunk; waits while a thread still reads a file; nil when none does and none is left.
    func take() -> RecordChunk? {
        condition.lock()
        defer { condition.unlock() }
        while chunks.isEmpty {
            if readers == 0 {
                helping -= 1
                return nil
            }
            condition.wait()
        }
        return chunks.removeFirst()
    }
}
