import Foundation
import GRDB
import Testing
@testable import Analytics
@testable import Replay

/// A gauge line is stored once, as an event; a crash's gauges are read from its task's stored
/// lines in the signal window, as the ingest read them (`SignalCollector.gaugeSample`).
@Suite struct StoredGaugeTests {
    static let task = "4b1f0c2e9a7d4e0f8d1c2b3a4f5e6d7c"
    static let other = "9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a49"
    /// The crash: 2026-03-22T12:53:04Z.
    static let stop = Timestamp(iso8601: "2026-03-22T12:53:04Z")!

    /// One CloudWatch event of `task`'s app stream, `secondsBefore` the stop.
    static func event(_ message: String, task: String = task, secondsBefore: Int64) -> String {
        let encoded = String(decoding: try! JSONEncoder().encode(message), as: UTF8.self)
        let ms = stop.adding(seconds: -secondsBefore).millis
        return #"{"timestamp":\#(ms),"logGroup":"/ecs/merxex-exchange","logStream":"ecs/app/\#(task)","message":\#(encoded)}"#
    }

    static func crash(at: Timestamp) -> CrashRecord {
        CrashRecord(id: "C1", taskId: task, at: at, exitCode: 137, containerReason: nil, stopCode: "EssentialContainerExited",
                    stoppedReason: nil, healthCheckKill: false, sinceDeploymentSeconds: nil, inferred: false)
    }

    /// A folder holding `lines` as one export, ingested into a new database there.
    static func ingested(_ lines: [String]) throws -> (folder: URL, database: ReplayDatabase) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("replay-gauges-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("export.jsonl")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: file)
        let database = try ReplayDatabase(path: folder.appendingPathComponent("replay.sqlite").path)
        let summary = try Ingestor(database: database).ingest([file.path])
        #expect(summary.problems.isEmpty, "\(summary.problems)")
        return (folder, database)
    }

    @Test func aCrashsGaugesAreItsTasksGaugeLinesInTheWindowInTimeOrder() throws {
        let (folder, database) = try Self.ingested([
            Self.event(#"{"level":"INFO","fields":{"message":"memory","rss_mb":900,"limit_mb":2048}}"#, secondsBefore: 2_000),
            Self.event(#"{"level":"INFO","fields":{"message":"memory","rss_mb":1500,"limit_mb":2048}}"#, secondsBefore: 120),
            Self.event(#"{"level":"INFO","fields":{"message":"request completed","status":200}}"#, secondsBefore: 90),
            Self.event(#"{"level":"INFO","fields":{"message":"db pool","size":20,"idle":0,"waiting":7}}"#, secondsBefore: 60),
            Self.event(#"{"level":"INFO","fields":{"message":"memory","rss_mb":1990,"limit_mb":2048}}"#, task: Self.other, secondsBefore: 50),
            Self.event(#"{"level":"ERROR","fields":{"message":"allocation failed"}}"#, secondsBefore: 30),
            Self.event(#"{"level":"info","msg":"memory","heap_mb":2000.5,"limit_mb":2048}"#, secondsBefore: 10),
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let signals = try SignalCollector(windowSeconds: 900).signals(for: [Self.crash(at: Self.stop)], timeline: Timeline(), database: database)
        let gauges = try #require(signals.first).gauges
        #expect(gauges == [
            GaugeSample(at: Self.stop.adding(seconds: -120), kind: .memory, fields: ["rss_mb": 1500, "limit_mb": 2048]),
            GaugeSample(at: Self.stop.adding(seconds: -60), kind: .pool, fields: ["size": 20, "idle": 0, "waiting": 7]),
            GaugeSample(at: Self.stop.adding(seconds: -10), kind: .memory, fields: ["heap_mb": 2000.5, "limit_mb": 2048]),
        ])
        // The gauge lines are evidence lines like any other kept line of the task; the routine one is not stored.
        #expect(signals.first?.lastLines.count == 4)
    }

    @Test func anIngestWritesNoGaugeRowAndAnOlderDatabaseLosesItsGaugeTable() throws {
        let (folder, database) = try Self.ingested([
            Self.event(#"{"level":"INFO","fields":{"message":"memory","rss_mb":1500,"limit_mb":2048}}"#, secondsBefore: 120),
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let tables = try database.queue.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE name LIKE 'gauge%'")
        }
        #expect(tables.isEmpty)

        // A database made before the gauges were read from their events: its table goes, its events stay.
        let old = folder.appendingPathComponent("old.sqlite").path
        let queue = try DatabaseQueue(path: old)
        try Schema.migrator.migrate(queue, upTo: "v4: the dedup key indexed after the event's time")
        #expect(try queue.read { try Bool.fetchOne($0, sql: "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'gauge')") } == true)
        try queue.close()
        let reopened = try ReplayDatabase(path: old)
        #expect(try reopened.queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM sqlite_master WHERE name LIKE 'gauge%'") } == 0)
    }

    @Test func aLineThatIsNoGaugeGivesNoSample() {
        let at = Self.stop
        #expect(SignalCollector.gaugeSample(at: at, message: #"{"level":"ERROR","fields":{"message":"pool timed out","size":20}}"#) == nil)
        #expect(SignalCollector.gaugeSample(at: at, message: "thread 'main' panicked at src/main.rs:10:5") == nil)
        #expect(SignalCollector.gaugeSample(at: at, message: #"{"check":"health","status":200}"#) == nil)
        #expect(SignalCollector.gaugeSample(at: at, message: #"{"level":"WARN","rss_mb":1900,"limit_mb":2048}"#)
                == GaugeSample(at: at, kind: .memory, fields: ["rss_mb": 1900, "limit_mb": 2048]))
    }
}
