import Replay

/// The timestamp spellings the simulated programs print.
///
/// Each writer of a real log formats time its own way: tracing-subscriber prints
/// microseconds, ECS prints milliseconds, EventBridge's `time` whole seconds, the
/// S3 export milliseconds. The simulator keeps milliseconds; the microsecond digits
/// of an application line are drawn by its caller.
enum TimeText {
    /// `2026-03-22T04:35:02Z`.
    static func seconds(_ t: Timestamp) -> String { t.iso8601 }

    /// `2026-03-22T04:35:02.123Z`.
    static func millis(_ t: Timestamp) -> String { t.iso8601Millis }

    /// `2026-03-22T04:35:02.123456Z`, given the three extra microsecond digits.
    static func micros(_ t: Timestamp, extra: Int) -> String {
        let ms = t.iso8601Millis
        let e = String(extra)
        return String(ms.dropLast()) + String(repeating: "0", count: 3 - e.count) + e + "Z"
    }

    /// `2026-03-22T04:35:02.123+00:00`, the offset spelling some exporters use.
    static func millisWithOffset(_ t: Timestamp) -> String {
        String(t.iso8601Millis.dropLast()) + "+00:00"
    }

    /// Zero-padded decimal.
    static func padded(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
