import Foundation
import GRDB

/// Inserts the typed row that goes with a stored event, one table per message kind.
enum TypedRows {
    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return e
    }()

    /// The per-event INSERTs of the common kinds, prepared once per batch (`BoundStatement`):
    /// looking them up per event hashed their SQL text every time.
    ///
    /// Probe rows, most typed rows, are gathered and inserted `rowsPerInsert` at a
    /// time by one multi-row INSERT: each statement SQLite runs costs ~2 500 instructions of its
    /// own (stepping in and out, halting, resetting) besides the rows it writes. What is left
    /// when the batch ends is inserted row by row (`flush`), before anything else reads them.
    final class Statements {
        static let rowsPerInsert = 32
        let probe: BoundStatement
        let configuration: BoundStatement
        private let probes: BoundStatement
        private var pendingProbes: [(rowID: Int64, probe: ProbeResult)] = []

        init(_ db: Database) throws {
            probe = try BoundStatement(db, sql: TypedRows.probeSQL)
            configuration = try BoundStatement(db, sql: TypedRows.configurationSQL)
            probes = try BoundStatement(db, sql: TypedRows.rows(TypedRows.probeSQL, Statements.rowsPerInsert))
            pendingProbes.reserveCapacity(Statements.rowsPerInsert)
        }

        func insert(_ content: MessageReader.Content, rowID: Int64, taskId: String?, at: Timestamp, db: Database) throws {
            try TypedRows.insert(content, rowID: rowID, taskId: taskId, at: at, statements: self, db: db)
        }

        fileprivate func add(_ probe: ProbeResult, rowID: Int64, db: Database) throws {
            pendingProbes.append((rowID, probe))
            guard pendingProbes.count == Statements.rowsPerInsert else { return }
            for (n, row) in pendingProbes.enumerated() { Statements.bind(row.probe, rowID: row.rowID, to: probes, row: n) }
            try probes.execute(db)
            pendingProbes.removeAll(keepingCapacity: true)
        }

        /// Inserts the rows still gathered, one statement each.
        func flush(_ db: Database) throws {
            for row in pendingProbes {
                Statements.bind(row.probe, rowID: row.rowID, to: probe, row: 0)
                try probe.execute(db)
            }
            pendingProbes.removeAll(keepingCapacity: true)
        }

        /// Binds a probe row as the `row`th (0-based) of a statement of `probeSQL`'s columns.
        private static func bind(_ p: ProbeResult, rowID: Int64, to statement: BoundStatement, row: Int) {
            let base = Int32(row * 9)
            statement.bind(rowID, at: base + 1)
            statement.bind(p.check, at: base + 2)
            statement.bind(p.url, at: base + 3)
            statement.bind(p.path, at: base + 4)
            statement.bind(p.status, at: base + 5)
            statement.bind(p.latencyMs, at: base + 6)
            statement.bind(p.error, at: base + 7)
            statement.bind(p.version, at: base + 8)
            statement.bind(p.at.millis, at: base + 9)
        }
    }

    /// `sql` (one row of `VALUES (?, ...)`) made to insert `count` rows at once.
    static func rows(_ sql: String, _ count: Int) -> String {
        guard let values = sql.range(of: "VALUES ", options: .backwards) else { return sql }
        let row = String(sql[values.upperBound...])
        return String(sql[..<values.upperBound]) + Array(repeating: row, count: count).joined(separator: ", ")
    }

    static let probeSQL = """
        INSERT INTO probe_result (event_rowid, check_name, url, path, status, latency_ms, error, version, at_ms)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    static let configurationSQL = """
        INSERT INTO task_configuration (event_rowid, task_id, at_ms, environment, version, playground)
        VALUES (?, ?, ?, ?, ?, ?)
        """

    /// Inserts the typed row of `content` (none for routine lines); rare kinds go through GRDB.
    private static func insert(_ content: MessageReader.Content, rowID: Int64, taskId: String?, at: Timestamp,
                               statements: Statements, db: Database) throws {
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
            // Probes and configuration lines are most kept events besides gauges (which have no row of their
            // own): bound directly (`BoundStatement`), probes several rows at a time.
            try statements.add(p, rowID: rowID, db: db)
        case let .app(line):
            if let config = line.configuration {
                let row = statements.configuration
                row.bind(rowID, at: 1)
                row.bind(taskId, at: 2)
                row.bind(at.millis, at: 3)
                row.bind(config.environment, at: 4)
                row.bind(config.version, at: 5)
                row.bind(config.playground, at: 6)
                try row.execute(db)
            }
            // A gauge line has no row of its own: the analysis reads its fields from the event's message
            // (`SignalCollector`), for the few windows it looks at.
        case .routine:
            break
        }
    }
}
