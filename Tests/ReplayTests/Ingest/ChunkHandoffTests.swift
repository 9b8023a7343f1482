import Foundation
import GRDB
import Testing
@testable import Replay

/// A reader thread with no file left parses runs of another file's records (`RecordChunk`),
/// and what is stored, counted and reported is what one thread reading alone gives.
@Suite struct ChunkHandoffTests {
    /// One JSON-lines file: routine lines from three streams, a kept ERROR line every 7th,
    /// a probe every 11th, a line that is not JSON every 500th, one too long every 777th and
    /// one not JSON right after it, and some routine repeats.
    static func mixedFile(lines: Int) -> [UInt8] {
        var text = ""
        let streams = ["ecs/app/4b1f0c2e9a7d4e0f8d1c2b3a4f5e6d7c", "ecs/app/0017cdaaa49664afb4f65935c131bb41",
                       "ecs/app/9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b"]
        for n in 0..<lines {
            let at = 1_774_184_000_000 + Int64(n / 3) * 250  // every time three times: repeats at the same millisecond
            let stream = streams[n % 3]
            if n % 500 == 499 || n % 777 == 776 {
                text += "not json at \(n)\n"
            } else if n % 777 == 775 {
                text += "{\"message\":\"" + String(repeating: "x", count: 3000) + "\"}\n"  // past `maxLineBytes`
            } else if n % 11 == 0 {
                text += #"{"timestamp":\#(at),"logGroup":"/monitoring/heartbeat","logStream":"exchange-prober/us-east-1","message":"{\"check\":\"health\",\"url\":\"https://x.example.com/health\",\"status\":\#(n % 4 == 0 ? 503 : 200),\"latency_ms\":\#(n % 90)}"}"#
                text += "\n"
            } else if n % 7 == 0 {
                text += #"{"timestamp":\#(at),"logGroup":"/ecs/x","logStream":"\#(stream)","message":"{\"level\":\"ERROR\",\"fields\":{\"message\":\"request failed \#(n)\"}}"}"#
                text += "\n"
            } else {
                let path = n % 13 == 0 ? "/same" : "/api/\(n)"  // `/same` lines repeat: counted once
                text += #"{"timestamp":\#(n % 13 == 0 ? 1_774_184_000_000 : at),"logGroup":"/ecs/x","logStream":"\#(stream)","message":"{\"level\":\"INFO\",\"fields\":{\"message\":\"request completed\",\"path\":\"\#(path)\",\"status\":200}}"}"#
                text += "\n"
            }
        }
        return Array(text.utf8)
    }

    /// Two reader threads handing each other small chunks often, so a small file is shared.
    static func twoThreads(chunkRecords: Int, idleCheckInterval: Int, batchSize: Int) -> IngestOptions {
        var options = IngestOptions()
        options.readers = 2
        options.chunkRecords = chunkRecords
        options.idleCheckInterval = idleCheckInterval
        options.batchSize = batchSize
        return options
    }

    /// Everything an ingest leaves that must not depend on how the work was split.
    static func outcome(_ w: HostileWorkspace, _ summary: IngestSummary) throws -> [String] {
        try w.database.queue.read { db in
            let events = try Row.fetchAll(db, sql: """
                SELECT content_key, event_id, log_group, log_stream, at_ms, kind, task_id, level, text, message, line
                FROM event ORDER BY content_key
                """).map(\.description)
            let probes = try Row.fetchAll(db, sql: "SELECT check_name, status, latency_ms, at_ms FROM probe_result ORDER BY at_ms, latency_ms")
                .map(\.description)
            let activity = try Row.fetchAll(db, sql: "SELECT * FROM stream_activity ORDER BY log_stream").map(\.description)
            let files = try Row.fetchAll(db, sql: """
                SELECT state, lines_done, events, duplicates, rejected_lines, first_ms, last_ms FROM ingested_file
                """).map(\.description)
            return events + probes + activity + files
                + summary.problems.map { "\($0.line) \($0.kind) \($0.detail)" }
                + ["events \(summary.events) duplicates \(summary.duplicates) shapes \(summary.shapes.sorted { $0.key < $1.key })"]
        }
    }

    @Test func aFileParsedWithHelpStoresCountsAndReportsWhatOneThreadDoes() throws {
        let bytes = Self.mixedFile(lines: 6000)
        let alone = try HostileWorkspace()
        try alone.write("one.jsonl", bytes)
        var one = IngestOptions()
        one.readers = 1
        one.maxLineBytes = 2000
        let aloneSummary = try alone.ingest(options: one)
        #expect(aloneSummary.helpedRecords == 0)

        let helped = try HostileWorkspace()
        try helped.write("one.jsonl", bytes)
        var two = Self.twoThreads(chunkRecords: 40, idleCheckInterval: 8, batchSize: 300)
        two.maxLineBytes = 2000
        let helpedSummary = try helped.ingest(options: two)
        #expect(helpedSummary.helpedRecords > 0, "the second thread had no file of its own and should have helped")
        #expect(try Self.outcome(helped, helpedSummary) == Self.outcome(alone, aloneSummary))
        #expect(aloneSummary.problems.count == 26 && aloneSummary.duplicates > 0)
    }

