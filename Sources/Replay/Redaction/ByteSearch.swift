import Foundation

/// Byte-level substring search for cheap pre-checks before a regex runs (redaction hints, rule literals).
///
/// C `memchr`/`memcmp` under the hood: fast even in debug builds, and no String is built.
public enum ByteSearch {
    /// ASCII-lower-cased UTF-8 bytes.
    public static func lowercased(_ text: String) -> [UInt8] {
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBufferPointer { buffer in
            for i in buffer.indices where buffer[i] &- 65 < 26 { buffer[i] |= 0x20 }
        }
        return bytes
    }

    /// Whether `needle` occurs in `haystack`.
    public static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        haystack.withUnsafeBufferPointer { h in
            needle.withUnsafeBufferPointer { n in contains(h, n) }
        }
    }

    public static func contains(_ h: UnsafeBufferPointer<UInt8>, _ n: UnsafeBufferPointer<UInt8>) -> Bool {
        guard n.count > 0 else { return true }
        guard n.count <= h.count, let hBase = h.baseAddress, let nBase = n.baseAddress else { return false }
        let first = Int32(n[0])
        let last = hBase + (h.count - n.count + 1)
        var start = hBase
        while start < last {
            guard let found = memchr(start, first, last - start) else { return false }
            let candidate = UnsafePointer(found.assumingMemoryBound(to: UInt8.self))
            if memcmp(candidate, nBase, n.count) == 0 { return true }
            start = candidate + 1
        }
        return false
    }
}
