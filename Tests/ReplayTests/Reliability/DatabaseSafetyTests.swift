import Foundation
import GRDB
import Testing
@testable import Replay
#if canImport(Glibc)
import Glibc
#endif

/// The database survives a full disk, overlapping writers and a second run, and names its path when it cannot go on.
///
/// Every transaction (a second's worth of batches, or one batch with `commitSeconds`
/// 0) also records the files' progress, so a failure mid-ingest leaves the last
/// committed batch and a resume point, never half a batch; the next run completes
/// to exactly what a clean run stores.
@Suite struct DatabaseSafetyTests {
    /// A file of `count` kept (ERROR) events.
    static func manyEvents(_ count: Int) -> (bytes: [UInt8], markers: [String]) {
        HostileWorkspace.validLines(count)
    }

    @Test func aFullDiskStopsTheIngestWithThePathAndTheNextRunCompletesIt() throws {
        let w = try HostileWorkspace()
        let (bytes, markers) = Self.manyEvents(6000)
        try w.write("many.jsonl", bytes)
        try w.fillDisk(after: 50)  // ~200 KB more
        var options = IngestOptions()
        options.batchSize = 500
        options.commitSeconds = 0  // every batch its own transaction, so some commit before the disk is full
        options.readers = 1
        #expect {
            _ = try w.ingest(options: options)
        } throws: { error in
            "\(error)".hasPrefix(w.database.path + ": ") && "\(error)".contains("full")
        }
        #expect(try w.database.queue.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") } == "ok")
        let stored = try w.count("SELECT COUNT(*) FROM event")
        let linesDone = try w.count("SELECT lines_done FROM ingested_file")
        #expect(stored > 0 && stored < 6000)
        // Committed together: the resume point never passes an uncommitted line.
        #expect(linesDone <= stored)
        #expect(linesDone == stored)

        try w.freeDisk()
        let second = try w.ingest(options: options)
        #expect(second.events == 6000 - stored)
        #expect(try w.foundMarkers() == markers.sorted())
        #expect(try w.count("SELECT COUNT(*) FROM ingested_file WHERE state = 'complete'") == 1)
        // the resumed file's counts add the second run's to the first's
        #expect(try w.count("SELECT events FROM ingested_file") == 6000)
    }

    @Test func twoIngestsAtOnceOnOneDatabaseStoreWhatOneStores() throws {
        let w = try HostileWorkspace()
        for file in 0..<6 { try w.write("f\(file).jsonl", Self.manyEvents(1500).bytes) }
        let path = w.database.path
        let options = { var o = IngestOptions(); o.batchSize = 400; return o }()
        let group = DispatchGroup()
        let results = ResultList()
        for _ in 0..<2 {
            group.enter()
            Thread {
                results.append(Result { try Ingestor(database: ReplayDatabase(path: path), options: options).ingest([w.input]) })
                group.leave()
            }.start()
        }
        group.wait()
        for result in results.all { #expect(throws: Never.self) { try result.get() } }
        let clean = try HostileWorkspace()
        _ = try Ingestor(database: clean.database).ingest([w.input])
        #expect(try w.count("SELECT COUNT(*) FROM event") == 9000)
        #expect(try w.foundMarkers() == clean.foundMarkers())
        #expect(try w.count("SELECT COUNT(*) FROM ingested_file WHERE state = 'complete'") == 6)
    }

    @Test func aSecondRunWaitsForTheLockAndThenGivesUpNamingTheHolder() throws {
        let w = try HostileWorkspace()
        let held = try DatabaseLock(databasePath: w.database.path, purpose: "ingesting", waitSeconds: 0)
        let started = Date()
        #expect {
            _ = try DatabaseLock(databasePath: w.database.path, purpose: "ingesting", waitSeconds: 0.3)
        } throws: { error in
            let text = "\(error)"
            return text.hasPrefix(w.database.path + ": another replay run (pid \(getpid()), ingesting since ")
                && text.contains("gave up after waiting 0 s")
        }
        #expect(Date().timeIntervalSince(started) >= 0.3)
        held.release()
        #expect(throws: Never.self) { _ = try DatabaseLock(databasePath: w.database.path, purpose: "ingesting", waitSeconds: 0) }
    }

    @Test func theLockFileBesideTheDatabaseIsNotReadAsInput() throws {
        let w = try HostileWorkspace()
        let lock = try DatabaseLock(databasePath: w.database.path, purpose: "ingesting", waitSeconds: 0)
        defer { lock.release() }
        let s = try Ingestor(database: w.database).ingest([w.folder.appendingPathComponent("db").path])
        #expect(s.files == 0)
        #expect(s.problems.isEmpty)
    }

    @Test(.enabled(if: getuid() != 0, "root may write into read-only folders"))
    func aReadOnlyFolderIsNamedBeforeAnythingIsWritten() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("replay-ro-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        chmod(folder.path, 0o555)
        defer { chmod(folder.path, 0o755) }
        let path = folder.appendingPathComponent("r.sqlite").path
        #expect {
            _ = try ReplayDatabase(path: path)
        } throws: { error in
            "\(error)" == "\(path): the database folder \(folder.path) is not writable (Permission denied)"
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    final class ResultList: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [Result<IngestSummary, Error>] = []
        func append(_ r: Result<IngestSummary, Error>) { lock.lock(); items.append(r); lock.unlock() }
        var all: [Result<IngestSummary, Error>] { lock.lock(); defer { lock.unlock() }; return items }
    }
}
