import Foundation
import GRDB
import Testing
@testable import Replay

/// Copies of one event that know different things (a log group, an event id, or neither)
/// are stored as one row, and which copy the writer meets first changes nothing in it.
@Suite struct DuplicateCopiesTests {
    static let stream = "ecs/app/4b1f0c2e9a7d4e0f8d1c2b3a4f5e6d7c"

    /// One event as a shape hands it over: the same key and message, the group and id it carries.
    static func copy(key: Int64 = 42, group: String?, id: String?, text: String = "pool timed out") -> ParsedEvent {
        ParsedEvent(key: key, eventId: id, logGroup: group, logStream: stream, millis: 1_774_184_003_000, line: 1, message: text,
                    content: .app(AppLine(level: "error", text: text, configuration: nil, gauge: nil, innerTime: nil)))
    }

    /// Writes `events` in order, each in its own batch of its own file as readers hand them over,
    /// into a new database; the stored events (`IngestFixture.storedRows`).
    static func store(_ events: [ParsedEvent]) throws -> [String] {
        let f = try IngestFixture()
        let writer = EventWriter()
        try f.database.queue.writeWithoutTransaction { db in
            for (n, event) in events.enumerated() {
                writer.register(fileIndex: n, rowID: Int64(n + 1))
                var batch = EventBatch(fileIndex: n)
                batch.append(event)
                try writer.write(batch, db)
            }
            try writer.commit(db)
        }
        return try f.storedRows()
    }

    static func permutations<T>(_ items: [T]) -> [[T]] {
        guard items.count > 1 else { return [items] }
        return items.indices.flatMap { i in
            var rest = items
            let first = rest.remove(at: i)
            return permutations(rest).map { [first] + $0 }
        }
    }

    @Test func everyOrderOfCopiesThatDisagreeStoresTheSameRow() throws {
        // The shapes' copies of one event: S3 export text (neither), a filter-log-events document
        // (its folder's name as the group), Firehose and JSON lines (each with its own event id).
        let copies = [Self.copy(group: nil, id: nil), Self.copy(group: "merxex-app", id: "c1774184003000"),
                      Self.copy(group: "/ecs/merxex-exchange", id: "b1774184003000"),
                      Self.copy(group: "/ecs/merxex-exchange", id: "38165092134817263548172635481726354817263548172633")]
        let expected = try Self.store(copies)
        #expect(expected.count == 1)
        #expect(expected.first?.contains(#"event_id:"38165092134817263548172635481726354817263548172633""#) == true, "\(expected)")
        #expect(expected.first?.contains(#"log_group:"/ecs/merxex-exchange""#) == true, "\(expected)")
        for order in Self.permutations(copies) {
            #expect(try Self.store(order) == expected, "\(order.map { "\($0.logGroup ?? "-") \($0.eventId ?? "-")" })")
        }
    }

    @Test func aCopyWithAGroupFillsItInEvenWhenItsEventIdIsAnotherEventsAlready() throws {
        // The other event holds the id first; the copy's group must not be lost with the id it cannot take.
        let other = Self.copy(key: 7, group: "/ecs/other", id: "a1", text: "another line")
        for (firstId, storedId) in [(nil, "NULL"), ("b1", #""b1""#)] as [(String?, String)] {
            let stored = try Self.store([other, Self.copy(group: nil, id: firstId), Self.copy(group: "/ecs/merxex-exchange", id: "a1")])
            #expect(stored.count == 2)
            #expect(stored.first?.contains(#"content_key:7 event_id:"a1" log_group:"/ecs/other""#) == true, "\(stored)")
            #expect(stored.last?.contains(#"content_key:42 event_id:\#(storedId) log_group:"/ecs/merxex-exchange""#) == true, "\(stored)")
        }
    }
}
