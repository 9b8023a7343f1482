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

    /// The default location, relative to the current folder.
    public static let defaultPath = ".replay/replay.sqlite"

    /// Opens (creating folders and file as needed) and migrates.
    /// - Parameter busyTimeout: how long to wait for another run holding the write lock.
    public init(path: String, busyTimeout: TimeInterval = 60, readOnly: Bool = false) throws {
        self.path = path
        let folder = (path as NSString).deletingLastPathComponent
        if !readOnly, !folder.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw StoreError(path: path, message: "cannot create the database folder \(folder): \(error.localizedDescription)")
            }
        }
        if readOnly, !FileManager.default.fileExists(atPath: path) {
            throw StoreError(path: path, message: "no database here; run `replay ingest` or `replay analyze` first")
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
                    _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                }
                try Schema.migrator.migrate(queue)
            }
        } catch let error as DatabaseError {
            throw StoreError(path: path, message: error.message ?? "\(error)")
        }
    }
}

/// A database problem, naming the file.
public struct StoreError: Error, CustomStringConvertible {
    public var path: String
    public var message: String
    public var description: String { "\(path): \(message)" }
}
