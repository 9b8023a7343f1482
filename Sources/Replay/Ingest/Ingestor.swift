import Foundation
import GRDB
import Logging

/// Reads export files into the database: every distinct event once, every problem named.
///
/// Files are read on every core (`IngestOptions.readers` threads, each inflating,
/// framing and parsing whole files) while the calling thread writes batches to
/// SQLite. A file is recognised by size and a sampled content hash: one already
/// ingested completely is skipped whole; one a killed run left half-done resumes
/// after its last committed line.
public final class Ingestor {
    private let database: ReplayDatabase
    private let options: IngestOptions
    private let logger: Logger
    private weak var progress: (any IngestProgress)?

    /// Called once, on the writer's thread, when every event of the run is committed and before
    /// the deferred indexes are built, with the span of the run's files (what the summary will say).
    /// `analyze` starts reading the timeline then, on a connection of its own, beside the index build.
    public var whenEventsCommitted: ((_ first: Timestamp?, _ last: Timestamp?) -> Void)?

    public init(database: ReplayDatabase, options: IngestOptions = .init(), logger: Logger = Logger(label: "replay.ingest"),
                progress: (any IngestProgress)? = nil) {
        self.database = database
        self.options = options
        self.logger = logger
        self.progress = progress
    }

    public func ingest(_ inputs: [String]) throws -> IngestSummary {
        let started = Date()
        var summary = IngestSummary()
        let (found, walkProblems) = FileWalker().files(under: inputs)
        summary.problems.append(contentsOf: walkProblems)

        // Decide per file: skip, resume or read.
        struct Work { var index: Int; var path: String; var size: Int64; var rowID: Int64; var skipThrough: Int }
        var work: [Work] = []
        let writer = EventWriter()
        writer.commitInterval = options.commitSeconds
        var rowIDs: [Int64] = []  // every file of this run, read or already complete
        for (index, file) in found.enumerated() {
            let hash: Int64
            do {
                hash = try ContentFingerprint.of(path: file.path, size: file.size)
            } catch let problem as InputProblem {
                summary.problems.append(problem)
                continue
            }
            let now = Timestamp(millis: Int64(Date().timeIntervalSince1970 * 1000)).iso8601
            // A file a killed run left half-read keeps its counts: this run adds to them.
            let decision: (rowID: Int64, skip: Int, counts: EventWriter.FileCounts)? = try database.queue.write { db in
                if let row = try Row.fetchOne(db, sql: """
                    SELECT id, state, lines_done, events, duplicates, rejected_lines FROM ingested_file WHERE content_hash = ? AND size = ?
                    """,
                                              arguments: [hash, file.size]) {
                    let state: String = row["state"]
                    if state == "complete" { rowIDs.append(row["id"]); return nil }
                    try db.execute(sql: "UPDATE ingested_file SET path = ?, updated_at = ? WHERE id = ?", arguments: [file.path, now, row["id"] as Int64])
                    return (row["id"], row["lines_done"],
                            EventWriter.FileCounts(events: row["events"], duplicates: row["duplicates"], rejected: row["rejected_lines"]))
                }
                try db.execute(sql: "INSERT INTO ingested_file (path, size, content_hash, state, updated_at) VALUES (?, ?, ?, 'reading', ?)",
                               arguments: [file.path, file.size, hash, now])
                return (db.lastInsertedRowID, 0, EventWriter.FileCounts())
            }
            guard let decision else {
                summary.filesUnchanged += 1
                logger.debug("unchanged, skipped: \(file.path)")
                continue
            }
            rowIDs.append(decision.rowID)
            writer.register(fileIndex: index, rowID: decision.rowID, resuming: decision.counts)
            work.append(Work(index: index, path: file.path, size: file.size, rowID: decision.rowID, skipThrough: decision.skip))
        }
        summary.files = work.count

        // Biggest files first, so the last file to finish is a small one (both cores busy to the end).
        let queue = work.sorted { $0.size != $1.size ? $0.size > $1.size : $0.path < $1.path }
        // One thread per core even with fewer files: a thread with no file of its own helps another's reader.
        let readers = max(1, options.readers)
        let channel = BatchChannel(capacity: BatchChannel.capacity(readers: readers), producers: readers)
        let cursor = WorkCursor(count: queue.count)
        let routineKeys = RoutineKeySet()
        let exchange = readers > 1 ? ChunkExchange(readers: readers) : nil
        let options = self.options
        for _ in 0..<readers {
            let thread = Thread {
                while true {
                    guard let i = cursor.take() else { break }
                    let item = queue[i]
                    FileReader(path: item.path, displayPath: item.path, fileIndex: item.index, options: options,
                               routineKeys: routineKeys, skipThroughLine: item.skipThrough, exchange: exchange)
                        .read { channel.send($0) }
                }
                // No file left: parse what the threads still reading hand over, until they are done.
                if let exchange {
                    exchange.readerFinished()
                    while let chunk = exchange.take() {
                        let batch = chunk.parse(routineKeys: routineKeys, reserve: options.batchReserve)
                        exchange.recycle(chunk.bytes)
                        channel.send(batch)
                    }
                }
                channel.producerFinished()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }

        let totalBytes = queue.reduce(Int64(0)) { $0 + $1.size }
        var bytesDone: Int64 = 0
        var filesDone = 0
        var problemsByFile: [Int: [InputProblem]] = [:]
        var listedLineProblems: [Int: Int] = [:]
        var firstError: Error?
        /// Adds a written batch to the summary and the progress line.
        func account(_ batch: EventBatch) {
            // Each thread that parsed part of a file listed its own first problems: the file as a whole lists as many.
            for problem in batch.problems {
                if problem.line > 0 {
                    guard listedLineProblems[batch.fileIndex, default: 0] < IngestOptions.listedProblemsPerFile else {
                        summary.unlistedProblems[problem.kind, default: 0] += 1
                        continue
                    }
                    listedLineProblems[batch.fileIndex, default: 0] += 1
                }
                problemsByFile[batch.fileIndex, default: []].append(problem)
            }
            summary.unlistedProblems.merge(batch.unlistedProblems, uniquingKeysWith: +)
            for (shape, n) in batch.shapeCounts { summary.shapes[shape, default: 0] += n }
            summary.rawBytes += batch.rawBytes
            summary.decodedBytes += batch.decodedBytes
            summary.helpedRecords += batch.helpedRecords
            if batch.isLast {
                filesDone += 1
                bytesDone += found[batch.fileIndex].size
            }
            progress?.ingest(filesDone: filesDone, of: queue.count, bytesDone: bytesDone, of: totalBytes, events: writer.events)
        }
        var checkpoint: BackgroundCheckpoint?
        var span: (first: Timestamp?, last: Timestamp?) = (nil, nil)
        // One database access for the whole run: the writer groups batches into transactions
        // that span several of them (`EventWriter.commitInterval`).
        database.queue.writeWithoutTransaction { db in
            do {
                try writer.beginBulkLoad(db, inputBytes: totalBytes)
            } catch {
                firstError = error
            }
            var sequencer = BatchSequencer()
            while let received = channel.receive() {
                if firstError != nil { continue }  // drain so readers can finish
                for batch in sequencer.arrange(received) {
                    do {
                        try writer.write(batch, db)
                    } catch {
                        firstError = error
                        writer.rollback(db)
                        break
                    }
                    account(batch)
                }
            }
            if firstError == nil {
                do {
                    try writer.commit(db)
                } catch {
                    firstError = error
                    writer.rollback(db)
                }
            }
            if firstError == nil, sequencer.waitingCount > 0 {
                // A batch that never came would hold its file's later ones back for good: say so rather
                // than end as if complete. What was written is committed and consistent
                // (a file's batches are written in order): a rerun reads the rest.
                firstError = StoreError(path: database.path, message: "internal error: \(sequencer.waitingCount) batches "
                                        + "waited for an earlier batch of their file that never came; run the ingest again")
            }
            // The run's span, read once every event is committed: the summary's, and the hook's.
            // WAL mode first, so that a reader the hook starts never holds the index build back.
            if firstError == nil {
                do {
                    try writer.leaveRollbackJournal(db)
                    span = try Ingestor.span(of: rowIDs, db)
                    whenEventsCommitted?(span.first, span.last)
                } catch {
                    firstError = error
                }
            }
            do {
                checkpoint = try writer.endBulkLoad(db, path: firstError == nil ? database.path : nil)
            } catch {
                firstError = firstError ?? error
            }
        }
        // The index pages the end of the load wrote to the WAL go into the file while the
        // caller goes on (an `analyze` reads and classifies meanwhile), after the copy of the
        // load's own pages that ran beside the index build.
        if firstError == nil { database.checkpointInBackground(after: checkpoint) }
        if let firstError {
            if let error = firstError as? DatabaseError {
                throw StoreError(path: database.path, message: error.message ?? "\(error)")
            }
            throw firstError
        }
        for index in problemsByFile.keys.sorted() { summary.problems.append(contentsOf: problemsByFile[index]!) }
        summary.firstEventAt = span.first
        summary.lastEventAt = span.last
        summary.events = writer.events
        summary.duplicates = writer.duplicates
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }
}

extension Ingestor {
    /// The first and last event times of the files `rowIDs` (`ingested_file`), read or skipped as complete.
    static func span(of rowIDs: [Int64], _ db: Database) throws -> (first: Timestamp?, last: Timestamp?) {
        guard !rowIDs.isEmpty else { return (nil, nil) }
        let row = try Row.fetchOne(db, sql: """
            SELECT MIN(first_ms), MAX(last_ms) FROM ingested_file WHERE id IN (\(rowIDs.map(String.init).joined(separator: ",")))
            """)
        return ((row?[0] as Int64?).map(Timestamp.init(millis:)), (row?[1] as Int64?).map(Timestamp.init(millis:)))
    }
}

/// Hands out work item indexes to reader threads, each exactly once.
final class WorkCursor: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private let count: Int

    init(count: Int) { self.count = count }

    func take() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }
}
