/// What the last event line read on this thread looked like: the key of each member (by
/// position) and the log group and stream values with their names.
///
/// Lines of an export repeat themselves: the same keys in the same order, and the same group
/// and stream as the line before. `EventFields.scanEvent` compares the next line's bytes with
/// these before scanning them: a key that repeats byte for byte is known without scanning it
/// for its closing quote and comparing it with every field name, and a repeated group or
/// stream is known, String included, without scanning it or looking it up in `NameCache`.
///
/// Exact by construction: a part is taken as known only when its bytes equal, byte for byte,
/// bytes that the full reading read before, so the full reading would read them the same way
/// (it depends on nothing but those bytes). Anything else is read in full and remembered.
final class EventLineMemo {
    /// Members remembered by position (an event line has six; more are read in full).
    static let memberCapacity = 12
    /// The longest key segment remembered: the key with its quotes, the colon and any spaces
    /// around it (`"ingestionTime":` is 16 bytes).
    static let keyCapacity = 32
    /// The longest group or stream value remembered, quotes included.
    static let nameCapacity = 256

    private let keyBytes: UnsafeMutablePointer<UInt8>
    private let keyLengths: UnsafeMutablePointer<Int>
    private let keyFields: UnsafeMutablePointer<EventFields.Field>

    /// A group or stream value as its bytes (quotes included) and the name `NameCache` gave for them.
    struct Name {
        fileprivate let bytes: UnsafeMutablePointer<UInt8>
        fileprivate(set) var length = 0
        fileprivate(set) var text: String?

        fileprivate init() { bytes = .allocate(capacity: EventLineMemo.nameCapacity) }
    }

    private(set) var group = Name()
    private(set) var stream = Name()

    init() {
        keyBytes = .allocate(capacity: EventLineMemo.memberCapacity * EventLineMemo.keyCapacity)
        keyLengths = .allocate(capacity: EventLineMemo.memberCapacity)
        keyLengths.initialize(repeating: 0, count: EventLineMemo.memberCapacity)
        keyFields = .allocate(capacity: EventLineMemo.memberCapacity)
        keyFields.initialize(repeating: .other, count: EventLineMemo.memberCapacity)
    }

    deinit {
        keyBytes.deallocate()
        keyLengths.deallocate()
        keyFields.deallocate()
        group.bytes.deallocate()
        stream.bytes.deallocate()
    }

    /// The length and field of member `position`'s key segment when `bytes` holds it at `i`; nil otherwise.
    @inline(__always) func key(_ position: Int, in bytes: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> (length: Int, field: EventFields.Field)? {
        guard position < EventLineMemo.memberCapacity else { return nil }
        let length = keyLengths[position]
        guard length > 0, length <= end - i, let base = bytes.baseAddress,
              ByteCompare.equal(base + i, keyBytes + position * EventLineMemo.keyCapacity, length) else { return nil }
        return (length, keyFields[position])
    }

    /// Remembers `bytes[start..<end]` (a key segment the full reading read) as member `position`'s.
    func rememberKey(_ position: Int, _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, field: EventFields.Field) {
        guard position < EventLineMemo.memberCapacity, let base = bytes.baseAddress else { return }
        let length = end - start
        guard length <= EventLineMemo.keyCapacity else {
            keyLengths[position] = 0
            return
        }
        (keyBytes + position * EventLineMemo.keyCapacity).update(from: base + start, count: length)
        keyLengths[position] = length
        keyFields[position] = field
    }

    /// The length of `name`'s value when `bytes` holds it at `i`, else nil.
    @inline(__always) static func value(of name: Name, in bytes: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> Int? {
        let length = name.length
        guard length > 0, length <= end - i, let base = bytes.baseAddress, ByteCompare.equal(base + i, name.bytes, length) else { return nil }
        return length
    }

    /// Remembers the string value `v` and the name read from it as the last group (or stream).
    func rememberName(_ scanner: JSONScanner, _ v: JSONScanner.Value, text: String?, asStream: Bool) {
        let length = v.end - v.start
        guard v.kind == .string, length <= EventLineMemo.nameCapacity, let base = scanner.bytes.baseAddress else { return }
        if asStream {
            stream.bytes.update(from: base + v.start, count: length)
            stream.length = length
            stream.text = text
        } else {
            group.bytes.update(from: base + v.start, count: length)
            group.length = length
            group.text = text
        }
    }
}

/// Byte-range equality for the short ranges of a log line, inline.
enum ByteCompare {
    /// True when the `count` bytes at `a` and `b` are equal. Reads only those bytes: 8 at a
    /// time, the last word overlapping the one before (no call to `memcmp` for a 10-byte key).
    @inline(__always) static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        let x = UnsafeRawPointer(a), y = UnsafeRawPointer(b)
        if count >= 8 {
            var k = 0
            while k &+ 8 < count {
                if x.loadUnaligned(fromByteOffset: k, as: UInt64.self) != y.loadUnaligned(fromByteOffset: k, as: UInt64.self) { return false }
                k &+= 8
            }
            return x.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self) == y.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
        }
        if count >= 4 {
            return x.loadUnaligned(as: UInt32.self) == y.loadUnaligned(as: UInt32.self)
                && x.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self) == y.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self)
        }
        var k = 0
        while k < count {
            if a[k] != b[k] { return false }
            k &+= 1
        }
        return true
    }
}
