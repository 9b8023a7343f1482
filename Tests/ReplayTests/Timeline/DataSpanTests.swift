import Foundation
import GRDB
import Testing
@testable import Replay

/// The span of the stored data is the first and last time of any event stored or counted,
/// taken from the files' spans.
@Suite struct DataSpanTests {
    /// A database whose `ingested_file` rows have the given spans (nil: a file with no event).
    static func database(files: [(first: Int64?, last: Int64?)]) throws -> ReplayDatabase {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("replay-span-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let database = try ReplayDatabase(path: folder.appendingPathComponent("t.sqlite").path)
        try database.queue.write { db in
            for (i, span) in files.enumerated() {
                try db.execute(sql: """
                    INSERT INTO ingested_file (path, size, content_hash, state, first_ms, last_ms, updated_at)
                    VALUES (?, 1, ?, 'complete', ?, ?, '')
                    """, arguments: ["f\(i)", i, span.first, span.last])
            }
        }
        return database
    }

    @Test func theSpanRunsFromTheEarliestFileStartToTheLatestFileEnd() throws {
        let database = try Self.database(files: [(5_000, 9_000), (700, 1_500), (nil, nil), (8_000, 12_000)])
        let span = try TimelineSource.dataSpan(in: database)
        #expect(span.start == Timestamp(millis: 700) && span.end == Timestamp(millis: 12_000))
    }

    /// An ECS event is placed at its own `time`, which can lie before its CloudWatch time.
    @Test func ecsEventsAtTheirOwnTimeWidenTheSpan() throws {
        let database = try Self.database(files: [(5_000, 9_000)])
        try database.queue.write { db in
            try db.execute(sql: "INSERT INTO event (id, content_key, at_ms, kind, text, message) VALUES (1, 1, 4000, 'task_state', '', ''), (2, 2, 9500, 'service', '', '')")
            try db.execute(sql: "INSERT INTO task_state_change (event_rowid, task_id, containers_json, time_ms) VALUES (1, 't', '[]', 4000)")
            try db.execute(sql: "INSERT INTO service_event (event_rowid, detail_type, at_ms) VALUES (2, 'ECS Service Action', 9500)")
        }
        let span = try TimelineSource.dataSpan(in: database)
        #expect(span.start == Timestamp(millis: 4_000) && span.end == Timestamp(millis: 9_500))
    }

    @Test func anEmptyDatabaseHasNoSpan() throws {
        let database = try Self.database(files: [])
        let span = try TimelineSource.dataSpan(in: database)
        #expect(span.start == nil && span.end == nil)
    }

    /// The same as a scan of the stored events and the counted lines finds: kept and routine
    /// lines, every shape, duplicates across files, an ECS event whose own time is 20 minutes
    /// before its CloudWatch time.
    @Test func theSpanEqualsAScanOfStoredAndCountedEvents() throws {
        let f = try IngestFixture()
        _ = try f.ingest(["shapes", "overlap"])
        let scanned = try f.database.queue.read { db in
            try Row.fetchOne(db, sql: """
                SELECT MIN(m), MAX(x) FROM (SELECT MIN(at_ms) AS m, MAX(at_ms) AS x FROM event
                                            UNION ALL SELECT MIN(first_ms), MAX(last_ms) FROM stream_activity)
                """)!
        }
        #expect(try f.count("SELECT COUNT(*) FROM stream_activity WHERE routine_lines > 0") > 0)
        let span = try TimelineSource.dataSpan(in: f.database)
        #expect(span.start == Timestamp(millis: scanned[0]) && span.end == Timestamp(millis: scanned[1]))
    }

    /// `SignalCollector` reads a crashed task's last lines; the partial `event_task_time`
    /// (rows of no task left out) must still serve that query, or it would scan the table.
    @Test func aTasksLinesAreReadThroughThePartialTaskIndex() throws {
        let f = try IngestFixture()
        let plan = try f.database.queue.read { db in
            try Row.fetchAll(db, sql: """
                EXPLAIN QUERY PLAN SELECT at_ms, message FROM event
                WHERE task_id = ? AND +kind = 'app' AND at_ms BETWEEN ? AND ? ORDER BY at_ms DESC, id DESC LIMIT 200
                """, arguments: ["t", 0, 1]).map { $0["detail"] as String }
        }
        #expect(plan.contains { $0.contains("USING INDEX event_task_time") }, "\(plan)")
    }
}
