import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A temporary file that holds the routine keys `RoutineKeySet` no longer keeps in memory.
///
/// Unlinked as soon as it is created, so nothing is left behind, even after `kill -9`;
/// it grows by 8 bytes a spilled key (the 4 GB test corpus: ~80 MB) and is gone when the
/// run ends. Written and read with `pwrite`/`pread` at offsets handed out under a lock, so
/// every stripe of the key set can use it at once.
final class KeySpill: @unchecked Sendable {
    /// Where one window's keys are in the file.
    struct Extent {
        var offset: Int64
        var count: Int
    }

    private let lock = NSLock()
    private var fd: Int32 = -1
    private var failed = false
    private var end: Int64 = 0
    private(set) var extentsWritten = 0

    deinit { if fd >= 0 { close(fd) } }

    /// Appends `keys`; nil when the file cannot be created or written (the caller keeps them in memory).
    func write(_ keys: [UInt64]) -> Extent? {
        let size = keys.count * MemoryLayout<UInt64>.stride
        lock.lock()
        if fd < 0 && !failed { open() }
        guard fd >= 0 else { lock.unlock(); return nil }
        let offset = end
        end += Int64(size)
        extentsWritten += 1
        lock.unlock()
        let written = keys.withUnsafeBytes { pwrite(fd, $0.baseAddress, size, off_t(offset)) }
        guard written == size else { return nil }  // that space is lost; the keys stay in memory
        return Extent(offset: offset, count: keys.count)
    }

    /// The keys written at `extent`.
    func read(_ extent: Extent) -> [UInt64] {
        var keys = [UInt64](repeating: 0, count: extent.count)
        let size = extent.count * MemoryLayout<UInt64>.stride
        let got = keys.withUnsafeMutableBytes { pread(fd, $0.baseAddress, size, off_t(extent.offset)) }
        // A file written a moment ago by this process cannot come back short unless the disk failed;
        // stopping is better than deduplicating against a partial set.
        precondition(got == size, "replay: the temporary file of routine-line keys could not be read back")
        return keys
    }

    /// Creates the file in the temporary folder (`TMPDIR`) and unlinks it at once.
    private func open() {
        var template = Array((NSTemporaryDirectory() as NSString).appendingPathComponent("replay-keys-XXXXXX").utf8CString)
        let created = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard created >= 0 else { failed = true; return }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        fd = created
    }
}
