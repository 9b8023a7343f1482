import Foundation
import GRDB
import Testing
@testable import Replay

/// A big load commits through a rollback journal and leaves the database in WAL mode
/// (`BulkLoadJournal`); a small one, or one beside another connection, stays in WAL mode.
@Suite struct BulkLoadJournalTests {
    /// Big enough to drop the secondary indexes (`DeferredIndexes.shouldDefer`) on an empty database.
    static let bigLoad: Int64 = 100 << 20

    static func journalMode(_ db: Database) throws -> String? {
        try String.fetchOne(db, sql: "PRAGMA journal_mode")
    }

    @Test func aBigLoadCommitsThroughARollbackJournalAndEndsInWALMode() throws {
        let f = try IngestFixture()
        let path = f.database.path
        let writer = EventWriter()
        try f.database.queue.writeWithoutTransaction { db in
            #expect(try Self.journalMode(db) == "wal")
            try writer.beginBulkLoad(db, inputBytes: Self.bigLoad)
            #expect(writer.inRollbackJournal)
            #expect(try Self.journalMode(db) == "truncate")
            try db.inTransaction {
                try db.execute(sql: "CREATE TABLE t (n INTEGER)")
                for n in 0..<2_000 { try db.execute(sql: "INSERT INTO t (n) VALUES (?)", arguments: [n]) }
                return .commit
            }
            // Committed straight into the file: nothing waits in a WAL.
            #expect(try WriterBindingTests.rowsInMainFileAlone(path) == 2_000)
            try writer.leaveRollbackJournal(db)
            #expect(!writer.inRollbackJournal)
            #expect(try Self.journalMode(db) == "wal")
            try writer.endBulkLoad(db)
            #expect(try Self.journalMode(db) == "wal")
            let indexes = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index'")
            #expect(DeferredIndexes.all.allSatisfy { indexes.contains($0.name) })
        }
        #expect(!FileManager.default.fileExists(atPath: path + "-journal"), "the rollback journal was left beside the database")
    }

    /// A load that fails before its end (`Ingestor` then skips `leaveRollbackJournal`) still ends in WAL mode.
    @Test func theEndOfALoadReturnsToWALModeWhenTheLoadDidNot() throws {
        let f = try IngestFixture()
        let writer = EventWriter()
        try f.database.queue.writeWithoutTransaction { db in
            try writer.beginBulkLoad(db, inputBytes: Self.bigLoad)
            #expect(try Self.journalMode(db) == "truncate")
            try writer.endBulkLoad(db)
            #expect(try Self.journalMode(db) == "wal")
        }
    }

    /// A small load, and a big one committing every batch (a commit through the rollback journal
    /// flushes two files), stay in WAL mode.
    @Test(arguments: [(Int64(1 << 20), 0.25), (BulkLoadJournalTests.bigLoad, 0)])
    func aSmallLoadOrOneCommittingEveryBatchStaysInWALMode(inputBytes: Int64, commitInterval: Double) throws {
        let f = try IngestFixture()
        let writer = EventWriter()
        writer.commitInterval = commitInterval
        try f.database.queue.writeWithoutTransaction { db in
            try writer.beginBulkLoad(db, inputBytes: inputBytes)
            #expect(!writer.inRollbackJournal)
            #expect(try Self.journalMode(db) == "wal")
            try writer.endBulkLoad(db)
        }
    }

    /// `replay report` opening the database while another run's big load is in the middle of a
    /// transaction: SQLite refuses its switch to WAL mode at once; the open must not fail, and
    /// the reader sees what the load committed.
    @Test func aDatabaseOpensWhileABigLoadHoldsATransaction() throws {
        let f = try IngestFixture()
        let writer = EventWriter()
        try f.database.queue.writeWithoutTransaction { db in
            try writer.beginBulkLoad(db, inputBytes: Self.bigLoad)
            #expect(writer.inRollbackJournal)
            try db.execute(sql: "CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (1)")
            try db.inTransaction {
                try db.execute(sql: "INSERT INTO t VALUES (2)")
                let other = try ReplayDatabase(path: f.database.path, busyTimeout: 1)
                #expect(try other.queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM t") } == 1)
                return .commit
            }
            try writer.leaveRollbackJournal(db)
            try writer.endBulkLoad(db)
        }
        #expect(try f.count("SELECT COUNT(*) FROM t") == 2)
    }

    /// SQLite leaves WAL mode only for the one connection that has the file open: a reader
    /// (`replay report` in another terminal) keeps the load in WAL mode, and the load still works.
    @Test func aBigLoadStaysInWALModeWhileAnotherConnectionHasTheFileOpen() throws {
        let f = try IngestFixture()
        let reader = try ReplayDatabase(path: f.database.path, readOnly: true)
        #expect(try reader.queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM event") } == 0)
        let writer = EventWriter()
        try f.database.queue.writeWithoutTransaction { db in
            try writer.beginBulkLoad(db, inputBytes: Self.bigLoad)
            #expect(!writer.inRollbackJournal)
            #expect(try Self.journalMode(db) == "wal")
            try writer.leaveRollbackJournal(db)
            try writer.endBulkLoad(db)
        }
        let summary = try f.ingest(["shapes/a-json-lines.jsonl"])
        #expect(summary.events > 0)
        let stored = try f.count("SELECT COUNT(*) FROM event")
        #expect(stored > 0)
        #expect(try reader.queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM event") } == stored)
    }
}
