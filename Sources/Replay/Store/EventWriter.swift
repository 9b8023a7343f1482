import Foundation
import GRDB

/// Writes batches of parsed events: dedup, typed rows, stream activity, file progress.
///
/// Dedup has two halves. Routine lines are never stored: the reader threads drop their
/// repeats against the run's `RoutineKeySet` and hand over per-stream sums. Kept events
/// rely on the unique indexes: `INSERT OR IGNORE`, and a row that already exists is a
/// duplicate — whichever copy arrived first, a later copy that knows more (a log group,
/// an event id) fills the gaps, so the stored row does not depend on which reader
/// thread won.
///
/// Batches are grouped into transactions of about `commitInterval` (group commit).
/// Each commit writes every page it touched to the WAL again, and the unique indexes were
/// keyed by hashes then, so a batch touched pages all over them: one commit per batch
/// (125 on the 1 GB benchmark) wrote 317 MB to the WAL for a 74 MB database. (Since
/// migration v4 the dedup key is indexed after the event's time, `event_time_key`.) A file's
/// `lines_done` is updated in the same transaction as its events, so a kill still
/// resumes exactly, losing at most `commitInterval` of work.
final class EventWriter {
    /// Activity per stream: `activitySlot` maps a stream to its place in `activities`.
    private var activitySlot: [String: Int] = [:]
    private var activities: [StreamActivity] = []
    private var touched: [Int] = []
    private var taskIds: [String: String?] = [:]
    private(set) var events = 0
    private(set) var duplicates = 0
    /// The last stream a kept event named, with its activity slot and task id: kept lines
    /// come in runs from one task, so most events skip both dictionary lookups (hashing the
    /// stream name was a tenth of the writer's own instructions).
    private var lastStream: (name: String, slot: Int, taskId: String?)?
    /// When the open transaction began (monotonic nanoseconds); nil when none is open.
    private var transactionStarted: UInt64?
    /// `PRAGMA secure_delete` before the bulk load turned it off.
    private var secureDelete: Int?
    /// `PRAGMA foreign_keys` before the bulk load turned it off.
    private var foreignKeys: Int?
    /// The load commits through a rollback journal (`BulkLoadJournal`) until `leaveRollbackJournal`.
    private(set) var inRollbackJournal = false
    /// How long a transaction stays open, gathering batches, before it commits.
    var commitInterval: Double = IngestOptions().commitSeconds

    struct StreamActivity {
        var stream: String
        var group: String?
        var first: Int64
        var last: Int64
        var routine: Int
        /// Changed since the last flush.
        var touched: Bool
    }

    /// Per file: the row id and its running counts.
    struct FileProgress {
        var rowID: Int64
        var events = 0
        var duplicates = 0
        var rejected = 0
        var first: Int64?
        var last: Int64?
    }

    private(set) var files: [Int: FileProgress] = [:]

    /// SQLite's page cache during a bulk load, in KiB (SQLite's default is 2 MB).
    ///
    /// With 2 MB the unique indexes no longer fit once a few hundred thousand events
    /// are stored, and every insert read evicted pages back from the WAL (286 MB of
    /// `pread` on the 1 GB benchmark). The cache only grows as pages are touched, so
    /// small runs do not pay for it, and it caps memory on big ones.
    static let bulkCacheKiB = 65_536
    /// SQLite's page cache while the deferred indexes are built, in KiB (see `endBulkLoad`).
    static let indexBuildCacheKiB = 8_192

    /// Prepares the connection for a long run of writes: a larger page cache, and WAL
    /// checkpoints wait until the end.
    ///
    /// SQLite checkpoints the WAL into the database every 1000 pages by default, and
    /// each checkpoint `fsync`s both files; on a slow disk the writer then stalls for
    /// tens of milliseconds a few times a second while the readers wait on the full
    /// channel (measured: 3/4 of the wall time of a 1 GB ingest). Commits stay
    /// atomic and a kill still leaves the last committed batch: a checkpoint only
    /// moves committed pages from the WAL into the main file.
    ///
    /// `inputBytes`: the size of the files to read, to decide whether the secondary
    /// indexes are dropped for the load (`DeferredIndexes`); such a load also commits through
    /// a rollback journal instead of the WAL (`BulkLoadJournal`).
    func beginBulkLoad(_ db: Database, inputBytes: Int64) throws {
        try db.execute(sql: "PRAGMA wal_autocheckpoint = 0")
        try db.execute(sql: "PRAGMA cache_size = -\(EventWriter.bulkCacheKiB)")
        // Debian builds SQLite to zero the space a B-tree frees; a load frees only space its own
        // page splits moved, so there is nothing to erase (2% of the writer's instructions).
        secureDelete = try Int.fetchOne(db, sql: "PRAGMA secure_delete")
        try db.execute(sql: "PRAGMA secure_delete = OFF")
        // GRDB enforces foreign keys: every typed row looked its event up again. The writer inserts
        // each typed row right after its event, with that event's rowid, in the same transaction,
        // so the reference holds by construction (~2 000 instructions a typed row).
        foreignKeys = try Int.fetchOne(db, sql: "PRAGMA foreign_keys")
        try db.execute(sql: "PRAGMA foreign_keys = OFF")
        let deferIndexes = try DeferredIndexes.shouldDefer(inputBytes: inputBytes, db)
        if deferIndexes, commitInterval >= BulkLoadJournal.minimumCommitSeconds { inRollbackJournal = BulkLoadJournal.enter(db) }
        try db.inTransaction {
            if deferIndexes {
                try DeferredIndexes.drop(db)
            } else {
                try DeferredIndexes.restore(db)  // after a run killed mid-load
            }
            return .commit
        }
    }

