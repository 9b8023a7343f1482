import GRDB

/// Reading the probe results, the bulk of what the timeline is built from.
extension TimelineSource {
    /// Probe results from an hour before `from` to an hour after `to`, by time (then by row).
    ///
    /// When every stored probe is in that range (the usual case: the window is the span of
    /// the data), the table is read in its own order and sorted here: SQLite then reads each
    /// row once, where walking `probe_result_time` costs a second B-tree search per row for
    /// the row itself (three times the instructions for the benchmark's 46 000 probes).
    /// Otherwise the index finds the range. Both give the rows sorted by (`at_ms`, row id).
    static func loadProbes(_ db: Database, from: Timestamp?, to: Timestamp?) throws -> [ProbeResult] {
        let probeFrom = (from?.millis ?? Int64.min / 2) - 3_600_000
        let probeTo = (to?.millis ?? Int64.max / 2) + 3_600_000
        // Two subqueries: SQLite answers a lone MIN or MAX with one index seek, but scans for both at once.
        let bounds = try Row.fetchOne(db, sql: "SELECT (SELECT MIN(at_ms) FROM probe_result), (SELECT MAX(at_ms) FROM probe_result)")
        let first: Int64? = bounds?[0], last: Int64? = bounds?[1]
        let everyProbeInRange = (first.map { $0 >= probeFrom } ?? true) && (last.map { $0 <= probeTo } ?? true)
        let statement = try db.makeStatement(sql: """
            SELECT check_name, url, path, status, latency_ms, error, version, at_ms, event_rowid
            FROM probe_result \(everyProbeInRange ? "NOT INDEXED" : "") WHERE at_ms BETWEEN ? AND ?
            \(everyProbeInRange ? "" : "ORDER BY at_ms, event_rowid")
            """)
        let rows = try Row.fetchCursor(statement, arguments: [probeFrom, probeTo])
        // The text columns repeat a few values over and over: each distinct value is made into a String once.
        var check = RepeatedTextColumn(0), url = RepeatedTextColumn(1), path = RepeatedTextColumn(2)
        var error = RepeatedTextColumn(5), version = RepeatedTextColumn(6)
        let columns = statement.sqliteStatement
        var probes: [ProbeResult] = []
        var keys: [(at: Int64, row: Int64)] = []
        while let row = try rows.next() {
            let at: Int64 = row[7]
            probes.append(ProbeResult(
                check: check.read(columns) ?? "", url: url.read(columns), path: path.read(columns), status: row[3],
                latencyMs: row[4], error: error.read(columns), version: version.read(columns), at: Timestamp(millis: at)))
            keys.append((at, row[8]))
        }
        guard everyProbeInRange, !zip(keys, keys.dropFirst()).allSatisfy({ $0 < $1 }) else { return probes }
        return keys.indices.sorted { keys[$0] < keys[$1] }.map { probes[$0] }
    }
}
