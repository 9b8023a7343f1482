#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The last few log group and stream names read, so a name repeated line after line is
/// decoded once and shared, not built as a new String for every event.
///
/// A file of 300 000 lines names a handful of streams; building three Strings per line
/// (group, stream, id) was a fifth of the reader's time. Returns exactly what
/// `EventFields.text` returns, as a `LogName`; only plain strings (no escapes) are cached, keyed by
/// their bytes. Small and linear on purpose: 8 entries, the oldest replaced first.
final class NameCache {
    private struct Entry {
        var bytes: [UInt8]
        var name: LogName
    }

    private var entries: [Entry] = []
    private var oldest = 0
    private var lastHit = 0
    static let capacity = 8

    /// The name of the value `v` (its text as `EventFields.text` reads it), or nil when there is no value.
    /// A name not cached is new (the caller keeps it alive while views borrow it).
    func name(_ scanner: JSONScanner, _ v: JSONScanner.Value?) -> LogName? {
        guard let v else { return nil }
        guard v.kind == .string, let base = scanner.bytes.baseAddress else { return LogName(EventFields.text(scanner, v)) }
        let start = base + v.start + 1
        let count = v.end - v.start - 2
        // Looked up before the search for `\\`: only names without one are cached, so a name
        // equal to a cached one has none either (the line's names are looked for once, not twice).
        if lastHit < entries.count, matches(entries[lastHit], start, count) { return entries[lastHit].name }
        for k in entries.indices where matches(entries[k], start, count) {
            lastHit = k
            return entries[k].name
        }
        if count > 0, memchr(start, 0x5C, count) != nil { return LogName(EventFields.text(scanner, v)) }
        let name = LogName(EventFields.text(scanner, v))
        let entry = Entry(bytes: Array(UnsafeBufferPointer(start: start, count: count)), name: name)
        if entries.count < NameCache.capacity {
            entries.append(entry)
            lastHit = entries.count - 1
        } else {
            entries[oldest] = entry
            lastHit = oldest
            oldest = (oldest + 1) % NameCache.capacity
        }
        return name
    }

    @inline(__always) private func matches(_ entry: Entry, _ start: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        guard entry.bytes.count == count else { return false }
        return count == 0 || entry.bytes.withUnsafeBufferPointer { memcmp($0.baseAddress!, start, count) == 0 }
    }
}
