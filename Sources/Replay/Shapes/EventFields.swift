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

    /// What a member's key names, for the one-pass reader (`note` and the record keys, as one value).
    enum Field: UInt8 {
        case other, timestamp, message, logGroup, logStream, eventId
        /// `logEvents`, `events`, `messageType`: keys of records that are not a single event.
        case recordKey
    }

    /// The field the key `ks..<ke` names, as `note` and the record-key test read it.
    static func field(_ scanner: JSONScanner, _ ks: Int, _ ke: Int) -> Field {
        switch ke - ks {
        case 9:
            if scanner.key(ks, ke, is: "timestamp") { return .timestamp }
            if scanner.key(ks, ke, is: "logStream") { return .logStream }
            if scanner.key(ks, ke, is: "logEvents") { return .recordKey }
        case 7:
            if scanner.key(ks, ke, is: "message") { return .message }
            if scanner.key(ks, ke, is: "eventId") { return .eventId }
        case 8:
            if scanner.key(ks, ke, is: "logGroup") { return .logGroup }
        case 13:
            if scanner.key(ks, ke, is: "logStreamName") { return .logStream }
        case 12:
            if scanner.key(ks, ke, is: "logGroupName") { return .logGroup }
        case 2:
            if scanner.key(ks, ke, is: "id") { return .eventId }
        case 6:
            if scanner.key(ks, ke, is: "events") { return .recordKey }
        case 11:
            if scanner.key(ks, ke, is: "messageType") { return .recordKey }
        default: break
        }
        return .other
    }

    /// One event object read in a single pass, its message already decoded into `scratch`.
    struct Scanned {
        var found = Found()
        /// The index after the object's `}`.
        var end = 0
        /// The message, unescaped, in the scratch buffer (valid until the next scan); for a line known
        /// routine before decoding (`messageIsKnownRoutine`), its bytes as exported, in the line.
        var message: UnsafeBufferPointer<UInt8>?
        /// A key of a record that is not a single event (`logEvents`, `events`, `messageType`).
        var hasRecordKeys = false
        /// True when the decoded message is known to be ASCII (so valid UTF-8, no check needed).
        var messageIsASCII = false
        /// True when the message was not decoded: it fits the reader's `EscapedRoutineTemplate`, so
        /// the line is routine, and `message` holds its canonical escaped form (ASCII).
        var messageIsKnownRoutine = false
        /// True when `found.logGroup` (`logStream`) repeats the memo's: its name is `memo.group.name` (`stream.name`).
        var groupIsRemembered = false
        var streamIsRemembered = false
        /// `timestamp(found.timestamp)` when it was read as the scan went (a number of whole digits); nil: not read.
        var millis: Int64?
    }

    /// Reads the object at `start` like `JSONScanner.members` + `find` + unescaping the message,
    /// touching each byte once, into `result`. False when anything is off (the general path then
    /// reads and reports it).
    ///
    /// Keys, groups and streams that repeat the previous line's (`memo`) are recognised by
    /// comparing bytes; everything else is read and then remembered.
    ///
    /// `result` is filled in place rather than returned: an optional `Scanned` (150 bytes) was
    /// copied with memcpy on its way out, three times a line.
    static func scanEvent(_ scanner: JSONScanner, at start: Int, scratch: EventBuilder.Scratch, into result: inout Scanned) -> Bool {
        let bytes = scanner.bytes
        let end = scanner.end
        let memo = scratch.memo
        result = Scanned()
        guard start < end, bytes[start] == 0x7B else { return false }
        var i = scanner.skipSpace(start + 1)
        if i < end, bytes[i] == 0x7D {
            result.end = i + 1
            return true
        }
        var position = 0
        while i < end {
            let field: Field
            var j: Int
            if let known = memo.key(position, in: bytes, at: i, end: end) {
                field = known.field
                j = scanner.skipSpace(i + known.length)
            } else {
                guard bytes[i] == 0x22, let keyEnd = scanner.stringEnd(from: i) else { return false }
                j = scanner.skipSpace(keyEnd)
                guard j < end, bytes[j] == 0x3A else { return false }
                j = scanner.skipSpace(j + 1)
                field = self.field(scanner, i + 1, keyEnd - 1)
                memo.rememberKey(position, bytes, from: i, to: j, field: field)
            }
            position += 1
            let v: JSONScanner.Value
            // (A later `timestamp` replaces an earlier one: its time is read below, or later by `timestamp`.)
            if field == .timestamp { result.millis = nil }
            switch field {
            case .message where j < end && bytes[j] == 0x22:
                let keys = scratch.routineKeys
                if let base = bytes.baseAddress, let valueEnd = keys.escapedTemplate.match(keys.template, base, stringAt: j, end: end) {
                    // A routine line, known without decoding its message: its key is made from these bytes.
                    v = JSONScanner.Value(kind: .string, start: j, end: valueEnd)
                    result.message = UnsafeBufferPointer(start: base + j + 1, count: valueEnd - j - 2)
                    result.messageIsASCII = true
                    result.messageIsKnownRoutine = true
                } else {
                    scratch.reserve(end - j + 64)
                    guard let (valueEnd, count, ascii) = scanner.decodeString(at: j, into: scratch.buffer) else { return false }
                    v = JSONScanner.Value(kind: .string, start: j, end: valueEnd)
                    result.message = UnsafeBufferPointer(start: scratch.buffer, count: count)
                    result.messageIsASCII = ascii
                    result.messageIsKnownRoutine = false
                }
            case .timestamp where j < end && bytes[j] &- 0x30 < 10:
                // Digits (every CloudWatch event's time is 13 of them) are read as they are scanned,
                // as `int64` would read them, 8 at a time; a number that goes on (a fraction, an
                // exponent) or has more digits than fit is left to `timestamp`.
                var k = j
                var whole: Int64 = 0
                if let base = bytes.baseAddress, k + 8 <= end,
                   let first = JSONScanner.eightDigits(UnsafeRawPointer(base + k).loadUnaligned(as: UInt64.self)) {
                    whole = Int64(first)
                    k += 8
                }
                while k < end, bytes[k] &- 0x30 < 10 {
                    whole = whole &* 10 &+ Int64(bytes[k] &- 0x30)
                    k += 1
                }
                let numberEnd = scanner.numberEnd(from: k)
                v = JSONScanner.Value(kind: .number, start: j, end: numberEnd)
                result.millis = numberEnd == k && k - j <= 18 ? millis(whole: whole) : nil
            // The group and stream cases are the same steps on purpose: one helper taking the memo's
            // `Name` cost 180 instructions a line more on the bench slice (the `Name` copied, its
            // `LogName` retained and released).
            case .logGroup:
                if let length = EventLineMemo.value(of: memo.group, in: bytes, at: j, end: end) {
                    v = JSONScanner.Value(kind: .string, start: j, end: j + length)
                    result.groupIsRemembered = true
                } else {
                    guard let value = scanner.memberValue(at: j) else { return false }
                    v = value
                    result.groupIsRemembered = false
                }
            case .logStream:
                if let length = EventLineMemo.value(of: memo.stream, in: bytes, at: j, end: end) {
                    v = JSONScanner.Value(kind: .string, start: j, end: j + length)
                    result.streamIsRemembered = true
                } else {
                    guard let value = scanner.memberValue(at: j) else { return false }
                    v = value
                    result.streamIsRemembered = false
                }
            default:
                guard let value = scanner.memberValue(at: j) else { return false }
                v = value
            }
            switch field {
            case .timestamp: result.found.timestamp = v
            case .message: result.found.message = v
            case .logGroup: result.found.logGroup = v
            case .logStream: result.found.logStream = v
            case .eventId: result.found.eventId = v
            case .recordKey: result.hasRecordKeys = true
            case .other: break
            }
            j = scanner.skipSpace(v.end)
            guard j < end else { return false }
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
            if let ms = scanner.int64(v) { return millis(whole: ms) }
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

    /// The time of a whole-number timestamp `ms`, or nil when it is none.
    static func millis(whole ms: Int64) -> Int64? {
        // Negative or absurd numbers are refused before any arithmetic (no overflow trap).
        guard ms > 0 else { return nil }
        // Epoch seconds are sometimes written where ms are expected; 1e11 ms is 1973, 1e11 s is the year 5138.
        let millis = ms < 100_000_000_000 ? ms * 1000 : ms
        return TimestampRange.contains(millis) ? millis : nil
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