    /// Subscription records (shape B: several events a line) and S3 export text (shape D: the
    /// stream from the file's path) are whole lines too, parsed by the helping thread as well.
    @Test(arguments: ["B", "D"])
    func otherWholeLineShapesParsedWithHelpGiveWhatOneThreadGives(shape: String) throws {
        func iso(_ millis: Int64) -> String { Timestamp(millis: millis).iso8601 }
        var text = ""
        for n in 0..<3000 {
            let at = 1_774_184_000_000 + Int64(n) * 400
            let level = n % 9 == 0 ? "ERROR" : "INFO"
            let message = #"{"level":"\#(level)","fields":{"message":"request \#(n % 9 == 0 ? "failed" : "completed")","path":"/api/\#(n % 50)"}}"#
            if shape == "B" {
                let escaped = message.replacingOccurrences(of: "\"", with: "\\\"")
                let events = (0..<3).map { k in #"{"id":"b\#(n)-\#(k)","timestamp":\#(at + Int64(k)),"message":"\#(escaped)"}"# }
                text += #"{"messageType":"DATA_MESSAGE","owner":"1","logGroup":"/ecs/x","logStream":"ecs/app/4b1f0c2e9a7d4e0f8d1c2b3a4f5e6d7c","subscriptionFilters":["s"],"logEvents":[\#(events.joined(separator: ","))]}"#
            } else {
                text += "\(iso(at)) \(message)"
            }
            text += n % 400 == 399 ? "\nnot an event\n" : "\n"
        }
        let name = shape == "B" ? "firehose.jsonl" : "exportedlogs/0b3c7f9e-1d2a-4c5b-8e6f-7a8b9c0d1e2f/ecs/app/4b1f0c2e9a7d4e0f8d1c2b3a4f5e6d7c/000000"
        var outcomes: [[String]] = []
        var helped = 0
        for options in [{ var o = IngestOptions(); o.readers = 1; return o }(), Self.twoThreads(chunkRecords: 30, idleCheckInterval: 6, batchSize: 250)] {
            let w = try HostileWorkspace()
            try w.write(name, Array(text.utf8))
            let summary = try w.ingest(options: options)
            helped = summary.helpedRecords
            #expect(summary.shapes == [shape: 3000] && summary.problems.count == 7)
            outcomes.append(try Self.outcome(w, summary))
        }
        #expect(helped > 0)
        #expect(outcomes[0] == outcomes[1])
    }

    /// A failure mid-load with chunks in flight: the file's resume point never passes a line whose
    /// events are not stored, and the next run stores exactly the rest.
    @Test func aLoadStoppedWithChunksInFlightResumesExactly() throws {
        let w = try HostileWorkspace()
        let (bytes, markers) = HostileWorkspace.validLines(6000)
        try w.write("many.jsonl", bytes)
        try w.fillDisk(after: 50)
        var options = Self.twoThreads(chunkRecords: 50, idleCheckInterval: 10, batchSize: 200)
        options.commitSeconds = 0
        #expect(throws: (any Error).self) { _ = try w.ingest(options: options) }
        let stored = try w.count("SELECT COUNT(*) FROM event")
        let linesDone = try w.count("SELECT lines_done FROM ingested_file")
        #expect(stored > 0 && stored < 6000)
        // One kept event per line, stored in file order: the resume point is exactly what is stored.
        #expect(linesDone == stored)

        try w.freeDisk()
        let second = try w.ingest(options: options)
        #expect(second.events == 6000 - stored)
        #expect(try w.foundMarkers() == markers.sorted())
        #expect(try w.count("SELECT events FROM ingested_file") == 6000)
    }

    @Test func theSequencerHandsOnEachFilesBatchesInOrder() {
        func batch(_ file: Int, _ sequence: Int) -> EventBatch {
            var b = EventBatch(fileIndex: file)
            b.sequence = sequence
            return b
        }
        var sequencer = BatchSequencer()
        let order: [(Int, Int)] = [(0, 2), (1, 0), (0, 0), (0, 3), (1, 2), (0, 1), (1, 1)]
        var written: [String] = []
        for (file, sequence) in order {
            written += sequencer.arrange(batch(file, sequence)).map { "\($0.fileIndex).\($0.sequence)" }
        }
        #expect(written == ["1.0", "0.0", "0.1", "0.2", "0.3", "1.1", "1.2"])
        #expect(sequencer.waitingCount == 0)
    }

    @Test func aChunkIsWantedOnlyByAThreadWithNoFileAndNoneQueued() {
        let exchange = ChunkExchange(readers: 2)
        #expect(!exchange.wantsChunk)  // both threads still read files
        exchange.readerFinished()
        #expect(exchange.wantsChunk)
        let chunk = RecordChunk(fileIndex: 0, context: ShapeContext(path: "f", displayPath: "f", logGroupOverride: nil),
                                skipThroughLine: 0, sequence: 1)
        exchange.offer(chunk)
        #expect(!exchange.wantsChunk)  // one is queued for it
        #expect(exchange.take()?.sequence == 1)
        #expect(exchange.wantsChunk)
        exchange.readerFinished()  // the last reading thread is done: nothing more will come
        #expect(exchange.take() == nil)
    }
}