    /// Goes back to WAL mode once every event is committed (`BulkLoadJournal`); nothing when
    /// the load ran in WAL mode.
    func leaveRollbackJournal(_ db: Database) throws {
        guard inRollbackJournal else { return }
        try BulkLoadJournal.leave(db)
        inRollbackJournal = false
    }

    /// Builds the deferred indexes again and restores the defaults.
    ///
    /// `path`: the database file, to copy the load's WAL into it on another connection while
    /// the indexes are built (`BackgroundCheckpoint`), returned still running: the caller then
    /// copies what the index build added after it (`ReplayDatabase.checkpointInBackground`),
    /// without waiting. Nil: a checkpoint here, after the indexes, without waiting for readers.
    @discardableResult
    func endBulkLoad(_ db: Database, path: String? = nil) throws -> BackgroundCheckpoint? {
        // A load that failed before its end still leaves the rollback journal here.
        try? leaveRollbackJournal(db)
        let checkpoint = path.map { BackgroundCheckpoint(path: $0) }
        var handedOver = false
        defer { if !handedOver { checkpoint?.wait() } }
        // The connection's own settings come back even when the index build fails (a full disk):
        // `analyze` and the tests go on with this connection.
        defer {
            try? db.execute(sql: "PRAGMA wal_autocheckpoint = 1000")
            try? db.execute(sql: "PRAGMA cache_size = -2000")
            if let secureDelete { try? db.execute(sql: "PRAGMA secure_delete = \(secureDelete)") }
            if let foreignKeys { try? db.execute(sql: "PRAGMA foreign_keys = \(foreignKeys)") }
        }
        // SQLite sorts an index's rows in memory up to its page cache's size and in temporary
        // files beyond: with the load's 64 MB cache and temporary files in memory, the sort took
        // more memory the bigger the load (peak RSS 149 MB at 1 GB, 182 MB at 4.3 GB). An 8 MB
        // cache and files on disk (`TMPDIR`) keep the peak flat (141 and 155 MB), no slower.
        try db.execute(sql: "PRAGMA cache_size = -\(EventWriter.indexBuildCacheKiB)")
        try db.execute(sql: "PRAGMA temp_store = FILE")
        defer { try? db.execute(sql: "PRAGMA temp_store = MEMORY") }
        try db.inTransaction {
            try DeferredIndexes.restore(db)
            return .commit
        }
        if path == nil { _ = try? Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(PASSIVE)") }
        handedOver = true
        return checkpoint
    }

    /// What `ingested_file` already counts for a file (zero for a new one).
    struct FileCounts {
        var events = 0
        var duplicates = 0
        var rejected = 0
    }

    /// `resuming`: the counts a killed run committed for a half-read file, which this run continues.
    func register(fileIndex: Int, rowID: Int64, resuming counts: FileCounts = FileCounts()) {
        files[fileIndex] = FileProgress(rowID: rowID, events: counts.events, duplicates: counts.duplicates, rejected: counts.rejected)
    }

    /// Writes one batch inside the open transaction (opening one if needed), and commits
    /// when the transaction has been open for `commitInterval`.
    func write(_ batch: EventBatch, _ db: Database) throws {
        if transactionStarted == nil {
            try db.beginTransaction()
            transactionStarted = DispatchTime.now().uptimeNanoseconds
        }
        var progress = files[batch.fileIndex]!
        // Looked up once per batch, not per event: GRDB's statement cache hashes the SQL text.
        let eventInserts = (many: try BoundStatement(db, sql: insertEventsSQL),
                            one: try BoundStatement(db, sql: EventWriter.insertEventSQL))
        let typedRows = try TypedRows.Statements(db)
        // Read in place (`withUnsafeBufferPointer`): a `for event in` loop copied every event out of
        // the array, a retain and a release for each of its dozen strings.
        try batch.kept.withUnsafeBufferPointer { kept in
            var start = 0
            var oneByOneUntil = 0
            while start < kept.count {
                var count = start >= oneByOneUntil && kept.count - start >= eventsPerInsert ? eventsPerInsert : 1
                var chunk = UnsafeBufferPointer(rebasing: kept[start..<start + count])
                var stored = try insert(chunk, fileRowID: progress.rowID, using: count == 1 ? eventInserts.one : eventInserts.many, db: db)
                if stored == nil {
                    // New events and copies together: undone, and taken one at a time as they always were, for
                    // the rest of the batch (an export that overlaps stored ones mixes them for long stretches).
                    oneByOneUntil = kept.count
                    count = 1
                    chunk = UnsafeBufferPointer(rebasing: kept[start..<start + 1])
                    stored = try insert(chunk, fileRowID: progress.rowID, using: eventInserts.one, db: db)
                }
                for (k, rowID) in (stored ?? []).enumerated() {
                    if let rowID {
                        try typedRows.insert(chunk[k].content, rowID: rowID, taskId: chunkTaskIds[k], at: chunk[k].summary.at, db: db)
                        events += 1
                        progress.events += 1
                        if let slot = chunkSlots[k] {
                            noteActivity(slot: slot, group: chunk[k].logGroup, first: chunk[k].millis, last: chunk[k].millis, routine: 0)
                        }
                    } else {
                        if chunk[k].logGroup != nil || chunk[k].eventId != nil {
                            // `COALESCE(new < old, new IS NOT NULL)`: the copy's value is better (smaller, or the row has none).
                            // An id another event holds already is not taken (the unique index), and does not keep the group
                            // from being filled in, as `UPDATE OR IGNORE` did by dropping the whole update. Rows where nothing
                            // would change are left alone, so a copy that knows nothing new writes no page.
                            try db.cachedStatement(sql: EventWriter.fillInSQL)
                                .execute(arguments: [chunk[k].logGroup, chunk[k].eventId, chunk[k].key, chunk[k].summary.at.millis])
                        }
                        duplicates += 1
                        progress.duplicates += 1
                    }
                }
                start += count
            }
        }
        try typedRows.flush(db)
        for (n, name) in batch.names.enumerated() where n < batch.routineActivity.count {
            let activity = batch.routineActivity[n]
            guard activity.lines > 0 else { continue }
            noteActivity(slot: slot(for: name.stream), group: name.group, first: activity.first, last: activity.last,
                         routine: activity.lines)
        }
        events += batch.routineFresh
        progress.events += batch.routineFresh
        duplicates += batch.routineDuplicates
        progress.duplicates += batch.routineDuplicates
        // The file's span covers every event it holds, new or already stored.
        if let first = batch.firstMillis, let last = batch.lastMillis {
            progress.first = min(progress.first ?? first, first)
            progress.last = max(progress.last ?? last, last)
        }
        progress.rejected += batch.problems.filter { $0.line > 0 }.count + batch.unlistedProblems.values.reduce(0, +)
        try db.cachedStatement(sql: """
            UPDATE ingested_file SET lines_done = ?, events = ?, duplicates = ?, rejected_lines = ?,
                first_ms = MIN(COALESCE(first_ms, ?), COALESCE(?, first_ms)),
                last_ms = MAX(COALESCE(last_ms, ?), COALESCE(?, last_ms)), state = ?, updated_at = ? WHERE id = ?
            """).execute(arguments: [min(batch.linesDone, Int(Int32.max)), progress.events, progress.duplicates, progress.rejected,
                                     progress.first, progress.first, progress.last, progress.last, batch.isLast ? "complete" : "reading",
                                     Timestamp(millis: Int64(Date().timeIntervalSince1970 * 1000)).iso8601, progress.rowID])
        files[batch.fileIndex] = progress
        if let started = transactionStarted,
           Double(DispatchTime.now().uptimeNanoseconds &- started) >= commitInterval * 1e9 {
            try commit(db)
        }
    }

    /// Commits the open transaction, if any, with the stream activity gathered in it.
    func commit(_ db: Database) throws {
        guard transactionStarted != nil else { return }
        try flushActivity(db)
        try db.commit()
        transactionStarted = nil
    }

    /// Abandons the open transaction after an error: nothing of it is kept, so the
    /// files it covered resume from their last committed line.
    func rollback(_ db: Database) {
        guard transactionStarted != nil else { return }
        try? db.rollback()
        transactionStarted = nil
        for slot in touched {
            activities[slot].touched = false
            activities[slot].routine = 0
        }
        touched.removeAll()
    }

    /// The activity slot and task id of `stream`, from `lastStream` when it is the same.
    private func streamInfo(_ stream: String) -> (slot: Int, taskId: String?) {
        if let last = lastStream, last.name == stream { return (last.slot, last.taskId) }
        let info = (slot: slot(for: stream), taskId: taskId(ofStream: stream))
        lastStream = (stream, info.slot, info.taskId)
        return info
    }

    /// `TaskIdentity.taskId(fromStream:)`, remembered: kept lines of one task repeat its stream.
    private func taskId(ofStream stream: String?) -> String? {
        guard let stream else { return nil }
        if let known = taskIds[stream] { return known }
        let id = TaskIdentity.taskId(fromStream: stream)
        if taskIds.count > 100_000 { taskIds.removeAll() }  // streams named once each (ECS events) must not pile up
        taskIds[stream] = .some(id)
        return id
    }

    /// The place of `stream` in `activities`, created on first sight.
    private func slot(for stream: String) -> Int {
        if let slot = activitySlot[stream] { return slot }
        activities.append(StreamActivity(stream: stream, group: nil, first: .max, last: .min, routine: 0, touched: false))
        activitySlot[stream] = activities.count - 1
        return activities.count - 1
    }

    private func noteActivity(slot: Int, group: String?, first: Int64, last: Int64, routine: Int) {
        activities.withUnsafeMutableBufferPointer { all in
            if !all[slot].touched {
                all[slot].touched = true
                touched.append(slot)
            }
            all[slot].first = min(all[slot].first, first)
            all[slot].last = max(all[slot].last, last)
            all[slot].routine += routine
            if all[slot].group == nil { all[slot].group = group }
        }
    }

    private func flushActivity(_ db: Database) throws {
        guard !touched.isEmpty else { return }
        let statement = try db.cachedStatement(sql: """
            INSERT INTO stream_activity (log_stream, log_group, task_id, first_ms, last_ms, routine_lines)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT(log_stream) DO UPDATE SET
                log_group = COALESCE(stream_activity.log_group, excluded.log_group),
                first_ms = MIN(stream_activity.first_ms, excluded.first_ms),
                last_ms = MAX(stream_activity.last_ms, excluded.last_ms),
                routine_lines = stream_activity.routine_lines + excluded.routine_lines
            """)
        for slot in touched.sorted(by: { activities[$0].stream < activities[$1].stream }) {
            let a = activities[slot]
            try statement.execute(arguments: [a.stream, a.group, taskId(ofStream: a.stream), a.first, a.last, a.routine])
            activities[slot].routine = 0
            activities[slot].touched = false
        }
        touched.removeAll(keepingCapacity: true)
    }

    /// A later copy's group and event id for the stored row of the same event (see `insert`):
    /// ?1 group, ?2 event id, ?3 content key, ?4 time (the row is found by `event_time_key`).
    static let fillInSQL = """
        UPDATE event SET
            log_group = CASE WHEN COALESCE(?1 < log_group, ?1 IS NOT NULL) THEN ?1 ELSE log_group END,
            event_id = CASE WHEN COALESCE(?2 < event_id, ?2 IS NOT NULL)
                AND NOT EXISTS (SELECT 1 FROM event AS other WHERE other.event_id = ?2) THEN ?2 ELSE event_id END
        WHERE at_ms = ?4 AND content_key = ?3
            AND (COALESCE(?1 < log_group, ?1 IS NOT NULL) OR COALESCE(?2 < event_id, ?2 IS NOT NULL))
        """

    static let insertEventSQL = """
        INSERT OR IGNORE INTO event (content_key, event_id, log_group, log_stream, at_ms, kind, task_id, level, text, message, file_id, line)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    /// Kept events per `INSERT` (`insertEventsSQL`); a batch's last few go one at a time.
    ///
    /// Each statement costs SQLite work of its own besides its rows (opening a cursor on the
    /// table and on each unique index, starting and ending the program): in a C loop over the
    /// benchmark's 115 504 stored events, 2.95 µs a row one per statement, 2.6 with 8 and 2.37
    /// with 32 (medians of 6). `RETURNING` would tell the new rows from the copies, but cost
    /// more than the rows saved (4.0-4.6 µs); `insert` counts them instead.
    var eventsPerInsert = 32 {
        didSet { insertEventsSQL = EventWriter.insertEventsSQL(eventsPerInsert) }
    }
    private lazy var insertEventsSQL = EventWriter.insertEventsSQL(eventsPerInsert)

    static func insertEventsSQL(_ count: Int) -> String {
        """
        INSERT OR IGNORE INTO event (content_key, event_id, log_group, log_stream, at_ms, kind, task_id, level, text, message, file_id, line)
        VALUES \(Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", count: count).joined(separator: ", "))
        """
    }

    /// Undoes the rows a statement just inserted (`insert`, when some of its events were copies).
    static let deleteSinceSQL = "DELETE FROM event WHERE id > ?"

    /// Per event of the chunk `insert` wrote last: the task id its row got and its stream's activity slot.
    private var chunkTaskIds: [String?] = []
    private var chunkSlots: [Int?] = []

    /// Inserts `events` (all of them bound to `statement`, which has room for exactly that many)
    /// and returns, for each, the rowid it was stored under, or nil for a copy of a stored event
    /// (the caller fills in what the copy knows better: see `fillInSQL`). Fills `chunkTaskIds`
    /// and `chunkSlots`.
    ///
    /// Returns nil, having deleted what it inserted, when some of several events were new and
    /// some copies: the caller then inserts them one at a time, each copy's fill-in before the
    /// next event, as a single event always is (a fill-in can give a row the event id a later
    /// event carries, which that event then no longer gets). When all are new, their rowids are
    /// consecutive in their order (each one more than the table's largest); when none is, the
    /// fill-ins change nothing that decided it.
    ///
    /// A later copy of a stored event fills in what it knows better: a log group or an event id
    /// where the row has none, or, where both have one, the smaller (byte order). Copies disagree:
    /// each shape may carry its own event id, and a filter-log-events document's group is its
    /// folder's name. Keeping the first value made the row depend on which reader thread won;
    /// the smaller one is the same whatever the order.
    private func insert(_ events: UnsafeBufferPointer<ParsedEvent>, fileRowID: Int64, using statement: BoundStatement,
                        db: Database) throws -> [Int64?]? {
        chunkTaskIds.removeAll(keepingCapacity: true)
        chunkSlots.removeAll(keepingCapacity: true)
        // Fields read in place, as in `write`: no copy of each whole event.
        for k in events.indices {
            let stream = events[k].logStream.map(streamInfo)
            let rowTaskId = events[k].summary.taskFromStream ? stream?.taskId : events[k].summary.taskId
            chunkTaskIds.append(rowTaskId)
            chunkSlots.append(stream?.slot)
            let at = Int32(k * 12)
            statement.bind(events[k].key, at: at + 1)
            statement.bind(events[k].eventId, at: at + 2)
            statement.bind(events[k].logGroup, at: at + 3)
            statement.bind(events[k].logStream, at: at + 4)
            statement.bind(events[k].summary.at.millis, at: at + 5)
            statement.bind(events[k].summary.kind, at: at + 6)
            statement.bind(rowTaskId, at: at + 7)
            statement.bind(events[k].summary.level, at: at + 8)
            statement.bind(events[k].summary.text, at: at + 9)
            statement.bind(events[k].message, at: at + 10)
            statement.bind(fileRowID, at: at + 11)
            statement.bind(events[k].line, at: at + 12)
        }
        let inserted = try statement.execute(db)
        if inserted == 0 { return Array(repeating: nil, count: events.count) }
        let last = statement.lastInsertedRowID(db)
        if inserted == events.count { return (0..<events.count).map { last - Int64(events.count - 1 - $0) } }
        try db.cachedStatement(sql: EventWriter.deleteSinceSQL).execute(arguments: [last - Int64(inserted)])
        return nil
    }
}

/// Which task a log stream belongs to: awslogs names streams `<prefix>/<container>/<task id>`.
///
/// ECS task ids are 32 hex characters (or a UUID on old EC2 agents); a stream whose
/// last part is neither (a prober's `exchange-prober/us-east-1`, an EventBridge
/// target's stream) belongs to no task.
public enum TaskIdentity {
    public static func taskId(fromStream stream: String?) -> String? {
        guard let stream, stream.contains("/"), let last = stream.split(separator: "/").last, isTaskId(last) else { return nil }
        return String(last)
    }

    static func isTaskId(_ s: Substring) -> Bool {
        let hex = s.utf8.filter { $0 != UInt8(ascii: "-") }
        guard hex.count == 32, s.utf8.count == 32 || s.utf8.count == 36 else { return false }
        return hex.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) || ($0 >= 65 && $0 <= 70) }
    }
}
