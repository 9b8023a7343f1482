import Foundation
import GRDB
import Testing
@testable import Replay

/// Stored events are unique by `(at_ms, content_key)` (migration v4): the index grows where the
/// events are instead of at a random leaf, and still recognises every copy of a stored event.
@Suite struct EventTimeKeyTests {
    @Test func aCopysGroupAndIdReachTheStoredRowThroughTheTimeLedKey() throws {
        let f = try IngestFixture()
        let plan = try f.database.queue.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + EventWriter.fillInSQL,
                             arguments: ["/ecs/app", "id-1", 42, 1_774_184_003_000]).map { $0["detail"] as String }
        }
        #expect(plan.first?.contains("USING INDEX event_time_key (at_ms=? AND content_key=?)") == true, "\(plan)")
    }

    @Test func aDatabaseMadeBeforeTheTimeLedKeyKeepsItsEventsAndKnowsTheirCopies() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("replay-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("v3.sqlite").path
        let copy = DuplicateCopiesTests.copy(group: "/ecs/merxex-exchange", id: nil)
        do {
            // A database as the previous release left it, holding the event (no group yet).
            let old = try DatabaseQueue(path: path)
            try Schema.migrator.migrate(old, upTo: "v3: only the indexes the analysis reads")
            try old.write { db in
                try db.execute(sql: """
                    INSERT INTO event (content_key, log_stream, at_ms, kind, text, message)
                    VALUES (?, ?, ?, 'app', 'pool timed out', 'pool timed out')
                    """, arguments: [copy.key, copy.logStream, copy.millis])
                #expect(try db.indexes(on: "event").contains { $0.name == "event_content_key" })
            }
        }
        let database = try ReplayDatabase(path: path)
        let writer = EventWriter()
        try database.queue.writeWithoutTransaction { db in
            #expect(try db.indexes(on: "event").contains { $0.name == "event_time_key" && $0.isUnique })
            #expect(try !db.indexes(on: "event").contains { $0.name == "event_content_key" })
            writer.register(fileIndex: 0, rowID: 1)
            var batch = EventBatch(fileIndex: 0)
            batch.append(copy)
            try writer.write(batch, db)
            try writer.commit(db)
        }
        #expect(writer.events == 0)
        #expect(writer.duplicates == 1)
        let rows = try database.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT content_key, log_group FROM event").map { ($0[0] as Int64, $0[1] as String?) }
        }
        #expect(rows.count == 1)
        #expect(rows.first?.1 == "/ecs/merxex-exchange", "the copy's group fills the stored row's gap")
    }
}
