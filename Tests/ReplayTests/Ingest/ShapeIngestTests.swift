import Foundation
import GRDB
import Testing
@testable import Replay

/// Each export shape yields its events, with group, stream and typed messages intact.
@Suite struct ShapeIngestTests {
    @Test func jsonLinesWithCRLFAndNoFinalNewlineYieldEveryEvent() throws {
        let f = try IngestFixture()
        let s = try f.ingest(["shapes/a-json-lines.jsonl"])
        #expect(s.problems.isEmpty, "\(s.problems)")
        #expect(s.events == 9)
        #expect(s.shapes["A"] == 9)
        // 2 routine lines (startup INFO is kept as configuration; request INFO is counted only)
        #expect(try f.count("SELECT COUNT(*) FROM event") == 8)
        #expect(try f.count("SELECT COUNT(*) FROM task_state_change WHERE task_id = '4b1f0c2e9a7d4e0f8d1c2b3a4f5e6d7c' AND task_definition = 'merxex-exchange:15' AND last_status = 'STOPPED'") == 1)
        #expect(try f.count("SELECT COUNT(*) FROM service_event WHERE event_name = 'SERVICE_DEPLOYMENT_IN_PROGRESS' AND deployment_id = 'ecs-svc/5163846224357213640'") == 1)
        #expect(try f.count("SELECT COUNT(*) FROM probe_result WHERE status = 0 AND path = '/health' AND error = 'connection refused'") == 1)
        #expect(try f.count("SELECT COUNT(*) FROM task_configuration WHERE environment = 'development' AND version = '0.1.0' AND playground = 1") == 1)
        #expect(try f.count("SELECT COUNT(*) FROM event WHERE kind = 'app' AND message LIKE '%\"rss_mb\":1711%'") == 1)
        #expect(try f.count("SELECT COUNT(*) FROM stream_activity WHERE task_id = '4b1f0c2e9a7d4e0f8d1c2b3a4f5e6d7c' AND routine_lines = 1") == 1)
    }

    @Test func taskStateChangeKeepsEveryContainerAndTheStopDetails() throws {
        let f = try IngestFixture()
        _ = try f.ingest(["shapes/a-json-lines.jsonl"])
        let row = try f.database.queue.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM task_state_change")
        }
        let containers = try JSONDecoder().decode([ContainerState].self, from: Data((row?["containers_json"] as String? ?? "[]").utf8))
        #expect(containers.map(\.name) == ["log_router", "app"])
        #expect(containers.last?.exitCode == 137)
        #expect(containers.last?.reason == "OutOfMemoryError: Container killed due to memory usage")
        #expect(row?["stopped_at_ms"] as Int64? == Timestamp(iso8601: "2026-03-22T12:53:04.9Z")?.millis)
        #expect(row?["stop_code"] as String? == "EssentialContainerExited")
        #expect(row?["health_status"] as String? == "UNHEALTHY")
    }

    @Test func firehoseRecordsOnePerLineSkipTheControlMessage() throws {
        let f = try IngestFixture()
        let s = try f.ingest(["shapes/b-firehose-lines.jsonl"])
        #expect(s.problems.isEmpty, "\(s.problems)")
        #expect(s.events == 6)
        #expect(try f.count("SELECT COUNT(*) FROM event WHERE message LIKE 'CWL CONTROL%'") == 0)
        #expect(try f.count("SELECT COUNT(*) FROM event WHERE log_group = '/ecs/merxex-exchange'") == 5)
    }

    @Test func firehoseRecordsConcatenatedInAGzipWithoutExtensionAreAllRead() throws {
        let f = try IngestFixture()
        let s = try f.ingest(["shapes/b-firehose-concatenated"])
        #expect(s.problems.isEmpty, "\(s.problems)")
        #expect(s.events == 6)
        #expect(s.shapes["B"] == 3)
    }

    @Test func prettyFilterLogEventsDocumentTakesItsGroupFromTheFolder() throws {
        let f = try IngestFixture()
        let s = try f.ingest(["shapes/merxex-app/c-filter-log-events.json"])
        #expect(s.problems.isEmpty, "\(s.problems)")
        #expect(s.events == 6)
        #expect(try f.count("SELECT COUNT(*) FROM event WHERE log_group = 'merxex-app'") == 5)
    }

    @Test func filterLogEventsDocumentTakesTheGroupFromTheOptionWhenGiven() throws {
        let f = try IngestFixture()
        var options = IngestOptions()
        options.logGroup = "/ecs/merxex-exchange"
        _ = try f.ingest(["shapes/merxex-app/c-filter-log-events.json"], options: options)
        #expect(try f.count("SELECT COUNT(*) FROM event WHERE log_group = '/ecs/merxex-exchange'") == 5)
    }

    @Test func s3ExportTakesTheStreamWithItsSlashesFromThePath() throws {
        let f = try IngestFixture()
        let s = try f.ingest(["shapes/exportedlogs"])
        #expect(s.problems.isEmpty, "\(s.problems)")
        #expect(s.events == 6)
        #expect(try f.count("SELECT COUNT(*) FROM event WHERE log_stream = 'ecs/app/4b1f0c2e9a7d4e0f8d1c2b3a4f5e6d7c' AND task_id = '4b1f0c2e9a7d4e0f8d1c2b3a4f5e6d7c'") == 5)
    }

    @Test func multiMemberGzipIsReadToTheEnd() throws {
        let f = try IngestFixture()
        let s = try f.ingest(["multimember/two-members.log.gz"])
        #expect(s.problems.isEmpty, "\(s.problems)")
        #expect(s.events == 6)
    }

    @Test func hiddenAndSQLiteFilesInAFolderAreSkipped() throws {
        // Both decoys are really there (a fixture lost to .gitignore would make this pass vacuously).
        #expect(FileManager.default.fileExists(atPath: IngestFixture.path("skipped/replay.sqlite")))
        #expect(FileManager.default.fileExists(atPath: IngestFixture.path("skipped/.hidden.jsonl")))
        let f = try IngestFixture()
        let s = try f.ingest(["skipped"])
        #expect(s.files == 1)
        #expect(s.events == 1)
        #expect(s.problems.isEmpty)
    }
}

/// Probe results as monitors really write them.
@Suite struct ProbeVariantTests {
    @Test(arguments: [#"{"check":"health","url":"https://x.example.com/health","status":"503"}"#,
                      #"{"check":"health","url":"https://x.example.com/health","status_code":503}"#])
    func aStatusWrittenAsAStringOrAsStatusCodeIsStillAProbe(message: String) {
        var copy = message
        let content = copy.withUTF8 { MessageReader.read($0, at: Timestamp(millis: 1_774_184_000_000)) }
        guard case let .probe(p) = content else { Issue.record("not a probe: \(content)"); return }
        #expect(p.status == 503)
        #expect(p.path == "/health")
        #expect(!p.succeeded)
    }
}
