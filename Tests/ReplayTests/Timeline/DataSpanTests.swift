import Foundation
import GRDB
import Testing
@testable import Replay

/// The span of the stored data is the first and last time of any event or counted line,
/// however it is looked up.
@Suite struct DataSpanTests {
    static func database(events: [(kind: String, at: Int64)], activity: [(first: Int64, last: Int64)]) throws -> ReplayDatabase {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("replay-span-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let database = try ReplayDatabase(path: folder.appendingPathComponent("t.sqlite").path)
        try database.queue.write { db in
            for (i, event) in events.enumerated() {
                try db.execute(sql: "INSERT INTO event (content_key, at_ms, kind, text, message) VALUES (?, ?, ?, '', '')",
                               arguments: [i, event.at, event.kind])
            }
            for (i, span) in activity.enumerated() {
                try db.execute(sql: "INSERT INTO stream_activity (log_stream, first_ms, last_ms) VALUES (?, ?, ?)",
                               arguments: ["s\(i)", span.first, span.last])
            }
        }
        return database
    }

    static let events: [(kind: String, at: Int64)] = [("app", 5_000), ("probe", 1_500), ("task_state", 9_000), ("app", 700),
                                                       ("service", 12_000), ("probe", 8_000), ("app", 11_999)]

    @Test func theSpanIsTheFirstAndLastEventOfAnyKind() throws {
        let database = try Self.database(events: Self.events, activity: [])
        let span = try TimelineSource.dataSpan(in: database)
        #expect(span.start == Timestamp(millis: 700) && span.end == Timestamp(millis: 12_000))
    }

    @Test func countedLinesWidenTheSpan() throws {
        let database = try Self.database(events: Self.events, activity: [(300, 2_000), (4_000, 15_000)])
        let span = try TimelineSource.dataSpan(in: database)
        #expect(span.start == Timestamp(millis: 300) && span.end == Timestamp(millis: 15_000))
    }

    @Test func theSpanIsTheSameWithoutTheKindIndex() throws {
        let database = try Self.database(events: Self.events, activity: [(900, 13_000)])
        let withIndex = try TimelineSource.dataSpan(in: database)
        try database.queue.write { try $0.execute(sql: "DROP INDEX event_kind_time") }
        let withoutIndex = try TimelineSource.dataSpan(in: database)
        #expect(withIndex.start == withoutIndex.start && withIndex.end == withoutIndex.end)
        #expect(withoutIndex.start == Timestamp(millis: 700) && withoutIndex.end == Timestamp(millis: 13_000))
    }

    @Test func anEmptyDatabaseHasNoSpan() throws {
        let database = try Self.database(events: [], activity: [])
        let span = try TimelineSource.dataSpan(in: database)
        #expect(span.start == nil && span.end == nil)
    }
}
