/// Reads the fields every CloudWatch event shape shares, whatever their spelling and order.
///
/// `timestamp` (epoch ms number or ISO string), `message` (string), `logGroup`,
/// `logStream`/`logStreamName`, `eventId`/`id`; unknown keys are ignored.
enum EventFields {
    struct Found {
        var timestamp: JSONScanner.Value?
        var message: JSONScanner.Value?
        var logGroup: JSONScanner.Value?
        var logStream: JSONScanner.Value?
        var eventId: JSONScanner.Value?
    }

    static func find(_ scanner: JSONScanner, _ object: JSONScanner.Value) -> Found? {
        var found = Found()
        let ok = scanner.forEachMember(of: object) { ks, ke, v in
            note(scanner, ks, ke, v, into: &found)
            return true
        }
        return ok ? found : nil
    }

    /// One event object read in a single pass, its message already decoded into `scratch`.
    struct Scanned {
        var found = Found()
        /// The index after the object's `}`.
        var end = 0
        /// The message, unescaped, in the scratch buffer (valid until the next scan).
        var message: UnsafeBufferPointer<UInt8>?
        /// A key of a record that is not a single event (`logEvents`, `events`, `messageType`).
        var hasRecordKeys = false
        /// True when the decoded message is known to be ASCII (so valid UTF-8, no check needed).
        var messageIsASCII = false
    }

    /// Reads the object at `start` like `JSONScanner.members` + `find` + unescaping the message,
    /// touching each byte once, into `result`. False when anything is off (the general path then
    /// reads and reports it).
    ///
    /// `result` is filled in place rather than returned: an optional `Scanned` (150 bytes) was
    /// copied with memcpy on its way out, three times a line.
    static func scanEvent(_ scanner: JSONScanner, at start: Int, scratch: EventBuilder.Scratch, into result: inout Scanned) -> Bool {
        let bytes = scanner.bytes
        result = Scanned()
        guard start < scanner.end, bytes[start] == 0x7B else { return false }
        var i = scanner.skipSpace(start + 1)
        if i < scanner.end, bytes[i] == 0x7D {
            result.end = i + 1
            return true
        }
        while i < scanner.end {
            guard bytes[i] == 0x22, let keyEnd = scanner.stringEnd(from: i) else { return false }
            let ks = i + 1, ke = keyEnd - 1
            var j = scanner.skipSpace(keyEnd)
            guard j < scanner.end, bytes[j] == 0x3A else { return false }
            j = scanner.skipSpace(j + 1)
            let v: JSONScanner.Value
            if ke - ks == 7, j < scanner.end, bytes[j] == 0x22, scanner.key(ks, ke, is: "message") {
                scratch.reserve(scanner.end - j + 8)
                guard let (end, count, ascii) = scanner.decodeString(at: j, into: scratch.buffer) else { return false }
                v = JSONScanner.Value(kind: .string, start: j, end: end)
                result.message = UnsafeBufferPointer(start: scratch.buffer, count: count)
                result.messageIsASCII = ascii
            } else {
                guard let value = scanner.memberValue(at: j) else { return false }
                v = value
            }
            if !note(scanner, ks, ke, v, into: &result.found),
               scanner.key(ks, ke, is: "logEvents") || scanner.key(ks, ke, is: "events") || scanner.key(ks, ke, is: "messageType") {
                result.hasRecordKeys = true
            }
            j = scanner.skipSpace(v.end)
            guard j < scanner.end else { return false }
            if bytes[j] == 0x2C { i = scanner.skipSpace(j + 1); continue }
            guard bytes[j] == 0x7D else { return false }
            result.end = j + 1
            // A message that is not a string (or was decoded from an earlier duplicate key) is left to the general path.
            if let m = result.found.message, m.kind != .string || result.message == nil { return false }
            return true
        }
        return false
    }

    /// Records the member `ks..<ke: v` when it is one of the event's fields; false for any other key.
    @inline(__always) @discardableResult
    static func note(_ scanner: JSONScanner, _ ks: Int, _ ke: Int, _ v: JSONScanner.Value, into found: inout Found) -> Bool {
        switch ke - ks {
        case 9:
            if scanner.key(ks, ke, is: "timestamp") { found.timestamp = v; return true }
            if scanner.key(ks, ke, is: "logStream") { found.logStream = v; return true }
        case 7:
            if scanner.key(ks, ke, is: "message") { found.message = v; return true }
            if scanner.key(ks, ke, is: "eventId") { found.eventId = v; return true }
        case 8:
            if scanner.key(ks, ke, is: "logGroup") { found.logGroup = v; return true }
        case 13:
            if scanner.key(ks, ke, is: "logStreamName") { found.logStream = v; return true }
        case 12:
            if scanner.key(ks, ke, is: "logGroupName") { found.logGroup = v; return true }
        case 2:
            if scanner.key(ks, ke, is: "id") { found.eventId = v; return true }
        default: break
        }
        return false
    }

    /// Epoch milliseconds from a number (ms, or seconds when small) or an ISO-8601 string.
    static func timestamp(_ scanner: JSONScanner, _ v: JSONScanner.Value) -> Int64? {
        switch v.kind {
        case .number:
            if let ms = scanner.int64(v) {
                // Negative or absurd numbers are refused before any arithmetic (no overflow trap).
                guard ms > 0 else { return nil }
                // Epoch seconds are sometimes written where ms are expected; 1e11 ms is 1973, 1e11 s is the year 5138.
                let millis = ms < 100_000_000_000 ? ms * 1000 : ms
                return TimestampRange.contains(millis) ? millis : nil
            }
            if let d = scanner.double(v), d.isFinite {
                let millis = d < 1e11 ? d * 1000 : d
                guard millis > 0, millis < 1e14 else { return nil }
                let value = Int64(millis)
                return TimestampRange.contains(value) ? value : nil
            }
            return nil
        case .string:
            return ISO8601Scanner.parse(scanner.bytes, from: v.start + 1, to: v.end - 1).flatMap {
                TimestampRange.contains($0) ? $0 : nil
            }
        default:
            return nil
        }
    }

    /// Decodes a string field, or returns nil (also for non-strings such as numeric ids, which are kept as their text).
    static func text(_ scanner: JSONScanner, _ v: JSONScanner.Value?) -> String? {
        guard let v else { return nil }
        switch v.kind {
        case .string: return scanner.string(v)
        case .number: return scanner.raw(v)
        default: return nil
        }
    }
}

/// The span of times accepted as real: 2000-01-01 to 2100-01-01.
/// Anything outside is a corrupt or hostile timestamp, reported rather than stored.
enum TimestampRange {
    static let lower: Int64 = 946_684_800_000
    static let upper: Int64 = 4_102_444_800_000
    static func contains(_ millis: Int64) -> Bool { millis >= lower && millis < upper }
}
