#if canImport(Glibc)
import Glibc
#endif

/// Recognises a file already ingested, from its size and a sample of its bytes.
///
/// Hashing every byte would read each file twice; exports are written once and
/// never edited in place, so the size plus the first and last 256 KiB (and 64 KiB
/// samples in between for big files) tell them apart. A file that grew or was
/// rewritten has a new fingerprint and is read again (its events dedupe).
enum ContentFingerprint {
    static let sample = 1 << 18

    static func of(path: String, size: Int64) throws -> Int64 {
        let fd = open(path, O_RDONLY | O_NONBLOCK)
        guard fd >= 0 else {
            throw InputProblem(file: path, line: 0, kind: .unreadable, detail: String(cString: strerror(errno)))
        }
        defer { close(fd) }
        var hash = StableHash()
        hash.combine(UInt64(bitPattern: size))
        var buffer = [UInt8](repeating: 0, count: sample)
        var offsets: [Int64] = [0]
        if size > Int64(sample) {
            let middle = 8
            for k in 1...middle { offsets.append(size * Int64(k) / Int64(middle + 1)) }
            offsets.append(max(0, size - Int64(sample)))
        }
        for offset in offsets {
            let want = offset == 0 || offset == size - Int64(sample) ? sample : (1 << 16)
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, want, off_t(offset)) }
            if n < 0 {
                throw InputProblem(file: path, line: 0, kind: .unreadable, detail: String(cString: strerror(errno)))
            }
            buffer.withUnsafeBufferPointer { hash.combine(UnsafeBufferPointer(rebasing: $0[0..<n])) }
        }
        return hash.value
    }
}
