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
    public static func load(from database: ReplayDatabase, from: Timestamp? = nil, to: Timestamp? = nil,
                            redactor: (String) -> String) throws -> TimelineSource {
        try database.queue.read { db in
            var source = TimelineSource()
            let decoder = JSONDecoder()
            for row in try Row.fetchAll(db, sql: "SELECT * FROM task_state_change ORDER BY time_ms, sequence, event_rowid") {
                let containersJSON: String = row["containers_json"]
                let containers = (try? decoder.decode([ContainerState].self, from: Data(containersJSON.utf8))) ?? []
                func ts(_ key: String) -> Timestamp? { (row[key] as Int64?).map(Timestamp.init(millis:)) }
                let change = TaskStateChange(
                    taskId: row["task_id"], taskDefinition: row["task_definition"], group: row["task_group"],
                    lastStatus: row["last_status"], desiredStatus: row["desired_status"], healthStatus: row["health_status"],
                    createdAt: ts("created_at_ms"), startedAt: ts("started_at_ms"), stoppingAt: ts("stopping_at_ms"),
                    stoppedAt: ts("stopped_at_ms"), stopCode: row["stop_code"], stoppedReason: row["stopped_reason"],
                    containers: containers, time: Timestamp(millis: row["time_ms"]), sequence: row["sequence"])
                source.taskChanges.append(change.with(startedBy: row["started_by"]))
            }
            for row in try Row.fetchAll(db, sql: "SELECT * FROM service_event ORDER BY at_ms, event_rowid") {
                source.serviceEvents.append(ServiceEvent(
                    detailType: row["detail_type"], eventName: row["event_name"], eventType: row["event_type"],
                    deploymentId: row["deployment_id"], reason: row["reason"], service: row["service"],
                    at: Timestamp(millis: row["at_ms"])))
            }
            let probeFrom = (from?.millis ?? Int64.min / 2) - 3_600_000
            let probeTo = (to?.millis ?? Int64.max / 2) + 3_600_000
            for row in try Row.fetchAll(db, sql: "SELECT * FROM probe_result WHERE at_ms BETWEEN ? AND ? ORDER BY at_ms, event_rowid",
                                        arguments: [probeFrom, probeTo]) {
                source.probes.append(ProbeResult(
                    check: row["check_name"], url: row["url"], path: row["path"], status: row["status"],
                    latencyMs: row["latency_ms"], error: row["error"], version: row["version"], at: Timestamp(millis: row["at_ms"])))
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT c.task_id, c.at_ms, c.environment, c.version, c.playground, e.log_group, e.log_stream, e.message
                FROM task_configuration c JOIN event e ON e.id = c.event_rowid
                WHERE c.task_id IS NOT NULL ORDER BY c.at_ms, c.event_rowid
                """) {
                let task: String = row["task_id"]
                guard source.configurations[task] == nil else { continue }
                let at = Timestamp(millis: row["at_ms"])
                let playground: Int64? = row["playground"]
                source.configurations[task] = (
                    at, TaskConfiguration(environment: row["environment"], version: row["version"], playground: playground.map { $0 != 0 }),
                    EvidenceLine(at: at, logGroup: row["log_group"], logStream: row["log_stream"], text: redactor(row["message"])))
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT task_id, MIN(first_ms) AS first, MAX(last_ms) AS last FROM stream_activity
                WHERE task_id IS NOT NULL GROUP BY task_id
                """) {
                source.logActivity[row["task_id"]] = (Timestamp(millis: row["first"]), Timestamp(millis: row["last"]))
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

    static func dataSpan(_ db: Database) throws -> (start: Timestamp?, end: Timestamp?) {
        let row = try Row.fetchOne(db, sql: """
            SELECT MIN(m) AS lo, MAX(x) AS hi FROM (
                SELECT MIN(at_ms) AS m, MAX(at_ms) AS x FROM event
                UNION ALL SELECT MIN(first_ms), MAX(last_ms) FROM stream_activity)
            """)
        return ((row?["lo"] as Int64?).map(Timestamp.init(millis:)), (row?["hi"] as Int64?).map(Timestamp.init(millis:)))
    }
}
