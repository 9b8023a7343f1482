import Foundation

/// A UTC instant with millisecond resolution, the one time type of every stage.
///
/// CloudWatch stamps events in epoch milliseconds, so that is the unit kept; the
/// incidents JSON and the report print whole seconds (`2026-03-22T12:53:04Z`),
/// and durations are computed from those printed seconds so the numbers a reader
/// sees always add up.
public struct Timestamp: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public var millis: Int64

    public init(millis: Int64) { self.millis = millis }
    public init(seconds: Int64) { self.millis = seconds * 1000 }

    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.millis < b.millis }

    /// Whole seconds since the epoch, rounded down (also for times before 1970).
    public var seconds: Int64 { millis >= 0 ? millis / 1000 : (millis - 999) / 1000 }

    public func adding(seconds: Int64) -> Timestamp { Timestamp(millis: millis + seconds * 1000) }
    public func adding(millis delta: Int64) -> Timestamp { Timestamp(millis: millis + delta) }

    /// Whole seconds from `earlier` to `self`, as printed (both rounded down first).
    public func secondsSince(_ earlier: Timestamp) -> Int64 { seconds - earlier.seconds }

    /// `2026-03-22T12:53:04Z`.
    public var iso8601: String { UTCCalendar.format(seconds: seconds, millis: nil) }
    /// `2026-03-22T12:53:04.123Z`.
    public var iso8601Millis: String {
        UTCCalendar.format(seconds: seconds, millis: Int(millis - seconds * 1000))
    }
    /// `2026-03-22`.
    public var day: String { String(iso8601.prefix(10)) }
    /// `12:53` (UTC).
    public var clock: String { String(iso8601.dropFirst(11).prefix(5)) }
    /// `12:53:04` (UTC).
    public var clockSeconds: String { String(iso8601.dropFirst(11).prefix(8)) }
    /// The start of this instant's UTC day.
    public var startOfDay: Timestamp { Timestamp(seconds: seconds - ((seconds % 86400) + 86400) % 86400) }

    public var description: String { iso8601 }

    /// Parses ISO-8601 UTC forms seen in exports: `2026-03-22T12:53:20Z`,
    /// `...20.123Z`, `...20.123456Z`, `...20+00:00`, other offsets, and a bare day `2026-03-22`.
    public init?(iso8601 text: String) {
        var copy = text
        guard let parsed = copy.withUTF8({ ISO8601Scanner.parse($0) }) else { return nil }
        self.millis = parsed
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int64.self) {
            self.millis = number
            return
        }
        let text = try container.decode(String.self)
        guard let parsed = Timestamp(iso8601: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an ISO-8601 time: \(text)")
        }
        self = parsed
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso8601)
    }
}

/// Civil-calendar arithmetic for UTC without Foundation's calendar (fast and allocation-free).
enum UTCCalendar {
    /// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func civilFromDays(_ z0: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }

    static func format(seconds: Int64, millis: Int?) -> String {
        let days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
        let rest = seconds - days * 86400
        let (y, m, d) = civilFromDays(days)
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        var text = "\(y)-\(two(m))-\(two(d))T\(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60))"
        if let millis {
            let ms = String(millis)
            text += "." + String(repeating: "0", count: 3 - ms.count) + ms
        }
        return text + "Z"
    }
}
