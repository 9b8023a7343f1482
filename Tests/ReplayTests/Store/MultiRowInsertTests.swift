import Foundation
import GRDB
import Testing
@testable import Replay

/// Kept events go into `event` 32 to an INSERT (`EventWriter.eventsPerInsert`); whatever the mix
/// of new events and copies in a statement, the database ends as when they went one at a time.
@Suite struct MultiRowInsertTests {
    static let stream = "ecs/app/4b1f0c2e9a7d4e0f8d1c2b3a4f5e6d7c"

    static func event(_ key: Int64, group: String?, id: String?) -> ParsedEvent {
        let text = "line \(key)"
        return ParsedEvent(key: key, eventId: id, logGroup: group, logStream: stream, millis: 1_774_184_000_000 + key, line: Int(key),
                           message: text, content: .app(AppLine(level: "warn", text: text, configuration: nil, gauge: nil, innerTime: nil)))
    }

    /// Seeded events in which copies (the same key and time) carry other groups and ids, some ids
    /// belong to another key, and runs are all new, all copies, or mixed.
    static func events(seed: UInt64) -> (earlier: [ParsedEvent], batch: [ParsedEvent]) {
        var rng = SeededGenerator(seed: seed)
        let groups: [String?] = [nil, "/ecs/merxex-exchange", "merxex-app"]
        func id() -> String? { rng.next() % 3 == 0 ? nil : "id\(rng.next() % 40)" }
        // Stored before: every third key, some without group or id for the batch's copies to fill in.
        let earlier = stride(from: 0, to: 300, by: 3).map { event(Int64($0), group: groups[Int(rng.next() % 3)], id: id()) }
        var batch: [ParsedEvent] = []
        batch += (300..<364).map { event(Int64($0), group: "/ecs/merxex-exchange", id: "new\($0)") }  // two all-new statements
        batch += stride(from: 0, to: 96, by: 3).map { event(Int64($0), group: groups[Int(rng.next() % 3)], id: id()) }  // all copies
        for _ in 0..<400 {  // mixed: new keys, copies of stored ones and of the batch's own, ids shared across keys
            let key = Int64(rng.next() % 420)
            batch.append(event(key, group: groups[Int(rng.next() % 3)], id: id()))
        }
        // A copy that gives its stored row an id, then a new event with that id, in one statement.
        batch += [event(600, group: nil, id: nil), event(601, group: nil, id: nil)]
        batch += [event(600, group: "/ecs/a", id: "shared"), event(602, group: "/ecs/a", id: "shared")]
        return (earlier, batch)
    }

    /// Stores `earlier` in one batch and `batch` in the next, `perInsert` events to an INSERT.
    static func store(_ earlier: [ParsedEvent], _ batch: [ParsedEvent], perInsert: Int) throws
        -> (rows: [String], ids: [String], events: Int, duplicates: Int) {
        let f = try IngestFixture()
        let writer = EventWriter()
        writer.eventsPerInsert = perInsert
        try f.database.queue.writeWithoutTransaction { db in
            for (n, events) in [earlier, batch].enumerated() {
                writer.register(fileIndex: n, rowID: Int64(n + 1))
                var batch = EventBatch(fileIndex: n)
                for event in events { batch.append(event) }
                try writer.write(batch, db)
            }
            try writer.commit(db)
        }
        let ids = try f.database.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT id, content_key, file_id, line FROM event ORDER BY id").map(\.description)
        }
        return (try f.storedRows(), ids, writer.events, writer.duplicates)
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func manyEventsToAnInsertStoreWhatOneAtATimeStores(seed: UInt64) throws {
        let (earlier, batch) = Self.events(seed: seed)
        let one = try Self.store(earlier, batch, perInsert: 1)
        let many = try Self.store(earlier, batch, perInsert: 32)
        #expect(one.duplicates > 200 && one.events > 150, "the input mixes new events and copies: \(one.events) new, \(one.duplicates) copies")
        #expect(many.rows == one.rows)
        #expect(many.ids == one.ids, "rowids and where each row was first read")
        #expect(many.events == one.events)
        #expect(many.duplicates == one.duplicates)
        // The copy filled in its row's id before the new event with that id came: that event is a copy.
        #expect(one.rows.filter { $0.contains(#"event_id:"shared""#) }.count == 1)
        #expect(one.rows.contains { $0.contains("content_key:600") && $0.contains(#"event_id:"shared""#) })
        #expect(!one.rows.contains { $0.contains("content_key:602") })
    }
}
