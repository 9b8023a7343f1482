import Foundation
import Testing
@testable import Replay

/// The same event stored once, whatever file, shape or order it arrives in.
@Suite struct DedupTests {
    /// The six application events written in every shape.
    static let everyShape = ["shapes/b-firehose-lines.jsonl", "shapes/b-firehose-concatenated",
                             "shapes/merxex-app/c-filter-log-events.json", "shapes/exportedlogs",
                             "multimember/two-members.log.gz", "overlap/a-iso.jsonl.gz"]

    @Test func reingestingTheSameFilesAddsNothing() throws {
        let f = try IngestFixture()
        let first = try f.ingest(["shapes"])
        let stored = try f.count("SELECT COUNT(*) FROM event")
        let second = try f.ingest(["shapes"])
        #expect(first.events > 0)
        #expect(second.events == 0)
        #expect(second.filesUnchanged == first.files)
        #expect(try f.count("SELECT COUNT(*) FROM event") == stored)
    }

    @Test func overlappingExportsInEveryShapeStoreEachEventOnce() throws {
        let f = try IngestFixture()
        let s = try f.ingest(Self.everyShape)
        // 6 distinct events, 5 of them kept (one routine request line is counted only)
        #expect(s.events == 6)
        #expect(s.duplicates == 6 * Self.everyShape.count - 6)
        #expect(try f.count("SELECT COUNT(*) FROM event") == 5)
    }

    @Test func aLaterCopyFillsInTheLogGroupAnEarlierCopyLacked() throws {
        let f = try IngestFixture()
        _ = try f.ingest(["shapes/exportedlogs"])  // shape D: no group
        #expect(try f.count("SELECT COUNT(*) FROM event WHERE log_group IS NULL") == 5)
        _ = try f.ingest(["shapes/b-firehose-lines.jsonl"])
        #expect(try f.count("SELECT COUNT(*) FROM event WHERE log_group IS NULL") == 0)
    }

    /// The files of `shapes`: each holds the same events, with its own event ids (Firehose, JSON
    /// lines, filter-log-events), its own log group (a filter-log-events document's is its
    /// folder's name) or neither (S3 export text).
    static let shapeFiles = ["shapes/a-json-lines.jsonl", "shapes/b-firehose-concatenated", "shapes/b-firehose-lines.jsonl",
                             "shapes/exportedlogs", "shapes/merxex-app/c-filter-log-events.json"]

    @Test func theStoredRowsAreTheSameWhicheverShapesCopyArrivesFirst() throws {
        var expected: [String]?
        for first in Self.shapeFiles.indices {
            // Each file first, then the others forward or backward, one file per run (no reader threads to race).
            let others = Self.shapeFiles.enumerated().filter { $0.offset != first }.map(\.element)
            for rest in [others, others.reversed()] {
                let f = try IngestFixture()
                for file in [Self.shapeFiles[first]] + rest { _ = try f.ingest([file]) }
                let rows = try f.storedRows()
                #expect(rows.count == 8)
                if let expected {
                    #expect(rows == expected, "\([Self.shapeFiles[first]] + rest)")
                } else {
                    expected = rows
                }
            }
        }
        // Where copies disagree, the smaller value is kept: the JSON lines' event ids, the group they name.
        #expect(expected?.contains { $0.contains(#"event_id:"38165092134817263548172635481726354817263548172633" log_group:"/ecs/merxex-exchange""#) } == true,
                "\(expected ?? [])")
    }

    @Test func ingestOrderDoesNotChangeWhatIsStored() throws {
        let forward = try IngestFixture()
        _ = try forward.ingest(Self.everyShape)
        let backward = try IngestFixture()
        for file in Self.everyShape.reversed() { _ = try backward.ingest([file]) }
        #expect(try forward.storedKeys() == backward.storedKeys())
        #expect(try forward.count("SELECT COUNT(*) FROM event WHERE log_group IS NOT NULL")
                == backward.count("SELECT COUNT(*) FROM event WHERE log_group IS NOT NULL"))
    }
}

/// `analyze` reports on the inputs it was given: a run knows the span of its own files' events.
@Suite struct RunSpanTests {
    @Test func aRunsSpanCoversItsOwnFilesEvenWhenTheyWereAlreadyIngested() throws {
        let f = try IngestFixture()
        let first = try f.ingest(["shapes/a-json-lines.jsonl"])
        #expect(first.firstEventAt == Timestamp(millis: 1774155240000))  // the deployment event, 04:34:00
        #expect(first.lastEventAt == Timestamp(millis: 1774184040000))   // the probe, 12:54:00
        let other = try f.ingest(["multimember/two-members.log.gz"])
        #expect(other.firstEventAt == Timestamp(millis: 1774184000123))
        #expect(other.lastEventAt == Timestamp(millis: 1774184004001))
        let again = try f.ingest(["shapes/a-json-lines.jsonl"])
        #expect(again.filesUnchanged == 1)
        #expect(again.firstEventAt == first.firstEventAt)
        #expect(again.lastEventAt == first.lastEventAt)
    }
}
