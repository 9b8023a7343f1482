import Foundation
import GRDB
import Testing
@testable import Replay

/// Probe rows are inserted several at a time (`TypedRows.Statements`); each row is still its own
/// event's, whether it went in a full multi-row INSERT or was left for the batch's end. Gauge lines
/// between them are stored as their events alone.
@Suite struct TypedRowBatchTests {
    static let stream = "ecs/app/4b1f0c2e9a7d4e0f8d1c2b3a4f5e6d7c"

    static func probe(_ n: Int) -> ParsedEvent {
        let at = Timestamp(millis: 1_774_184_000_000 + Int64(n) * 1000)
        let result = ProbeResult(check: "health", url: "https://x.example/health", path: "/health", status: 200 + n,
                                 latencyMs: n % 3 == 0 ? nil : Double(n) / 4, error: n % 5 == 0 ? "timeout \(n)" : nil,
                                 version: "0.\(n)", at: at)
        return ParsedEvent(key: Int64(1000 + n), eventId: nil, logGroup: "/monitoring", logStream: "prober", millis: at.millis,
                           line: n, message: "probe \(n)", content: .probe(result))
    }

    static func gauge(_ n: Int) -> ParsedEvent {
        let gauge = Gauge(kind: .memory, fields: ["rss_mb": Double(100 + n), "limit_mb": 2048])
        return ParsedEvent(key: Int64(5000 + n), eventId: nil, logGroup: "/ecs/app", logStream: stream,
                           millis: 1_774_184_000_500 + Int64(n) * 1000, line: n, message: "memory \(n)",
                           content: .app(AppLine(level: "info", text: "memory", configuration: nil, gauge: gauge, innerTime: nil)))
    }

    @Test func everyProbeRowIsItsOwnEventsWhereverTheBatchCutsTheInserts() throws {
        let rows = TypedRows.Statements.rowsPerInsert
        // Counts below, at and past a multiple of the rows per INSERT, interleaved as a reader hands them over.
        for (probes, gauges) in [(rows - 1, 1), (rows, rows), (2 * rows + 5, rows + 1)] {
            let f = try IngestFixture()
            let writer = EventWriter()
            var batch = EventBatch(fileIndex: 0)
            for n in 0..<max(probes, gauges) {
                if n < probes { batch.append(Self.probe(n)) }
                if n < gauges { batch.append(Self.gauge(n)) }
            }
            try f.database.queue.writeWithoutTransaction { db in
                writer.register(fileIndex: 0, rowID: 1)
                try writer.write(batch, db)
                try writer.commit(db)
            }
            #expect(writer.events == probes + gauges)
            let stored = try f.database.queue.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT e.content_key, e.message, p.status, p.latency_ms, p.error, p.version, p.at_ms = e.at_ms
                    FROM probe_result p JOIN event e ON e.id = p.event_rowid ORDER BY e.content_key
                    """)
            }
            #expect(stored.count == probes)
            for (n, row) in stored.enumerated() {
                let expected = Self.probe(n)
                guard case let .probe(p) = expected.content else { continue }
                #expect(row[0] as Int64 == expected.key && row[1] as String == expected.message, "probe \(n)")
                #expect(row[2] as Int == p.status && row[3] as Double? == p.latencyMs && row[4] as String? == p.error, "probe \(n)")
                #expect(row[5] as String? == p.version && row[6] as Bool == true, "probe \(n)")
            }
            let gaugeEvents = try f.database.queue.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT content_key, message, task_id FROM event WHERE kind = 'app' AND text = 'memory' ORDER BY content_key
                    """)
            }
            #expect(gaugeEvents.count == gauges)
            for (n, row) in gaugeEvents.enumerated() {
                #expect(row[0] as Int64 == Int64(5000 + n) && row[1] as String == "memory \(n)", "gauge \(n)")
                #expect(row[2] as String? == "4b1f0c2e9a7d4e0f8d1c2b3a4f5e6d7c", "gauge \(n)")
            }
            #expect(try f.count("SELECT COUNT(*) FROM sqlite_master WHERE name = 'gauge'") == 0)
        }
    }
}
