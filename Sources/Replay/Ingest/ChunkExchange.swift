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
    /// Byte buffers of parsed chunks, for the next ones: a fresh 4 MB buffer per chunk cost a
    /// page fault per 4 KB page (0.02 s a GB on the reading thread) and its growth copies.
    private var spareBuffers: [[UInt8]] = []
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

    /// An empty buffer for a new chunk's bytes: a parsed chunk's, when one was given back.
    func buffer() -> [UInt8] {
        condition.lock()
        defer { condition.unlock() }
        guard var spare = spareBuffers.popLast() else { return [] }
        spare.removeAll(keepingCapacity: true)
        return spare
    }

    /// Gives back a parsed chunk's bytes (a few are kept; one per helping thread is enough).
    func recycle(_ bytes: [UInt8]) {
        condition.lock()
        if spareBuffers.count < 4 { spareBuffers.append(bytes) }
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
