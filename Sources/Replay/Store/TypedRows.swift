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
    /// Probe and gauge rows, most typed rows, are gathered and inserted `rowsPerInsert` at a
    /// time by one multi-row INSERT: each statement SQLite runs costs ~2 500 instructions of its
    /// own (stepping in and out, halting, resetting) besides the rows it writes. What is left
    /// when the batch ends is inserted row by row (`flush`), before anything else reads them.
    final class Statements {
        static let rowsPerInsert = 32
        let probe: BoundStatement
        let configuration: BoundStatement
        let gauge: BoundStatement
        private let probes: BoundStatement
        private let gauges: BoundStatement
        private var pendingProbes: [(rowID: Int64, probe: ProbeResult)] = []
        private var pendingGauges: [GaugeRow] = []

        struct GaugeRow {
            var rowID: Int64
            var taskId: String?
            var at: Int64
            var kind: String
            var fields: String
        }

        init(_ db: Database) throws {
            probe = try BoundStatement(db, sql: TypedRows.probeSQL)
            configuration = try BoundStatement(db, sql: TypedRows.configurationSQL)
            gauge = try BoundStatement(db, sql: TypedRows.gaugeSQL)
            probes = try BoundStatement(db, sql: TypedRows.rows(TypedRows.probeSQL, Statements.rowsPerInsert))
            gauges = try BoundStatement(db, sql: TypedRows.rows(TypedRows.gaugeSQL, Statements.rowsPerInsert))
            pendingProbes.reserveCapacity(Statements.rowsPerInsert)
            pendingGauges.reserveCapacity(Statements.rowsPerInsert)
        }

        /// `gaugeJSON`: the gauge's `fields_json` when the reader made it already (`ParsedEvent`).
        func insert(_ content: MessageReader.Content, rowID: Int64, taskId: String?, at: Timestamp, gaugeJSON: String? = nil,
                    db: Database) throws {
            try TypedRows.insert(content, rowID: rowID, taskId: taskId, at: at, gaugeJSON: gaugeJSON, statements: self, db: db)
        }

        fileprivate func add(_ probe: ProbeResult, rowID: Int64, db: Database) throws {
            pendingProbes.append((rowID, probe))
            guard pendingProbes.count == Statements.rowsPerInsert else { return }
            for (n, row) in pendingProbes.enumerated() { Statements.bind(row.probe, rowID: row.rowID, to: probes, row: n) }
            try probes.execute(db)
            pendingProbes.removeAll(keepingCapacity: true)
        }

        fileprivate func add(_ row: GaugeRow, db: Database) throws {
            pendingGauges.append(row)
            guard pendingGauges.count == Statements.rowsPerInsert else { return }
            for (n, row) in pendingGauges.enumerated() { Statements.bind(row, to: gauges, row: n) }
            try gauges.execute(db)
            pendingGauges.removeAll(keepingCapacity: true)
        }

        /// Inserts the rows still gathered, one statement each.
        func flush(_ db: Database) throws {
            for row in pendingProbes {
                Statements.bind(row.probe, rowID: row.rowID, to: probe, row: 0)
                try probe.execute(db)
            }
            pendingProbes.removeAll(keepingCapacity: true)
            for row in pendingGauges {
                Statements.bind(row, to: gauge, row: 0)
                try gauge.execute(db)
            }
            pendingGauges.removeAll(keepingCapacity: true)
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

        /// Binds a gauge row as the `row`th (0-based) of a statement of `gaugeSQL`'s columns.
        private static func bind(_ g: GaugeRow, to statement: BoundStatement, row: Int) {
            let base = Int32(row * 5)
            statement.bind(g.rowID, at: base + 1)
            statement.bind(g.taskId, at: base + 2)
            statement.bind(g.at, at: base + 3)
            statement.bind(g.kind, at: base + 4)
            statement.bind(g.fields, at: base + 5)
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
    static let gaugeSQL = "INSERT INTO gauge (event_rowid, task_id, at_ms, kind, fields_json) VALUES (?, ?, ?, ?, ?)"

    /// Inserts the typed row of `content` (none for routine lines); rare kinds go through GRDB.
    private static func insert(_ content: MessageReader.Content, rowID: Int64, taskId: String?, at: Timestamp,
                               gaugeJSON madeJSON: String?, statements: Statements, db: Database) throws {
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
            // Probes, gauges and configuration lines are most kept events: bound directly (`BoundStatement`),
            // probes and gauges several rows at a time.
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
            if let gauge = line.gauge {
                let fields = try madeJSON ?? gaugeJSON(gauge.fields)
                try statements.add(Statements.GaugeRow(rowID: rowID, taskId: taskId, at: at.millis, kind: gauge.kind.rawValue,
                                                       fields: fields), db: db)
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
    ///
    /// Written as bytes into one buffer: building it from String pieces (`+`, `+=`, the keys
    /// sorted as Strings) cost ~7 600 instructions a gauge.
    static func gaugeJSON(_ fields: [String: Double]) throws -> String {
        var pairs: [(key: String, value: Double)] = []
        pairs.reserveCapacity(fields.count)
        var bytes = 2
        for (key, value) in fields {
            guard value.isFinite, key.utf8.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A || $0 == 0x5F }) else {
                return String(decoding: try encoder.encode(fields), as: UTF8.self)
            }
            pairs.append((key, value))
            bytes += key.utf8.count + 4 + 32  // quotes, colon, comma; a number is at most 32 bytes
        }
        // Plain ASCII keys: String order is byte order, `.sortedKeys` order.
        pairs.sort { $0.key < $1.key }
        return String(unsafeUninitializedCapacity: bytes) { out in
            var n = 0
            out[n] = 0x7B
            n += 1
            for (index, pair) in pairs.enumerated() {
                if index > 0 { out[n] = 0x2C; n += 1 }
                out[n] = 0x22
                n += 1
                for byte in pair.key.utf8 { out[n] = byte; n += 1 }
                out[n] = 0x22
                out[n + 1] = 0x3A
                n += 2
                n += writeJSONNumber(pair.value, into: UnsafeMutableBufferPointer(rebasing: out[n...]))
            }
            out[n] = 0x7D
            return n + 1
        }
    }

    /// `jsonNumber(value)`'s bytes written at the start of `out` (at least 32 bytes); their count.
    static func writeJSONNumber(_ value: Double, into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        if isPlainWhole(value) {
            // Whole numbers below 1e15, in plain digits (most gauges), without a String.
            var whole = Int64(value)
            var n = 0
            if whole < 0 { out[0] = 0x2D; n = 1; whole = -whole }
            var digits: (UInt64, UInt64) = (0, 0)  // up to 16 digits, last first
            var count = 0
            withUnsafeMutableBytes(of: &digits) { d in
                repeat {
                    d[count] = UInt8(truncatingIfNeeded: whole % 10) + 0x30
                    whole /= 10
                    count += 1
                } while whole > 0
                for k in 0..<count { out[n + k] = d[count - 1 - k] }
            }
            return n + count
        }
        var count = 0
        for byte in jsonNumber(value).utf8 { out[count] = byte; count += 1 }
        return count
    }

    /// True for a whole number `description` prints in plain digits (below 1e15), -0.0 aside.
    @inline(__always) static func isPlainWhole(_ value: Double) -> Bool {
        value == value.rounded(.towardZero) && abs(value) < 1e15 && !(value == 0 && value.sign == .minus)
    }

    /// A finite Double as `JSONEncoder` writes it: `description` without a trailing `.0`.
    ///
    /// Gauges are nearly always whole numbers (`2048`, `172`); below 1e15 `description`
    /// prints those in plain digits with `.0` (1e16 and up switch to `1e+16`), so their
    /// integer text is the same bytes at a fraction of the cost. -0.0 (`-0`) goes the long way.
    static func jsonNumber(_ value: Double) -> String {
        if isPlainWhole(value) { return String(Int64(value)) }
        var number = value.description
        if number.hasSuffix(".0") { number.removeLast(2) }
        return number
    }
}
