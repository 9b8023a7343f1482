import CSQLiteTuning
import Foundation
import GRDB

/// The embedded SQLite database (`.replay/replay.sqlite` by default): open, migrate, share.
///
/// WAL journal so a report can read while an ingest writes; a bounded busy
/// timeout so a second cron run waits for the first rather than failing or
/// corrupting anything; every write in a transaction, so a kill leaves the last
/// committed batch and nothing half-written.
public final class ReplayDatabase: @unchecked Sendable {
    public let path: String
    public let queue: DatabaseQueue
    /// A checkpoint running on a connection of its own (`checkpointInBackground`), waited for
    /// before this connection closes: closing while it runs would leave the WAL behind.
    private var pendingCheckpoint: BackgroundCheckpoint?
    private let checkpointLock = NSLock()

    /// The page size of a new database file, in bytes (SQLite's default is 4096).
    ///
    /// An ingest inserted into two unique indexes keyed by hashes (before migration v4), so
    /// every commit touched leaf pages all over them; with twice the entries per page a load
    /// descends, splits and writes fewer pages (the 1 GB benchmark: ingest CPU -3 to -6%, wall
    /// -1 to -5%, medians of 8 alternating runs). Files made before keep theirs: SQLite fixes it
    /// at creation.
    static let pageSize = 8192

    /// SQLite's process-wide settings, made once before the first database opens: memory
    /// statistics off (Debian's SQLite otherwise takes a global mutex around each of its
    /// allocations, ~9 per stored event: 2% of the writer's instructions). Nothing in replay
    /// reads them. When SQLite was already in use in this process it keeps its settings.
    private static let processSetup: Void = {
        _ = replay_sqlite_disable_memory_statistics()
    }()

    /// The default location, relative to the current folder.
    public static let defaultPath = ".replay/replay.sqlite"

    /// Opens (creating folders and file as needed) and migrates.
    ///
    /// Fails with a `StoreError` naming the path, before anything is written, when
    /// the folder cannot be created or written, or the file is read-only. Migrations
    /// run under the `DatabaseLock`, so two first runs on a new database do not
    /// both try to create the tables.
    /// - Parameters:
    ///   - busyTimeout: how long to wait for another run holding the write lock.
    ///   - heldLock: the database's `DatabaseLock` when the caller already holds it (an ingest
    ///     takes it before opening); migrations then run under it instead of waiting for it.
    public init(path: String, busyTimeout: TimeInterval = 60, readOnly: Bool = false, heldLock: DatabaseLock? = nil) throws {
        _ = ReplayDatabase.processSetup
        self.path = path
        let folder = (path as NSString).deletingLastPathComponent
        if !readOnly, !folder.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw StoreError(path: path, message: "cannot create the database folder \(folder): \(ReplayDatabase.reason(error))")
            }
        }
        if readOnly, !FileManager.default.fileExists(atPath: path) {
            throw StoreError(path: path, message: "no database here; run `replay ingest` or `replay analyze` first")
        }
        if !readOnly {
            // WAL needs to create `-wal` and `-shm` beside the file: say so plainly instead of SQLite's "unable to open".
            let here = folder.isEmpty ? "." : folder
            if access(here, W_OK) != 0 {
                throw StoreError(path: path, message: "the database folder \(here) is not writable (\(String(cString: strerror(errno))))")
            }
            if FileManager.default.fileExists(atPath: path), access(path, W_OK) != 0 {
                throw StoreError(path: path, message: "the database file is not writable (\(String(cString: strerror(errno))))")
            }
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.readonly = readOnly
        configuration.label = "replay"
        configuration.prepareDatabase { db in
            if !db.configuration.readonly {
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
        }
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            if !readOnly {
                try queue.writeWithoutTransaction { db in
                    // Only a new, empty file takes it; once in WAL mode the size is fixed.
                    try db.execute(sql: "PRAGMA page_size = \(ReplayDatabase.pageSize)")
                    do {
                        _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                    } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
                        // Another run's big load is committing through a rollback journal (`BulkLoadJournal`),
                        // and SQLite refuses the change at once rather than wait. That load goes back to WAL
                        // mode at its end; until then this connection works in its mode, and waits for its
                        // locks within the busy timeout like any other.
                    }
                }
                let migrator = Schema.migrator
                if try !queue.read(migrator.hasCompletedMigrations) {
                    if heldLock != nil {
                        try migrator.migrate(queue)
                    } else {
                        let lock = try DatabaseLock(databasePath: path, purpose: "migrating", waitSeconds: busyTimeout)
                        defer { lock.release() }
                        try migrator.migrate(queue)
                    }
                }
            }
        } catch let error as DatabaseError {
            throw StoreError(path: path, message: error.message ?? "\(error)")
        }
    }

    /// Copies the WAL into the database file on another connection while this one goes on
    /// (PASSIVE: it neither waits for nor blocks readers and writers), then empties the WAL if
    /// nobody is using it (`BackgroundCheckpoint`'s `truncate`). The end of a big load leaves its
    /// index pages in the WAL: copied here, they no longer hold up an `analyze`, whose analysis
    /// reads meanwhile (the 1 GB benchmark: 0.04 s). Waited for by `deinit`, so the last
    /// connection still finds the WAL copied and removes it.
    ///
    /// `previous`: a checkpoint still running, which this one follows instead of waiting for it here.
    @discardableResult
    func checkpointInBackground(after previous: BackgroundCheckpoint? = nil) -> BackgroundCheckpoint {
        checkpointLock.withLock {
            pendingCheckpoint?.wait()
            let checkpoint = BackgroundCheckpoint(path: path, after: previous, truncate: true)
            pendingCheckpoint = checkpoint
            return checkpoint
        }
    }

    /// Waits for a checkpoint started by `checkpointInBackground`, if any.
    func waitForCheckpoint() {
        checkpointLock.withLock { pendingCheckpoint?.wait() }
    }

    deinit {
        waitForCheckpoint()
    }

    private static func reason(_ error: Error) -> String {
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        if let code = underlying?.code, underlying?.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(code))) }
        return error.localizedDescription
    }
}

/// A database problem, naming the file.
public struct StoreError: Error, CustomStringConvertible {
    public var path: String
    public var message: String
    public var description: String { "\(path): \(message)" }
}
