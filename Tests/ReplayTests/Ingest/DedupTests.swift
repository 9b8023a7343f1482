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

    /// A routine line whose message is exported with quotes as its only escapes is known, and
    /// keyed, from those bytes without decoding them (`EscapedRoutineTemplate`); the same lines
    /// exported with other escapes are decoded first. They are the same lines all the same.
    @Test func routineLinesKnownFromTheirEscapedBytesAreTheLinesTheirDecodedCopiesAre() throws {
        let f = try IngestFixture()
        func line(_ n: Int, escapingSlashes: Bool) -> String {
            let message = #"{"timestamp":"2026-03-22T00:00:\#(10 + n).5Z","level":"INFO","fields":{"message":"request completed","path":"/api/v1/orders/\#(n)","status":200,"latency_ms":\#(n * 7)},"target":"merxex::http"}"#
            var escaped = message.replacingOccurrences(of: "\"", with: "\\\"")
            if escapingSlashes { escaped = escaped.replacingOccurrences(of: "/", with: "\\/") }
            return #"{"timestamp":\#(1_774_137_610_000 + n * 1000),"logGroup":"/ecs/app","logStream":"ecs/app/4b1f0c2e9a7d4e0f8d1c2b3a4f5e6d7c","message":"\#(escaped)"}"#
        }
        let plain = f.folder.appendingPathComponent("plain.jsonl"), slashes = f.folder.appendingPathComponent("slashes.jsonl")
        try (0..<40).map { line($0, escapingSlashes: false) }.joined(separator: "\n").write(to: plain, atomically: true, encoding: .utf8)
        try (0..<40).map { line($0, escapingSlashes: true) }.joined(separator: "\n").write(to: slashes, atomically: true, encoding: .utf8)
        let s = try Ingestor(database: f.database).ingest([plain.path, slashes.path])
        #expect(s.problems.isEmpty, "\(s.problems)")
        #expect(s.events == 40 && s.duplicates == 40)
        #expect(try f.count("SELECT routine_lines FROM stream_activity") == 40)
        #expect(try f.count("SELECT COUNT(*) FROM event") == 0)
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
