import Foundation

/// Reads a probe result straight from the message's bytes, for the plain messages monitors
/// write, giving what `JSONValue.parse` followed by `ProbeResult.parse` gives.
///
/// Building the `JSONValue` tree (a String per key and value, arrays of members, a boxed enum
/// per node) cost ~17 000 instructions per probe line, a twentieth of ingest on the bench
/// slice. This walks the object once, checks it is in a plain subset of JSON, and reads the
/// members `ProbeResult.parse` asks for where they are.
///
/// The subset, in which `JSONValue.parse` is sure to succeed and to give these values:
/// - every string (keys included) is printable ASCII without escapes (so it is valid UTF-8 and
///   its text is its bytes; and a key equals a name exactly when its bytes do: no other
///   string is canonically equivalent to an ASCII name of lowercase letters and `_`);
/// - every number is `-?digits(.digits)?([eE][+-]?digits)?`, which `Double` parses;
/// - `true`, `false`, `null` spelled exactly; objects and arrays well formed, at most
///   `maxDepth` deep; only spaces after the object.
/// Anything else gets nil ("not known"), and the caller asks `JSONValue` as before.
/// `ProbeReaderTests` holds the two readings to the same answers.
enum ProbeReader {
    /// Deeper documents are left to `JSONValue` (whose own limit is 64).
    static let maxDepth = 16

    /// `JSONValue.parse(bytes of object).flatMap { ProbeResult.parse($0, at:) }` as `.some`, or
    /// nil when the object is outside the subset above (not known).
    static func read(_ scanner: JSONScanner, _ object: JSONScanner.Value, at: Timestamp) -> ProbeResult?? {
        // The document `JSONValue` would parse is exactly the object's bytes.
        let document = JSONScanner(UnsafeBufferPointer(rebasing: scanner.bytes[object.start..<object.end]))
        let bytes = document.bytes
        guard !bytes.isEmpty, bytes[0] == 0x7B else { return nil }
        // The first member of each name, as `JSONValue`'s subscript finds it.
        var check: JSONScanner.Value?, status: JSONScanner.Value?, statusCode: JSONScanner.Value?, url: JSONScanner.Value?
        var latency: JSONScanner.Value?, error: JSONScanner.Value?, body: JSONScanner.Value?
        let end = members(document, objectAt: 0, depth: 1) { key, value in
            switch key.count {
            case 3: if same(key, "url") { url = url ?? value }
            case 4: if same(key, "body") { body = body ?? value }
            case 5:
                if same(key, "check") { check = check ?? value } else if same(key, "error") { error = error ?? value }
            case 6: if same(key, "status") { status = status ?? value }
            case 10: if same(key, "latency_ms") { latency = latency ?? value }
            case 11: if same(key, "status_code") { statusCode = statusCode ?? value }
            default: break
            }
        }
        guard let end, document.skipSpace(end) == bytes.count else { return nil }

        // `ProbeResult.parse`, on the values found.
        guard let checkValue = check, checkValue.kind == .string else { return .some(nil) }
        let raw = status ?? statusCode
        let statusNumber: Int?
        if let raw, raw.kind == .number {
            // `JSONValue.int`: the number as a Double, whole part, when finite and below 1e15.
            guard let d = document.double(raw), d.isFinite, abs(d) < 1e15 else { return .some(nil) }
            statusNumber = Int(d)
        } else if let raw, raw.kind == .string {
            statusNumber = Int(text(document, raw).trimmingCharacters(in: .whitespaces))
        } else {
            statusNumber = nil
        }
        guard let statusNumber else { return .some(nil) }
        let urlText = url.flatMap { $0.kind == .string ? text(document, $0) : nil }
        var version: String?
        if let body, body.kind == .object {
            var found: JSONScanner.Value?
            _ = members(document, objectAt: body.start, depth: 2) { key, value in
                if found == nil, same(key, "version") { found = value }
            }
            version = found.flatMap { $0.kind == .string ? text(document, $0) : nil }
        }
        return .some(ProbeResult(check: text(document, checkValue), url: urlText, path: urlText.map(ProbeResult.path(of:)),
                                 status: statusNumber,
                                 latencyMs: latency.flatMap { document.double($0) },
                                 error: error.flatMap { $0.kind == .string ? text(document, $0) : nil },
                                 version: version, at: at))
    }

