/// A fast 64-bit hash whose value never changes between runs or machines.
///
/// Swift's `Hasher` is seeded per process, so it cannot key rows in a database
/// that outlives the process. This mixes 8 bytes per step (murmur3's finaliser
/// for avalanche); collisions among 10^8 events are ~3e-4 likely, acceptable for
/// deduplicating log lines, and not a security boundary.
struct StableHash {
    private(set) var state: UInt64 = 0x243F_6A88_85A3_08D3

    init() {}

    @inline(__always) mutating func combine(_ value: UInt64) {
        state = (state ^ value) &* 0x9E37_79B9_7F4A_7C15
        state ^= state >> 29
    }

    mutating func combine(_ bytes: UnsafeBufferPointer<UInt8>) {
        combine(UInt64(bytes.count))
        guard let base = bytes.baseAddress else { return }
        let raw = UnsafeRawPointer(base)
        var i = 0
        let n = bytes.count
        // Four words per turn: the same steps in the same order, with a quarter of the loop's
        // bounds checks and jumps (a message is ~30 words; wrapping `&+`: `i` stays below `n`).
        while i &+ 32 <= n {
            combine(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            combine(raw.loadUnaligned(fromByteOffset: i &+ 8, as: UInt64.self))
            combine(raw.loadUnaligned(fromByteOffset: i &+ 16, as: UInt64.self))
            combine(raw.loadUnaligned(fromByteOffset: i &+ 24, as: UInt64.self))
            i &+= 32
        }
        while i &+ 8 <= n {
            combine(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            i &+= 8
        }
        var tail: UInt64 = 0
        if i < n, n >= 8 {
            // The last 1...7 bytes, little-endian in the low bits: one load of the last 8 bytes
            // shifted right, the same value the byte loop below builds.
            tail = raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) >> UInt64((8 - (n - i)) * 8)
        } else {
            var shift: UInt64 = 0
            while i < n {
                tail |= UInt64(bytes[i]) << shift
                shift += 8
                i += 1
            }
        }
        combine(tail ^ 0xFF)
    }

    mutating func combine(_ text: String?) {
        guard let text else { combine(UInt64(0xA5A5)); return }
        // Borrowed in place when native (always, on Linux): no copy of the String, no retain.
        if text.utf8.withContiguousStorageIfAvailable({ combine($0) }) != nil { return }
        var copy = text
        copy.withUTF8 { combine($0) }
    }

    var value: Int64 {
        var h = state
        h ^= h >> 33
        h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h = h &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return Int64(bitPattern: h)
    }

    /// The dedup key of an event: log stream, timestamp and message (not the group:
    /// shape D carries none, and the same event must match across shapes).
    static func eventKey(stream: String?, millis: Int64, message: UnsafeBufferPointer<UInt8>) -> Int64 {
        StableHash(stream: stream).eventKey(millis: millis, message: message)
    }

    /// The hash after an event's stream, the first part of its key: a reader thread keeps it for
    /// a stream that repeats line after line instead of hashing the stream's name for every line.
    init(stream: String?) {
        combine(stream)
    }

    /// The dedup key of an event of the stream this hash has taken (`init(stream:)`): the rest of `eventKey`.
    func eventKey(millis: Int64, message: UnsafeBufferPointer<UInt8>) -> Int64 {
        var h = self
        h.combine(UInt64(bitPattern: millis))
        h.combine(message)
        return h.value
    }
}
