import Foundation
import GRDB

/// Inserts the typed row that goes with a stored event, one table per message kind.
enum TypedRows {
    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return e
    }()

    static func insert(_ content: MessageReader.Content, rowID: Int64, taskId: String?, at: Timestamp, db: Database) throws {
        switch content {
        case let .taskState(c):
            let containers = String(decoding: try encoder.encode(c.containers), as: UTF8.self)
            try db.cachedStatement(sql: """
                INSERT INTO task_state_change (event_rowid, task_id, task_definition, task_group, started_by, last_status, desired_status,
                    health_status, created_at_ms, started_at_ms, stopping_at_ms, stopped_at_ms, stop_code, stopped_reason,
                    containers_json, time_ms, sequence)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [rowID, c.taskId, c.taskDefinition, c.group, c.startedBy, c.lastStatus, c.desiredStatus,
                                         c.healthStatus, c.createdAt?.millis, c.startedAt?.millis, c.stoppingAt?.millis,
                                         c.stoppedAt?.millis, c.stopCode, c.stoppedReason, containers, c.time.millis, c.sequence])
        case let .service(s):
            try db.cachedStatement(sql: """
                INSERT INTO service_event (event_rowid, detail_type, event_name, event_type, deployment_id, reason, service, at_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [rowID, s.detailType, s.eventName, s.eventType, s.deploymentId, s.reason, s.service, s.at.millis])
        case let .probe(p):
            try db.cachedStatement(sql: """
                INSERT INTO probe_result (event_rowid, check_name, url, path, status, latency_ms, error, version, at_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [rowID, p.check, p.url, p.path, p.status, p.latencyMs, p.error, p.version, p.at.millis])
        case let .app(line):
            if let config = line.configuration {
                try db.cachedStatement(sql: """
                    INSERT INTO task_configuration (event_rowid, task_id, at_ms, environment, version, playground)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """).execute(arguments: [rowID, taskId, at.millis, config.environment, config.version, config.playground])
            }
            if let gauge = line.gauge {
                let fields = try gaugeJSON(gauge.fields)
                try db.cachedStatement(sql: """
                    INSERT INTO gauge (event_rowid, task_id, at_ms, kind, fields_json) VALUES (?, ?, ?, ?, ?)
                    """).execute(arguments: [rowID, taskId, at.millis, gauge.kind.rawValue, fields])
            }
        case .routine:
            break
        }
    }

    /// `fields_json` of a gauge: the bytes `encoder` writes, without its machinery.
    ///
    /// A gauge line comes every half minute per task, and `JSONEncoder` cost about
    /// 18 000 instructions for each (a third of storing the event). Keys are the few
    /// gauge names `MessageReader` collects (plain ASCII, told apart by their first
    /// letter, so byte order is `.sortedKeys` order); a finite Double prints as its
    /// shortest `description` without a trailing `.0`, exactly as `JSONEncoder` does
    /// (checked on 600 000 values). Anything else goes through `JSONEncoder` itself.
    static func gaugeJSON(_ fields: [String: Double]) throws -> String {
        let plainKeys = fields.keys.allSatisfy { key in key.utf8.allSatisfy { $0 >= 0x61 && $0 <= 0x7A || $0 == 0x5F } }
        guard plainKeys, fields.values.allSatisfy(\.isFinite) else {
            return String(decoding: try encoder.encode(fields), as: UTF8.self)
        }
        var text = "{"
        for (n, key) in fields.keys.sorted().enumerated() {
            var number = fields[key]!.description
            if number.hasSuffix(".0") { number.removeLast(2) }
            text += (n == 0 ? "\"" : ",\"") + key + "\":" + number
        }
        return text + "}"
    }
}
