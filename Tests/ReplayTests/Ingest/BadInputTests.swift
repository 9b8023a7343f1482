import Foundation
import Testing
@testable import Replay

/// Every problem is named with file, line and kind; the good events around it are kept.
@Suite struct BadInputTests {
    @Test func aLineThatIsNotJSONIsNamedAndItsNeighboursKept() throws {
        let f = try IngestFixture()
        let s = try f.ingest(["bad/not-json.jsonl"])
        #expect(IngestFixture.messages(s) == [
            "bad/not-json.jsonl:2: not JSON (expected '{' at column 1, found 't')",
            "bad/not-json.jsonl:4: not JSON (unterminated string at column 41)",
        ])
        #expect(s.events == 3)
        #expect(s.rejectedLines == 2)
    }

    @Test func invalidUTF8IsNamed() throws {
        let f = try IngestFixture()
        let s = try f.ingest(["bad/invalid-utf8.jsonl"])
        #expect(IngestFixture.messages(s) == ["bad/invalid-utf8.jsonl:2: invalid UTF-8 (message is not valid UTF-8)"])
        #expect(s.events == 2)
    }

    @Test func aLineOverTheLimitIsNamedAndSkipped() throws {
        let f = try IngestFixture()
        var options = IngestOptions()
        options.maxLineBytes = 2048
        let s = try f.ingest(["bad/too-long.jsonl"], options: options)
        #expect(IngestFixture.messages(s) == ["bad/too-long.jsonl:2: line too long (longer than 2048 bytes; skipped)"])
        #expect(s.events == 2)
    }

    @Test func aTruncatedGzipKeepsEveryEventBeforeTheCut() throws {
        let f = try IngestFixture()
        let s = try f.ingest(["bad/truncated.jsonl.gz"])
        // The cut falls inside line 3: lines 1 and 2 are whole and kept.
        #expect(IngestFixture.messages(s) == ["bad/truncated.jsonl.gz:3: truncated gzip (stream ends before its end marker; events before the cut are kept)"])
        #expect(s.events == 2)
    }

    @Test func anEmptyFileIsNamed() throws {
        let f = try IngestFixture()
        let s = try f.ingest(["bad/empty.jsonl"])
        #expect(IngestFixture.messages(s) == ["bad/empty.jsonl: empty file (the file holds no bytes)"])
        #expect(s.events == 0)
    }

    @Test func badTimestampsAreNamedAndOutOfRangeOnesRefused() throws {
        let f = try IngestFixture()
        let s = try f.ingest(["bad/bad-timestamp.jsonl"])
        #expect(IngestFixture.messages(s) == [
            "bad/bad-timestamp.jsonl:2: bad timestamp (timestamp \"yesterday\" is not epoch milliseconds or ISO-8601 within 2000-2100)",
            "bad/bad-timestamp.jsonl:3: bad timestamp (timestamp 99999999999999999 is not epoch milliseconds or ISO-8601 within 2000-2100)",
        ])
        #expect(s.events == 2)
    }

    @Test func aMissingPathIsNamed() throws {
        let f = try IngestFixture()
        let s = try f.ingest(["no/such/file.jsonl"])
        #expect(s.files == 0)
        #expect(s.problems.first?.kind == .unreadable)
    }
}

/// A file of garbage is counted line by line but listed only up to a limit, so memory stays flat.
@Suite struct ProblemListingTests {
    @Test func problemsPastThePerFileLimitAreCountedNotListed() throws {
        let f = try IngestFixture()
        let path = f.folder.appendingPathComponent("garbage.jsonl")
        let good = #"{"timestamp":1774184000123,"logStream":"ecs/app/4b1f0c2e9a7d4e0f8d1c2b3a4f5e6d7c","message":"panic: boom"}"#
        try (String(repeating: "not json\n", count: 2500) + good + "\n").write(to: path, atomically: true, encoding: .utf8)
        let s = try Ingestor(database: f.database).ingest([path.path])
        #expect(s.rejectedLines == 2500)
        #expect(s.problems.count == IngestOptions.listedProblemsPerFile)
        #expect(s.problemCount == 2500)
        #expect(s.problemsByKind.first { $0.0 == .notJSON }?.1 == 2500)
        #expect(s.events == 1)
        #expect(try f.count("SELECT rejected_lines FROM ingested_file") == 2500)
    }
}
