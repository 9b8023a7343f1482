import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive lock beside the database (`replay.sqlite-lock`) that one run holds while it ingests or migrates.
///
/// Two cron jobs that overlap must not both ingest: SQLite would keep the data
/// safe, but both would read every file and fight over each file's progress row.
/// The lock is `flock(2)` on a small file, so the kernel releases it when its
/// holder dies, even by `kill -9`: there is no stale lock to clean up. A second
/// run waits up to `waitSeconds`, then gives up with a message naming the
/// database and the holder (its pid, what it does, since when), which the
/// holder writes into the lock file.
public final class DatabaseLock {
    /// The lock file of the database at `databasePath`.
    public static func path(forDatabase databasePath: String) -> String { databasePath + "-lock" }

    public let path: String
    private var fd: Int32

    /// Takes the lock, waiting up to `waitSeconds` for another run to release it.
    /// - Parameter purpose: what the holder does, for the other run's message (`ingesting`).
    public init(databasePath: String, purpose: String, waitSeconds: TimeInterval) throws {
        path = DatabaseLock.path(forDatabase: databasePath)
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw StoreError(path: databasePath, message: "cannot create the lock file \(path): \(String(cString: strerror(errno)))")
        }
        let deadline = Date().addingTimeInterval(max(0, waitSeconds))
        var pause: useconds_t = 20_000
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            if code == EINTR { continue }
            guard code == EWOULDBLOCK, Date() < deadline else {
                let holder = DatabaseLock.holder(fd)
                close(fd)
                fd = -1
                if code != EWOULDBLOCK {
                    throw StoreError(path: databasePath, message: "cannot lock \(path): \(String(cString: strerror(code)))")
                }
                throw StoreError(path: databasePath, message: "another replay run \(holder.isEmpty ? "" : "(\(holder)) ")"
                                 + "is using this database; gave up after waiting \(Int(waitSeconds)) s. "
                                 + "Nothing was changed; run again when it has finished.")
            }
            usleep(pause)
            pause = min(pause * 2, 250_000)
        }
        let note = "pid \(getpid()), \(purpose) since \(Timestamp(millis: Int64(Date().timeIntervalSince1970 * 1000)).iso8601)"
        _ = ftruncate(fd, 0)
        _ = note.withCString { pwrite(fd, $0, strlen($0), 0) }
    }

    /// Releases the lock (also done when the object goes away, or the process dies).
    public func release() {
        guard fd >= 0 else { return }
        _ = ftruncate(fd, 0)
        _ = flock(fd, LOCK_UN)
        close(fd)
        fd = -1
    }

    deinit { release() }

    /// What the holder wrote into the lock file (`pid 4242, ingesting since 2026-03-22T04:00:00Z`).
    private static func holder(_ fd: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 200)
        let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { return "" }
        return String(decoding: buffer[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
