import Foundation
import GRDB
import Replay

/// Gathers a crash's `CrashSignals` from the store: its task's last lines, gauges,
/// failing probes and health changes within the signal window before the stop.
///
/// Lines are the task's own kept lines (warnings, errors, plain text such as panic
/// lines, configuration and gauges); routine info lines are not stored and so never
/// evidence. The window reaches a little past the stop (`graceAfterSeconds`) because
/// CloudWatch may stamp a dying process's last lines after ECS's `stoppedAt`.
public struct SignalCollector {
    public var windowSeconds: Int64
    public var graceAfterSeconds: Int64 = 30
    public var maxLines = 200

    public init(windowSeconds: Int64 = 900) { self.windowSeconds = windowSeconds }

    public func signals(for crash: CrashRecord, task: TaskRecord?, timeline: Timeline, database: ReplayDatabase) throws -> CrashSignals {
        let from = crash.at.adding(seconds: -windowSeconds).millis
        let to = crash.at.adding(seconds: graceAfterSeconds).millis
        return try database.queue.read { db in
            let lines = try Row.fetchAll(db, sql: """
                SELECT at_ms, log_group, log_stream, level, message FROM event
                WHERE task_id = ? AND kind = 'app' AND at_ms BETWEEN ? AND ?
                ORDER BY at_ms DESC, id DESC LIMIT ?
                """, arguments: [crash.taskId, from, to, maxLines]).reversed().map { row in
                LogLine(at: Timestamp(millis: row["at_ms"]), logGroup: row["log_group"], logStream: row["log_stream"],
                        level: row["level"], text: row["message"])
            }
            let gauges = try Row.fetchAll(db, sql: """
                SELECT at_ms, kind, fields_json FROM gauge WHERE task_id = ? AND at_ms BETWEEN ? AND ? ORDER BY at_ms
                """, arguments: [crash.taskId, from, to]).compactMap { row -> GaugeSample? in
                let json: String = row["fields_json"]
                guard let kind = GaugeSample.Kind(rawValue: row["kind"]),
                      let fields = try? JSONDecoder().decode([String: Double].self, from: Data(json.utf8)) else { return nil }
                return GaugeSample(at: Timestamp(millis: row["at_ms"]), kind: kind, fields: fields)
            }
            let probes = try Row.fetchAll(db, sql: """
                SELECT p.at_ms, e.log_group, e.log_stream, e.message FROM probe_result p JOIN event e ON e.id = p.event_rowid
                WHERE p.at_ms BETWEEN ? AND ? AND (p.status < 200 OR p.status >= 300)
                  AND (p.check_name = 'health' OR p.path IN ('/health', '/healthz'))
                ORDER BY p.at_ms
                """, arguments: [from, crash.at.millis]).map { row in
                LogLine(at: Timestamp(millis: row["at_ms"]), logGroup: row["log_group"], logStream: row["log_stream"],
                        level: "warn", text: row["message"])
            }
            // Where the STOPPED event was logged, so ECS fields quoted as evidence can be found again.
            let stopEvent = try Row.fetchOne(db, sql: """
                SELECT e.log_group, e.log_stream FROM task_state_change t JOIN event e ON e.id = t.event_rowid
                WHERE t.task_id = ? AND t.last_status = 'STOPPED' ORDER BY t.time_ms LIMIT 1
                """, arguments: [crash.taskId])
            return CrashSignals(
                crashId: crash.id, taskId: crash.taskId, at: crash.at, exitCode: crash.exitCode,
                containerReason: crash.containerReason, stopCode: crash.stopCode, stoppedReason: crash.stoppedReason,
                lastLines: Array(lines), gauges: gauges, probeFailures: probes,
                healthTransitions: (task?.health ?? []).map { HealthTransition(at: $0.at, status: $0.status) },
                stopEventLogGroup: stopEvent?["log_group"], stopEventLogStream: stopEvent?["log_stream"])
        }
    }
}
