import CSQLiteTuning
import Foundation
import GRDB
import Testing
@testable import Replay

/// The writer's own SQLite plumbing: text bound in place (`BoundStatement`, `TextArena`), the
/// checkpoint that runs beside the index build (`BackgroundCheckpoint`), the bulk load's settings.
@Suite struct WriterBindingTests {
    @Test func boundTextIsStoredAsGRDBStoresIt() throws {
        let f = try IngestFixture()
        let texts = ["", "plain", "café 日本", "up to\u{0}a NUL", String(repeating: "long ", count: 10_000), "after the long one"]
        try f.database.queue.write { db in
            try db.execute(sql: "CREATE TABLE bound (n INTEGER, a TEXT, b TEXT, c TEXT)")
            try db.execute(sql: "CREATE TABLE grdb (n INTEGER, a TEXT, b TEXT, c TEXT)")
            let statement = try BoundStatement(db, sql: "INSERT INTO bound (n, a, b, c) VALUES (?, ?, ?, ?)")
            for (n, text) in texts.enumerated() {
                // Three texts per row, the long one among them: the arena grows while earlier binds
                // still point into its first chunk.
                let others = (texts[(n + 1) % texts.count], texts[(n + 4) % texts.count])
                statement.bind(n, at: 1)
                statement.bind(text, at: 2)
                statement.bind(others.0, at: 3)
                statement.bind(others.1, at: 4)
                try statement.execute(db)
                try db.execute(sql: "INSERT INTO grdb (n, a, b, c) VALUES (?, ?, ?, ?)", arguments: [n, text, others.0, others.1])
            }
            let bound = try Row.fetchAll(db, sql: "SELECT a, b, c, length(a) FROM bound ORDER BY n")
            let grdb = try Row.fetchAll(db, sql: "SELECT a, b, c, length(a) FROM grdb ORDER BY n")
            #expect(bound.count == texts.count)
            #expect(bound == grdb)
            #expect(bound[3][0] as String == "up to")  // a C string, as GRDB binds it
        }
    }

    @Test func aNilIsBoundAsNullAfterATextInTheSamePlace() throws {
        let f = try IngestFixture()
        try f.database.queue.write { db in
            try db.execute(sql: "CREATE TABLE t (n INTEGER, a TEXT)")
            let statement = try BoundStatement(db, sql: "INSERT INTO t (n, a) VALUES (?, ?)")
            statement.bind(1, at: 1)
            statement.bind("text" as String?, at: 2)
            try statement.execute(db)
            statement.bind(2, at: 1)
            statement.bind(nil as String?, at: 2)
            try statement.execute(db)
            #expect(try Row.fetchAll(db, sql: "SELECT a FROM t ORDER BY n").map { $0[0] as String? } == ["text", nil])
        }
    }

    @Test func theBackgroundCheckpointCopiesCommittedRowsIntoTheDatabaseFile() throws {
        let f = try IngestFixture()
        let path = f.database.path
        try f.database.queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 0")  // as during a bulk load: everything stays in the WAL
            try db.inTransaction {
                try db.execute(sql: "CREATE TABLE t (n INTEGER)")
                for n in 0..<5_000 { try db.execute(sql: "INSERT INTO t (n) VALUES (?)", arguments: [n]) }
                return .commit
            }
            // Only the WAL holds the rows yet: a copy of the main file alone has no table `t`.
            #expect(try Self.rowsInMainFileAlone(path) == nil)
            let checkpoint = BackgroundCheckpoint(path: path)
            checkpoint.wait()
            checkpoint.wait()  // waiting again returns at once
            #expect(try Self.rowsInMainFileAlone(path) == 5_000)
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 1000")
        }
    }

    @Test func aDatabaseClosesOnlyAfterItsBackgroundCheckpointAndLeavesNoWAL() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("replay-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("t.sqlite").path
        var database: ReplayDatabase? = try ReplayDatabase(path: path)
        try database!.queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 0")
            try db.inTransaction {
                try db.execute(sql: "CREATE TABLE t (n INTEGER, padding TEXT)")
                for n in 0..<20_000 { try db.execute(sql: "INSERT INTO t VALUES (?, ?)", arguments: [n, String(repeating: "x", count: 200)]) }
                return .commit
            }
        }
        let checkpoint = database!.checkpointInBackground()
        checkpoint.wait()
        // Nobody was using the WAL: the checkpoint emptied it, so closing has nothing to drop.
        let walSize = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? nil
        #expect(walSize == 0, "WAL of \(walSize.map(String.init) ?? "none") bytes left for the close")
        try database!.queue.writeWithoutTransaction { db in
            try db.inTransaction {
                for n in 0..<20_000 { try db.execute(sql: "INSERT INTO t VALUES (?, ?)", arguments: [n, String(repeating: "y", count: 200)]) }
                return .commit
            }
        }
        let second = database!.checkpointInBackground()
        database = nil  // as `analyze` ends: the checkpoint may still be copying
        #expect(second.isFinished, "closing waited for the checkpoint, so exiting now would not cut it short")
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"), "the last connection found the WAL copied and removed it")
        #expect(try Self.rowsInMainFileAlone(path) == 40_000)
    }

    @Test func theDatabaseFileIsFlushedThroughSQLitesOwnHandle() throws {
        let f = try IngestFixture()
        try f.database.queue.writeWithoutTransaction { db in
            try db.execute(sql: "CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (1)")
            #expect(replay_sqlite_sync_main_file(db.sqliteConnection) == 0)
            // The connection's locks survive the flush (a separate open and close of the file would drop them).
            try db.inTransaction {
                try db.execute(sql: "INSERT INTO t VALUES (2)")
                return .commit
            }
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM t") == 2)
        }
    }

    /// `secure_delete` and foreign keys are off during a load, and the index build sorts through files on disk
    /// with a small cache (`EventWriter.endBulkLoad`): each is as it was afterwards.
    @Test func anIngestLeavesTheConnectionsSettingsAsItFoundThem() throws {
        let f = try IngestFixture()
        let settings = ["secure_delete", "temp_store", "cache_size", "foreign_keys"]
        func read() throws -> [Int?] {
            try f.database.queue.read { db in try settings.map { try Int.fetchOne(db, sql: "PRAGMA \($0)") } }
        }
        let before = try read()
        #expect(before[1] == 2)  // MEMORY, as the database opens
        #expect(before[3] == 1)  // GRDB enforces foreign keys; a load turns them off, then on again
        let summary = try f.ingest(["shapes/a-json-lines.jsonl"])
        #expect(summary.events > 0)
        #expect(try read() == before)
    }

    /// The rows of `t` in a copy of the database file without its WAL; nil when it has no table `t`.
    static func rowsInMainFileAlone(_ path: String) throws -> Int? {
        let copy = path + ".copy-\(UUID().uuidString)"
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        defer { try? FileManager.default.removeItem(atPath: copy) }
        let queue = try DatabaseQueue(path: copy)
        return try queue.read { db in
            guard try db.tableExists("t") else { return nil }
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM t")
        }
    }
}
