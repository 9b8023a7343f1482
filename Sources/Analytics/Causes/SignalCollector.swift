import Foundation
import GRDB
import Replay

/// Gathers each crash's `CrashSignals` from the store: its task's last lines, gauges,
/// failing probes and health changes within the signal window before the stop.
///
/// Lines are the task's own kept lines (warnings, errors, plain text such as panic
/// lines, configuration and gauges); routine info lines are not stored and so never
/// evidence. The window reaches a little past the stop (`graceAfterSeconds`) because
/// CloudWatch may stamp a dying process's last lines after ECS's `stoppedAt`.
///
/// All crashes are read in one read transaction with four prepared statements, each
/// bound again per crash, and rows are read by column position: preparing four
/// statements and opening a transaction per crash, and looking columns up by name,
/// cost more than the queries themselves.
public struct SignalCollector {
    public var windowSeconds: Int64
    public var graceAfterSeconds: Int64 = 30
    public var maxLines = 200

    public init(windowSeconds: Int64 = 900) { self.windowSeconds = windowSeconds }

    /// The signals of every crash, in the order given.
    public func signals(for crashes: [CrashRecord], timeline: Timeline, database: ReplayDatabase) throws -> [CrashSignals] {
        try database.queue.read { db in
            // `+kind` keeps SQLite off `event_kind_time` (every task's lines of that kind in the window)
            // so that it seeks the crash's own task on `event_task_time`. Should that index be missing
            // (an ingest killed while it rebuilt its indexes), the plain term leaves SQLite the other one.
            let taskIndexExists = try Bool.fetchOne(db, sql: """
                SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'event_task_time')
                """) ?? false
            let lines = try db.cachedStatement(sql: """
                SELECT at_ms, log_group, log_stream, level, message FROM event
                WHERE task_id = ? AND \(taskIndexExists ? "+kind" : "kind") = 'app' AND at_ms BETWEEN ? AND ?
                ORDER BY at_ms DESC, id DESC LIMIT ?
                """)
            // Gauges are the task's app lines in the window that `MessageReader` reads as one: the line
            // is stored once, as an event, and its fields are read from it here (see `gaugeSamples`).
            let gaugeLines = try db.cachedStatement(sql: """
                SELECT at_ms, message FROM event
                WHERE task_id = ? AND \(taskIndexExists ? "+kind" : "kind") = 'app' AND at_ms BETWEEN ? AND ?
                ORDER BY at_ms, id
                """)
            let probes = try db.cachedStatement(sql: """
                SELECT p.at_ms, e.log_group, e.log_stream, e.message FROM probe_result p JOIN event e ON e.id = p.event_rowid
                WHERE p.at_ms BETWEEN ? AND ? AND (p.status < 200 OR p.status >= 300)
                  AND (p.check_name = 'health' OR p.path IN ('/health', '/healthz'))
                ORDER BY p.at_ms
                """)
            // Where the STOPPED event was logged, so ECS fields quoted as evidence can be found again.
            let stopEvent = try db.cachedStatement(sql: """
                SELECT e.log_group, e.log_stream FROM task_state_change t JOIN event e ON e.id = t.event_rowid
                WHERE t.task_id = ? AND t.last_status = 'STOPPED' ORDER BY t.time_ms LIMIT 1
                """)
            return try crashes.map { crash in
                let from = crash.at.adding(seconds: -windowSeconds).millis
                let to = crash.at.adding(seconds: graceAfterSeconds).millis

                var newestFirst: [LogLine] = []
                let lineRows = try Row.fetchCursor(lines, arguments: [crash.taskId, from, to, maxLines])
                while let row = try lineRows.next() {
                    newestFirst.append(LogLine(at: Timestamp(millis: row[0]), logGroup: row[1], logStream: row[2],
                                               level: row[3], text: row[4]))
                }
                var gaugeSamples: [GaugeSample] = []
                let gaugeRows = try Row.fetchCursor(gaugeLines, arguments: [crash.taskId, from, to])
                while let row = try gaugeRows.next() {
                    if let sample = SignalCollector.gaugeSample(at: Timestamp(millis: row[0]), message: row[1]) { gaugeSamples.append(sample) }
                }
                var probeFailures: [LogLine] = []
                let probeRows = try Row.fetchCursor(probes, arguments: [from, crash.at.millis])
                while let row = try probeRows.next() {
                    probeFailures.append(LogLine(at: Timestamp(millis: row[0]), logGroup: row[1], logStream: row[2],
                                                 level: "warn", text: row[3]))
                }
                let stop = try Row.fetchOne(stopEvent, arguments: [crash.taskId])
                let stopLogGroup = stop.flatMap { $0[0] as String? }
                let stopLogStream = stop.flatMap { $0[1] as String? }
                let task = timeline.task(crash.taskId)
                return CrashSignals(
                    crashId: crash.id, taskId: crash.taskId, at: crash.at, exitCode: crash.exitCode,
                    containerReason: crash.containerReason, stopCode: crash.stopCode, stoppedReason: crash.stoppedReason,
                    lastLines: newestFirst.reversed(), gauges: gaugeSamples, probeFailures: probeFailures,
                    healthTransitions: (task?.health ?? []).map { HealthTransition(at: $0.at, status: $0.status) },
                    stopEventLogGroup: stopLogGroup, stopEventLogStream: stopLogStream)
            }
        }
    }

    /// The gauge a stored line's message holds, read as the ingest read it (`MessageReader`), or nil.
    ///
    /// Ingest used to store each gauge's fields a second time, as a row of its own, for this
    /// window alone to read; reading them from the line costs a few microseconds for each of a
    /// window's kept lines, where the row cost every gauge line of every ingest its insert and
    /// its share of an index build.
    static func gaugeSample(at: Timestamp, message: String) -> GaugeSample? {
        var message = message
        let content = message.withUTF8 { MessageReader.read($0, at: at) }
        guard case let .app(line) = content, let gauge = line.gauge else { return nil }
        return GaugeSample(at: at, kind: gauge.kind == .memory ? .memory : .pool, fields: gauge.fields)
    }
}
