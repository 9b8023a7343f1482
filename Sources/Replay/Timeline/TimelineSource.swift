import Foundation
import GRDB

/// Everything the timeline is built from, loaded from the store in one read.
///
/// The only part of the timeline that touches the database: the builder works on
/// these values, so tests can hand it state changes and probes directly.
public struct TimelineSource: Sendable {
    public var taskChanges: [TaskStateChange] = []
    public var serviceEvents: [ServiceEvent] = []
    public var probes: [ProbeResult] = []
    /// First configuration line per task, with its time and where it was logged.
    public var configurations: [String: (at: Timestamp, configuration: TaskConfiguration, evidence: EvidenceLine)] = [:]
    /// First and last log line per task (from kept and counted lines).
    public var logActivity: [String: (first: Timestamp, last: Timestamp)] = [:]
    /// The span the stored events cover.
    public var dataStart: Timestamp?
    public var dataEnd: Timestamp?

    public init() {}

    /// Loads from the database. Probes are loaded from an hour before `from` (edges of outages).
    ///
    /// Rows are read through cursors by column position: the probes alone are tens of
    /// thousands of rows, and GRDB's copied rows with by-name lookups (a case-insensitive
    /// search of the column names for every value) cost more than SQLite's own work.
    /// Every SELECT lists its columns, so the positions below are the order written there.
    public static func load(from database: ReplayDatabase, from: Timestamp? = nil, to: Timestamp? = nil,
                            redactor: (String) -> String) throws -> TimelineSource {
        try database.queue.read { db in
            var source = TimelineSource()
            let decoder = JSONDecoder()
            // Most state changes repeat one of a few container lists word for word (PENDING, RUNNING...):
            // the same text always decodes to the same list, so each distinct text is decoded once.
            var containersByJSON: [String: [ContainerState]] = [:]
            let changes = try Row.fetchCursor(db, sql: """
                SELECT task_id, task_definition, task_group, last_status, desired_status, health_status,
                       created_at_ms, started_at_ms, stopping_at_ms, stopped_at_ms, stop_code, stopped_reason,
                       containers_json, time_ms, sequence, started_by
                FROM task_state_change ORDER BY time_ms, sequence, event_rowid
                """)
            while let row = try changes.next() {
                let containersJSON: String = row[12]
                let containers: [ContainerState]
                if let known = containersByJSON[containersJSON] {
                    containers = known
                } else {
                    containers = (try? decoder.decode([ContainerState].self, from: Data(containersJSON.utf8))) ?? []
                    containersByJSON[containersJSON] = containers
                }
                func ts(_ index: Int) -> Timestamp? { (row[index] as Int64?).map(Timestamp.init(millis:)) }
                let change = TaskStateChange(
                    taskId: row[0], taskDefinition: row[1], group: row[2],
                    lastStatus: row[3], desiredStatus: row[4], healthStatus: row[5],
                    createdAt: ts(6), startedAt: ts(7), stoppingAt: ts(8),
                    stoppedAt: ts(9), stopCode: row[10], stoppedReason: row[11],
                    containers: containers, time: Timestamp(millis: row[13]), sequence: row[14])
                source.taskChanges.append(change.with(startedBy: row[15]))
            }
            let services = try Row.fetchCursor(db, sql: """
                SELECT detail_type, event_name, event_type, deployment_id, reason, service, at_ms
                FROM service_event ORDER BY at_ms, event_rowid
                """)
            while let row = try services.next() {
                source.serviceEvents.append(ServiceEvent(
                    detailType: row[0], eventName: row[1], eventType: row[2],
                    deploymentId: row[3], reason: row[4], service: row[5], at: Timestamp(millis: row[6])))
            }
            source.probes = try loadProbes(db, from: from, to: to)
            let configurations = try Row.fetchCursor(db, sql: """
                SELECT c.task_id, c.at_ms, c.environment, c.version, c.playground, e.log_group, e.log_stream, e.message
                FROM task_configuration c JOIN event e ON e.id = c.event_rowid
                WHERE c.task_id IS NOT NULL ORDER BY c.at_ms, c.event_rowid
                """)
            while let row = try configurations.next() {
                let task: String = row[0]
                guard source.configurations[task] == nil else { continue }
                let at = Timestamp(millis: row[1])
                let playground: Int64? = row[4]
                source.configurations[task] = (
                    at, TaskConfiguration(environment: row[2], version: row[3], playground: playground.map { $0 != 0 }),
                    EvidenceLine(at: at, logGroup: row[5], logStream: row[6], text: redactor(row[7])))
            }
            let activity = try Row.fetchCursor(db, sql: """
                SELECT task_id, MIN(first_ms) AS first, MAX(last_ms) AS last FROM stream_activity
                WHERE task_id IS NOT NULL GROUP BY task_id
                """)
            while let row = try activity.next() {
                source.logActivity[row[0]] = (Timestamp(millis: row[1]), Timestamp(millis: row[2]))
            }
            (source.dataStart, source.dataEnd) = try dataSpan(db)
            return source
        }
    }

    /// The span the stored events cover (kept and counted), without loading anything else:
    /// what `report --last 24h` measures back from.
    public static func dataSpan(in database: ReplayDatabase) throws -> (start: Timestamp?, end: Timestamp?) {
        try database.queue.read { try dataSpan($0) }
    }

    /// Taken from the files' spans (`ingested_file.first_ms`/`last_ms`): each covers the
    /// CloudWatch time of every event its file holds, kept or counted, new or already stored,
    /// and is updated in the same transaction as its events. ECS task and service events are
    /// placed at their own `time`, which may lie outside their CloudWatch time, so their
    /// tables (a few rows per task) are read too.
    ///
    /// `MIN(at_ms)` over `event` would scan it (no index starts with `at_ms`) and would still
    /// miss the counted lines; an index kept only for this cost every big load 0.05 s at its end.
    static func dataSpan(_ db: Database) throws -> (start: Timestamp?, end: Timestamp?) {
        let row = try Row.fetchOne(db, sql: """
            SELECT MIN(lo) AS lo, MAX(hi) AS hi FROM (
                SELECT MIN(first_ms) AS lo, MAX(last_ms) AS hi FROM ingested_file
                UNION ALL SELECT MIN(time_ms), MAX(time_ms) FROM task_state_change
                UNION ALL SELECT MIN(at_ms), MAX(at_ms) FROM service_event)
            """)
        return ((row?["lo"] as Int64?).map(Timestamp.init(millis:)), (row?["hi"] as Int64?).map(Timestamp.init(millis:)))
    }
}
