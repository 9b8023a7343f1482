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
    private var routineKeys = Set<Int64>()
    private var activity: [String: StreamActivity] = [:]
    private var touchedStreams = Set<String>()
    private(set) var events = 0
    private(set) var duplicates = 0

    struct StreamActivity {
        var group: String?
        var first: Int64
        var last: Int64
        var routine: Int
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

    func register(fileIndex: Int, rowID: Int64) {
        files[fileIndex] = FileProgress(rowID: rowID)
    }

    func write(_ batch: EventBatch) throws {
        var progress = files[batch.fileIndex]!
        try database.queue.inTransaction { db in
            for event in batch.events {
                let isNew: Bool
                if event.isRoutine {
                    isNew = routineKeys.insert(event.key).inserted
                    if isNew, let stream = event.logStream { noteActivity(stream: stream, group: event.logGroup, at: event.millis, routine: true) }
                } else {
                    isNew = try insert(event, fileRowID: progress.rowID, db: db)
                    if isNew, let stream = event.logStream { noteActivity(stream: stream, group: event.logGroup, at: event.millis, routine: false) }
                }
                if isNew {
                    events += 1
                    progress.events += 1
                    progress.first = min(progress.first ?? event.millis, event.millis)
                    progress.last = max(progress.last ?? event.millis, event.millis)
                } else {
                    duplicates += 1
                    progress.duplicates += 1
                }
            }
            progress.rejected += batch.problems.filter { $0.line > 0 }.count
            try flushActivity(db)
            try db.execute(sql: """
                UPDATE ingested_file SET lines_done = ?, events = ?, duplicates = ?, rejected_lines = ?,
                    first_ms = ?, last_ms = ?, state = ?, updated_at = ? WHERE id = ?
                """, arguments: [min(batch.linesDone, Int(Int32.max)), progress.events, progress.duplicates, progress.rejected,
                                 progress.first, progress.last, batch.isLast ? "complete" : "reading",
                                 Timestamp(millis: Int64(Date().timeIntervalSince1970 * 1000)).iso8601, progress.rowID])
            return .commit
        }
        files[batch.fileIndex] = progress
    }

    private func noteActivity(stream: String, group: String?, at: Int64, routine: Bool) {
        touchedStreams.insert(stream)
        if var a = activity[stream] {
            a.first = min(a.first, at)
            a.last = max(a.last, at)
            if routine { a.routine += 1 }
            if a.group == nil { a.group = group }
            activity[stream] = a
        } else {
            activity[stream] = StreamActivity(group: group, first: at, last: at, routine: routine ? 1 : 0)
        }
    }

    private func flushActivity(_ db: Database) throws {
        guard !touchedStreams.isEmpty else { return }
        let statement = try db.cachedStatement(sql: """
            INSERT INTO stream_activity (log_stream, log_group, task_id, first_ms, last_ms, routine_lines)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT(log_stream) DO UPDATE SET
                log_group = COALESCE(stream_activity.log_group, excluded.log_group),
                first_ms = MIN(stream_activity.first_ms, excluded.first_ms),
                last_ms = MAX(stream_activity.last_ms, excluded.last_ms),
                routine_lines = stream_activity.routine_lines + excluded.routine_lines
            """)
        for stream in touchedStreams.sorted() {
            guard let a = activity[stream] else { continue }
            try statement.execute(arguments: [stream, a.group, TaskIdentity.taskId(fromStream: stream), a.first, a.last, a.routine])
            activity[stream]?.routine = 0
        }
        touchedStreams.removeAll(keepingCapacity: true)
    }

    /// Inserts a kept event and its typed row; false when it was already stored.
    private func insert(_ event: ParsedEvent, fileRowID: Int64, db: Database) throws -> Bool {
        let summary = EventSummary(event)
        let statement = try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO event (content_key, event_id, log_group, log_stream, at_ms, kind, task_id, level, text, message, file_id, line)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try statement.execute(arguments: [event.key, event.eventId, event.logGroup, event.logStream, summary.at.millis,
                                          summary.kind, summary.taskId, summary.level, summary.text, event.message,
                                          fileRowID, event.line])
        guard db.changesCount == 1 else {
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

/// The columns of the `event` row that summarise its content.
struct EventSummary {
    var kind: String
    var taskId: String?
    var level: String?
    var text: String
    var at: Timestamp

    init(_ event: ParsedEvent) {
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
            taskId = TaskIdentity.taskId(fromStream: event.logStream)
            level = line.level
            text = line.text
            self.at = at
        case .routine:
            kind = "app"
            taskId = TaskIdentity.taskId(fromStream: event.logStream)
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

    /// The container name in `<prefix>/<container>/<task id>`.
    public static func container(fromStream stream: String?) -> String? {
        guard let parts = stream?.split(separator: "/"), parts.count >= 3 else { return nil }
        return String(parts[parts.count - 2])
    }

    static func isTaskId(_ s: Substring) -> Bool {
        let hex = s.utf8.filter { $0 != UInt8(ascii: "-") }
        guard hex.count == 32, s.utf8.count == 32 || s.utf8.count == 36 else { return false }
        return hex.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) || ($0 >= 65 && $0 <= 70) }
    }
}
