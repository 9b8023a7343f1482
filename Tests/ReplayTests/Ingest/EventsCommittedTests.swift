import Foundation
import GRDB
import Testing
@testable import Replay

/// `Ingestor.whenEventsCommitted` is how `analyze` reads the timeline beside the end of a load:
/// it must come once, when another connection already sees every event, with the summary's span.
@Suite struct EventsCommittedTests {
    @Test func theHookComesOnceWithTheSpanWhenAnotherConnectionSeesEveryEvent() throws {
        let f = try IngestFixture()
        let ingestor = Ingestor(database: f.database)
        var calls: [(Timestamp?, Timestamp?, Int)] = []
        ingestor.whenEventsCommitted = { first, last in
            // A separate read-only connection, as `analyze` opens: what it sees now is what is committed.
            let seen = (try? ReplayDatabase(path: f.database.path, readOnly: true).queue.read {
                try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM event")
            }) ?? nil
            calls.append((first, last, seen ?? -1))
        }
        let summary = try ingestor.ingest([IngestFixture.path("shapes/a-json-lines.jsonl")])
        let stored = try f.count("SELECT COUNT(*) FROM event")
        #expect(stored > 0)
        #expect(calls.count == 1)
        #expect(calls.first?.0 == summary.firstEventAt && calls.first?.1 == summary.lastEventAt)
        #expect(summary.firstEventAt != nil)
        #expect(calls.first?.2 == stored, "every stored event was committed before the hook")
    }

    @Test func aRunOfOnlyUnchangedFilesStillGivesTheirSpan() throws {
        let f = try IngestFixture()
        let first = try f.ingest(["shapes/a-json-lines.jsonl"])
        let ingestor = Ingestor(database: f.database)
        var span: (Timestamp?, Timestamp?)?
        ingestor.whenEventsCommitted = { span = ($0, $1) }
        let again = try ingestor.ingest([IngestFixture.path("shapes/a-json-lines.jsonl")])
        #expect(again.filesUnchanged == 1)
        #expect(span?.0 == first.firstEventAt && span?.1 == first.lastEventAt)
    }
}
