import GRDB

/// The journal a big load commits through: a rollback journal, then WAL mode again.
///
/// In WAL mode every page a load writes reaches the database file twice: into the WAL at
/// each commit, then from the WAL into the file at the checkpoint, which reads it back
/// first. On the 1 GB benchmark that was 216 MB written and 122 MB read for a 70 MB file,
/// and the last copy held the command's exit for about 0.1 s. A rollback journal saves only
/// the pages a transaction changes that the file already had: the pages a load appends
/// (nearly all of them, into a fresh database) are written once, straight into the file
/// (94 MB written, 60 MB read; ingest -0.10 s wall and -0.04 to -0.15 core-seconds,
/// medians of 7 and 13 alternating runs, `bench/README.md` round 8).
///
/// Only a load that drops the secondary indexes (`DeferredIndexes.shouldDefer`: it brings
/// more events than the database holds) and commits at most every `minimumCommitSeconds`
/// takes it; a nightly run into a big database stays in WAL mode throughout. Once every
/// event is committed, the connection goes back to WAL mode, before the deferred indexes
/// are built, so that `analyze`'s reader beside the index build never holds its commit back.
///
/// What it changes for others while the load runs: a reader in another process (`replay
/// report`) holds a commit back for as long as its read lasts, and waits itself while a
/// commit writes (tens of milliseconds), where in WAL mode neither waited. Both wait
/// within the busy timeout. A kill is as safe as in WAL mode: the next connection finds
/// the journal of an unfinished commit and rolls it back, and every opening of a
/// `ReplayDatabase` asks for WAL mode again.
///
/// SQLite leaves WAL mode only when no other connection has the file open; when one has,
/// the load runs in WAL mode as before (`enter` returns false).
enum BulkLoadJournal {
    /// The shortest commit interval (`--commit-seconds`) a load takes the rollback journal with.
    ///
    /// A commit through a rollback journal flushes two files to the disk (the journal, then the
    /// database); one into the WAL flushes nothing (`synchronous = NORMAL`). With a commit per
    /// batch (`--commit-seconds 0`, 125 commits on the benchmark) that cost more than the
    /// journal saved: ingest 1.53 s in WAL mode, 1.66 s through the journal (medians of 5).
    static let minimumCommitSeconds = 0.1

    /// Leaves WAL mode for a rollback journal that is truncated at each commit (not deleted:
    /// no directory change per commit). True when SQLite switched.
    static func enter(_ db: Database) -> Bool {
        // SQLITE_BUSY when another connection has the file open: WAL mode stays.
        let mode = try? String.fetchOne(db, sql: "PRAGMA journal_mode = TRUNCATE")
        return mode?.lowercased() == "truncate"
    }

    /// Back to WAL mode. Waits, within the busy timeout, for a reader of another process
    /// that is in the middle of a read.
    static func leave(_ db: Database) throws {
        let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
        if mode?.lowercased() != "wal" {
            throw DatabaseError(resultCode: .SQLITE_BUSY, message: "could not return to WAL mode after the load (journal mode: \(mode ?? "unknown"))")
        }
    }
}
