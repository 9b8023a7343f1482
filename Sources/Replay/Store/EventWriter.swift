import Foundation
import GRDB

/// Writes batches of parsed events in one transaction each: dedup, typed rows, file progress.
///
/// Dedup has two halves. Routine lines are never stored, so a compact in-memory
/// set of their keys drops repeats within the run (8-16 bytes per event). Kept
/// events rely on the unique indexes: `INSERT OR IGNORE`, and a row that already
/// exists is a duplicate — whichever copy arrived first, a later copy that knows
/// more (a log group, an event id) fills the gaps, so the stored row does not
/// depend on which reader thread won.
final class EventWriter {
    private let database: ReplayDatabase
    private var routineKeys = KeySet()
    /// Activity per stream: `activitySlot` maps a stream to its place in `activities`.
    private var activitySlot: [String: Int] = [:]
    private var activities: [StreamActivity] = []
    private var touched: [Int] = []
    private var taskIds: [String: String?] = [:]
    private(set) var events = 0
    private(set) var duplicates = 0

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

    init(database: ReplayDatabase) {
        self.database = database
    }

    /// Prepares the connection for a long run of writes: WAL checkpoints wait until the end.
    ///
    /// SQLite checkpoints the WAL into the database every 1000 pages by default, and
    /// each checkpoint `fsync`s both files; on a slow disk the writer then stalls for
    /// tens of milliseconds a few times a second while the readers wait on the full
    /// channel (measured: 3/4 of the wall time of a 1 GB ingest). Commits stay
    /// atomic and a kill still leaves the last committed batch: a checkpoint only
    /// moves committed pages from the WAL into the main file.
    func beginBulkLoad() throws {
        try database.queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 0")
        }
    }

    /// Restores automatic checkpoints and checkpoints once, without waiting for readers.
    func endBulkLoad() {
        try? database.queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 1000")
            _ = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(PASSIVE)")
        }
    }

    func register(fileIndex: Int, rowID: Int64) {
        files[fileIndex] = FileProgress(rowID: rowID)
    }

    func write(_ batch: EventBatch) throws {
        var progress = files[batch.fileIndex]!
        // Each stream name of the batch is looked up once, not once per routine line.
        let nameSlots = batch.names.map { slot(for: $0.stream) }
        // Routine keys first, in one tight loop: each lookup is a cache miss in a table of
        // tens of MB, and a short loop lets the CPU wait for several at once (0.45 s less on 1 GB).
        let freshRoutine = batch.entries.map { $0.kept < 0 ? routineKeys.insert($0.key) : false }
        try database.queue.inTransaction { db in
            let eventInsert = try BoundStatement(db, sql: EventWriter.insertEventSQL)  // looked up once per batch, not per event
            for (n, entry) in batch.entries.enumerated() {
                let isNew: Bool
                if entry.kept < 0 {
                    isNew = freshRoutine[n]
                    if isNew, entry.name >= 0 {
                        let name = Int(entry.name)
                        noteActivity(slot: nameSlots[name], group: batch.names[name].group, at: entry.millis, routine: true)
                    }
                } else {
                    let event = batch.kept[Int(entry.kept)]
                    isNew = try insert(event, fileRowID: progress.rowID, using: eventInsert, db: db)
                    if isNew, let stream = event.logStream {
                        noteActivity(slot: slot(for: stream), group: event.logGroup, at: event.millis, routine: false)
                    }
                }
                // The file's span covers every event it holds, new or already stored.
                progress.first = min(progress.first ?? entry.millis, entry.millis)
                progress.last = max(progress.last ?? entry.millis, entry.millis)
                if isNew {
                    events += 1
                    progress.events += 1
                } else {
                    duplicates += 1
                    progress.duplicates += 1
                }
            }
            progress.rejected += batch.problems.filter { $0.line > 0 }.count + batch.unlistedProblems.values.reduce(0, +)
            try flushActivity(db)
            try db.execute(sql: """
                UPDATE ingested_file SET lines_done = ?, events = ?, duplicates = ?, rejected_lines = ?,
                    first_ms = MIN(COALESCE(first_ms, ?), COALESCE(?, first_ms)),
                    last_ms = MAX(COALESCE(last_ms, ?), COALESCE(?, last_ms)), state = ?, updated_at = ? WHERE id = ?
                """, arguments: [min(batch.linesDone, Int(Int32.max)), progress.events, progress.duplicates, progress.rejected,
                                 progress.first, progress.first, progress.last, progress.last, batch.isLast ? "complete" : "reading",
                                 Timestamp(millis: Int64(Date().timeIntervalSince1970 * 1000)).iso8601, progress.rowID])
            return .commit
        }
        files[batch.fileIndex] = progress
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

    private func noteActivity(slot: Int, group: String?, at: Int64, routine: Bool) {
        activities.withUnsafeMutableBufferPointer { all in
            if !all[slot].touched {
                all[slot].touched = true
                touched.append(slot)
            }
            all[slot].first = min(all[slot].first, at)
            all[slot].last = max(all[slot].last, at)
            if routine { all[slot].routine += 1 }
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

    static let insertEventSQL = """
        INSERT OR IGNORE INTO event (content_key, event_id, log_group, log_stream, at_ms, kind, task_id, level, text, message, file_id, line)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    /// Inserts a kept event and its typed row; false when it was already stored.
    private func insert(_ event: ParsedEvent, fileRowID: Int64, using eventInsert: BoundStatement, db: Database) throws -> Bool {
        let summary = EventSummary(event, taskId: taskId(ofStream: event.logStream))
        eventInsert.bind(event.key, at: 1)
        eventInsert.bind(event.eventId, at: 2)
        eventInsert.bind(event.logGroup, at: 3)
        eventInsert.bind(event.logStream, at: 4)
        eventInsert.bind(summary.at.millis, at: 5)
        eventInsert.bind(summary.kind, at: 6)
        eventInsert.bind(summary.taskId, at: 7)
        eventInsert.bind(summary.level, at: 8)
        eventInsert.bind(summary.text, at: 9)
        eventInsert.bind(event.message, at: 10)
        eventInsert.bind(fileRowID, at: 11)
        eventInsert.bind(event.line, at: 12)
        guard try eventInsert.execute(db) == 1 else {
            if event.logGroup != nil || event.eventId != nil {
                try db.cachedStatement(sql: """
                    UPDATE OR IGNORE event SET log_group = COALESCE(log_group, ?), event_id = COALESCE(event_id, ?)
                    WHERE content_key = ? AND (log_group IS NULL OR event_id IS NULL)
                    """).execute(arguments: [event.logGroup, event.eventId, event.key])
            }
            return false
        }
        let rowID = db.lastInsertedRowID
        try TypedRows.insert(event.content, rowID: rowID, taskId: summary.taskId, at: summary.at, db: db)
        return true
    }
}

/// The dedup keys of routine lines seen in this run: open addressing with linear probing.
///
/// The keys are `StableHash` values, already well mixed, so a key is its own hash:
/// no hashing per insert, 8 bytes per slot, at most 3/4 full (2.5 M lines: 32 MB).
/// `Set<Int64>` hashes every key again with SipHash and was a tenth of the writer's time.
struct KeySet {
    private var slots: [UInt64] = Array(repeating: 0, count: 1 << 16)
    private var hasZero = false
    private(set) var count = 0

    /// Adds `key`; false when it was already there.
    mutating func insert(_ key: Int64) -> Bool {
        let k = UInt64(bitPattern: key)
        if k == 0 {  // 0 marks an empty slot, so the key 0 is kept aside
            defer { hasZero = true }
            if !hasZero { count += 1 }
            return !hasZero
        }
        if (count + 1) * 4 > slots.count * 3 { grow() }
        let inserted = slots.withUnsafeMutableBufferPointer { KeySet.place(k, in: $0) }
        if inserted { count += 1 }
        return inserted
    }

    @inline(__always) private static func place(_ k: UInt64, in table: UnsafeMutableBufferPointer<UInt64>) -> Bool {
        let mask = table.count - 1
        var i = Int(truncatingIfNeeded: k ^ (k >> 29)) & mask
        while true {
            let s = table[i]
            if s == 0 { table[i] = k; return true }
            if s == k { return false }
            i = (i + 1) & mask
        }
    }

    private mutating func grow() {
        var bigger = [UInt64](repeating: 0, count: slots.count * 2)
        bigger.withUnsafeMutableBufferPointer { table in
            for k in slots where k != 0 { _ = KeySet.place(k, in: table) }
        }
        slots = bigger
    }
}

/// The columns of the `event` row that summarise its content.
struct EventSummary {
    var kind: String
    var taskId: String?
    var level: String?
    var text: String
    var at: Timestamp

    /// `streamTaskId`: `TaskIdentity.taskId(fromStream: event.logStream)`, which the writer remembers per stream.
    init(_ event: ParsedEvent, taskId streamTaskId: String?) {
        let at = Timestamp(millis: event.millis)
        switch event.content {
        case let .taskState(change):
            kind = "task_state"
            taskId = change.taskId
            level = nil
            text = [change.lastStatus, change.healthStatus.map { "health \($0)" }, change.stoppedReason]
                .compactMap { $0 }.joined(separator: " ")
            self.at = change.time
        case let .service(service):
            kind = "service"
            taskId = nil
            level = service.eventType?.lowercased()
            text = [service.eventName, service.reason].compactMap { $0 }.joined(separator: ": ")
            self.at = service.at
        case let .probe(probe):
            kind = "probe"
            taskId = nil
            level = probe.succeeded ? "info" : "warn"
            text = "\(probe.check) \(probe.path ?? "") \(probe.status)" + (probe.error.map { " \($0)" } ?? "")
            self.at = at
        case let .app(line):
            kind = "app"
            taskId = streamTaskId
            level = line.level
            text = line.text
            self.at = at
        case .routine:
            kind = "app"
            taskId = streamTaskId
            level = "info"
            text = ""
            self.at = at
        }
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
