import CSQLiteTuning
import Foundation
#if canImport(GRDBSQLite)
import GRDBSQLite
#elseif canImport(SQLite3)
import SQLite3
#endif

/// Copies what a bulk load committed to the WAL into the database file, on a thread and
/// connection of its own, while the writer builds the deferred indexes.
///
/// The end of a load used to be two serial steps on one core while the other idled: build
/// the indexes (a sort of each table, CPU), then checkpoint the whole WAL (copying tens of
/// megabytes and two `fsync`s, mostly kernel and disk). In WAL mode a checkpoint may run
/// beside a write transaction: it copies only frames committed before it started, and the
/// index build only appends new frames. So the bulk of the checkpoint overlaps the index
/// build, and the writer's own checkpoint afterwards copies only the index pages.
///
/// A failure here costs nothing but time: the writer's checkpoint (or SQLite's, when the last
/// connection closes) copies whatever this one did not.
final class BackgroundCheckpoint: @unchecked Sendable {
    private let finished = DispatchSemaphore(value: 0)
    private let state = NSLock()
    private var closed = false

    /// True once the checkpoint's connection is closed (without waiting for it).
    var isFinished: Bool { state.withLock { closed } }

    /// Starts checkpointing `path` (PASSIVE: never waits for, nor blocks, readers and writers),
    /// once `previous` has ended: a checkpoint copies only the frames committed before it began.
    ///
    /// `truncate`: then empty the WAL file if nobody is using it at that moment (TRUNCATE, with no
    /// waiting: a reader or writer busy with it leaves it as it is). The last connection to close
    /// deletes the WAL, and dropping a load's ~70 MB from the page cache took 0.024 s there, at
    /// the very end of `analyze`; here it overlaps the analysis.
    init(path: String, after previous: BackgroundCheckpoint? = nil, truncate: Bool = false) {
        let thread = Thread { [finished, self] in
            previous?.wait()
            var connection: OpaquePointer?
            // A new connection learns the file is in WAL mode when it first reads: until then the
            // checkpoint call does nothing (and says -1 frames).
            if sqlite3_open_v2(path, &connection, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK,
               sqlite3_busy_timeout(connection, 5_000) == SQLITE_OK,
               sqlite3_exec(connection, "SELECT 1 FROM sqlite_master LIMIT 1", nil, nil, nil) == SQLITE_OK {
                if sqlite3_wal_checkpoint_v2(connection, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil) == SQLITE_OK {
                    // SQLite flushes the database file only after a checkpoint that reached the end of the
                    // WAL, which the first one, beside the index build, never does: the pages it copied
                    // stayed dirty for the last checkpoint's flush, ~0.1 s of waiting on the disk after the
                    // load's work was done. Flushed here, they go to disk while the indexes are built.
                    _ = replay_sqlite_sync_main_file(connection)
                    if truncate, sqlite3_busy_timeout(connection, 0) == SQLITE_OK {
                        _ = sqlite3_wal_checkpoint_v2(connection, nil, SQLITE_CHECKPOINT_TRUNCATE, nil, nil)
                    }
                }
            }
            sqlite3_close(connection)
            state.withLock { closed = true }
            finished.signal()
        }
        thread.start()
    }

    /// Waits for the checkpoint to end (at once when it has ended; from any thread).
    func wait() {
        finished.wait()
        finished.signal()  // a latch: every later or concurrent wait returns too
    }
}
