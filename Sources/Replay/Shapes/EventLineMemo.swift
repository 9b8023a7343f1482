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
    /// Members whose keys are remembered, by position (an event line has six; more are read in full).
    static let memberCapacity = 12
    /// The longest group or stream value remembered, quotes included.
    static let nameCapacity = 256

    /// The keys, tagged with the `EventFields.Field` they name.
    private let keyStorage = KeyMemo.Storage(slots: EventLineMemo.memberCapacity)

    /// A group or stream value as its bytes (quotes included) and the name `NameCache` gave for them.
    struct Name {
        fileprivate let bytes: UnsafeMutablePointer<UInt8>
        fileprivate(set) var length = 0
        fileprivate(set) var name: LogName? {
            didSet { borrowed = name?.borrowed }
        }
        /// `name`, unretained: what a view of this line borrows (read without a retain).
        fileprivate(set) var borrowed: Unmanaged<LogName>?

        fileprivate init() { bytes = .allocate(capacity: EventLineMemo.nameCapacity) }
    }

    private(set) var group = Name()
    private(set) var stream = Name()

    deinit {
        group.bytes.deallocate()
        stream.bytes.deallocate()
    }

    /// The length and field of member `position`'s key segment when `bytes` holds it at `i`; nil otherwise.
    @inline(__always) func key(_ position: Int, in bytes: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> (length: Int, field: EventFields.Field)? {
        guard let base = bytes.baseAddress, let known = keyStorage.memo.segment(position, in: base, at: i, end: end) else { return nil }
        return (known.length, EventFields.Field(rawValue: known.tag) ?? .other)
    }

    /// Remembers `bytes[start..<end]` (a key segment the full reading read) as member `position`'s.
    func rememberKey(_ position: Int, _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, field: EventFields.Field) {
        guard let base = bytes.baseAddress else { return }
        keyStorage.memo.remember(position, base, from: start, to: end, tag: field.rawValue)
    }

    /// The length of `name`'s value when `bytes` holds it at `i`, else nil.
    @inline(__always) static func value(of name: Name, in bytes: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> Int? {
        let length = name.length
        guard length > 0, length <= end - i, let base = bytes.baseAddress, ByteCompare.equal(base + i, name.bytes, length) else { return nil }
        return length
    }

    /// Remembers the value `v` and the name read from it as the last group (or stream).
    ///
    /// The memo holds the name in every case (the view of this line borrows it); its bytes are
    /// kept for matching only when `v` is a string short enough (else nothing will match them).
    func rememberName(_ scanner: JSONScanner, _ v: JSONScanner.Value, name: LogName?, asStream: Bool) {
        let length = v.end - v.start
        let matchable = v.kind == .string && length <= EventLineMemo.nameCapacity && scanner.bytes.baseAddress != nil
        if matchable { (asStream ? stream : group).bytes.update(from: scanner.bytes.baseAddress! + v.start, count: length) }
        if asStream {
            stream.length = matchable ? length : 0
            stream.name = name
        } else {
            group.length = matchable ? length : 0
            group.name = name
        }
    }
}
