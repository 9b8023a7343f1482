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
            switch ke - ks {
            case 9:
                if scanner.key(ks, ke, is: "timestamp") { found.timestamp = v } else if scanner.key(ks, ke, is: "logStream") { found.logStream = v }
            case 7:
                if scanner.key(ks, ke, is: "message") { found.message = v } else if scanner.key(ks, ke, is: "eventId") { found.eventId = v }
            case 8:
                if scanner.key(ks, ke, is: "logGroup") { found.logGroup = v }
            case 13:
                if scanner.key(ks, ke, is: "logStreamName") { found.logStream = v }
            case 12:
                if scanner.key(ks, ke, is: "logGroupName") { found.logGroup = v }
            case 2:
                if scanner.key(ks, ke, is: "id") { found.eventId = v }
            default: break
            }
            return true
        }
        return ok ? found : nil
    }

    /// Epoch milliseconds from a number (ms, or seconds when small) or an ISO-8601 string.
    static func timestamp(_ scanner: JSONScanner, _ v: JSONScanner.Value) -> Int64? {
        switch v.kind {
        case .number:
            if let ms = scanner.int64(v) {
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