    /// Walks the object at `start`, calling `body(key bytes, value)` for each member, and
    /// returns the index after it; nil when anything is outside the subset.
    private static func members(_ s: JSONScanner, objectAt start: Int, depth: Int,
                                _ body: (UnsafeBufferPointer<UInt8>, JSONScanner.Value) -> Void) -> Int? {
        let bytes = s.bytes
        guard depth <= maxDepth else { return nil }
        var i = s.skipSpace(start + 1)
        if i < s.end, bytes[i] == 0x7D { return i + 1 }
        while true {
            guard let keyEnd = plainStringEnd(s, at: i) else { return nil }
            var j = s.skipSpace(keyEnd)
            guard j < s.end, bytes[j] == 0x3A else { return nil }
            j = s.skipSpace(j + 1)
            guard let value = value(s, at: j, depth: depth) else { return nil }
            body(UnsafeBufferPointer(rebasing: bytes[(i + 1)..<(keyEnd - 1)]), value)
            j = s.skipSpace(value.end)
            guard j < s.end else { return nil }
            if bytes[j] == 0x2C {
                i = s.skipSpace(j + 1)
                continue
            }
            return bytes[j] == 0x7D ? j + 1 : nil
        }
    }

    /// The value at `i` when it is in the subset (objects and arrays walked whole), else nil.
    private static func value(_ s: JSONScanner, at i: Int, depth: Int) -> JSONScanner.Value? {
        let bytes = s.bytes
        guard i < s.end else { return nil }
        switch bytes[i] {
        case 0x22:
            return plainStringEnd(s, at: i).map { JSONScanner.Value(kind: .string, start: i, end: $0) }
        case 0x7B:
            return members(s, objectAt: i, depth: depth + 1) { _, _ in }.map { JSONScanner.Value(kind: .object, start: i, end: $0) }
        case 0x5B:
            guard depth + 1 <= maxDepth else { return nil }
            var j = s.skipSpace(i + 1)
            if j < s.end, bytes[j] == 0x5D { return JSONScanner.Value(kind: .array, start: i, end: j + 1) }
            while true {
                guard let element = value(s, at: j, depth: depth + 1) else { return nil }
                j = s.skipSpace(element.end)
                guard j < s.end else { return nil }
                if bytes[j] == 0x2C {
                    j = s.skipSpace(j + 1)
                    continue
                }
                return bytes[j] == 0x5D ? JSONScanner.Value(kind: .array, start: i, end: j + 1) : nil
            }
        case 0x74, 0x66, 0x6E:
            // Literals spelled exactly (`JSONValue` would take any word of their length).
            guard let v = s.memberValue(at: i), v.kind == .bool || v.kind == .null else { return nil }
            return v
        default:
            guard let end = plainNumberEnd(s, at: i) else { return nil }
            return JSONScanner.Value(kind: .number, start: i, end: end)
        }
    }

    /// The index after the closing quote of the string at `i` when every byte in it is
    /// printable ASCII other than `\\` (no escapes); else nil.
    private static func plainStringEnd(_ s: JSONScanner, at i: Int) -> Int? {
        let bytes = s.bytes
        guard i < s.end, bytes[i] == 0x22 else { return nil }
        var j = i + 1
        while j < s.end {
            let c = bytes[j]
            if c == 0x22 { return j + 1 }
            guard c >= 0x20, c < 0x7F, c != 0x5C else { return nil }
            j += 1
        }
        return nil
    }

    /// The end of the number at `i` when it is `-?digits(.digits)?([eE][+-]?digits)?` and what
    /// follows cannot continue a JSON number (`value(at:)` would take it whole); else nil.
    private static func plainNumberEnd(_ s: JSONScanner, at i: Int) -> Int? {
        let bytes = s.bytes
        var j = i
        func digits() -> Bool {
            let first = j
            while j < s.end, bytes[j] &- 0x30 < 10 { j += 1 }
            return j > first
        }
        if j < s.end, bytes[j] == 0x2D { j += 1 }
        guard digits() else { return nil }
        if j < s.end, bytes[j] == 0x2E {
            j += 1
            guard digits() else { return nil }
        }
        if j < s.end, bytes[j] == 0x65 || bytes[j] == 0x45 {
            j += 1
            if j < s.end, bytes[j] == 0x2B || bytes[j] == 0x2D { j += 1 }
            guard digits() else { return nil }
        }
        // The scanner's number takes every following digit, `.`, `e`, `E`, `+`, `-`: the same end.
        guard s.numberEnd(from: i + 1) == j else { return nil }
        return j
    }

    private static func same(_ key: UnsafeBufferPointer<UInt8>, _ name: StaticString) -> Bool {
        key.count == name.utf8CodeUnitCount && memcmp(key.baseAddress!, name.utf8Start, key.count) == 0
    }

    /// The text of a string: its bytes between the quotes (no escapes in the subset).
    private static func text(_ s: JSONScanner, _ v: JSONScanner.Value) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: s.bytes[(v.start + 1)..<(v.end - 1)]), as: UTF8.self)
    }
}
