/// Parses ISO-8601 timestamps straight from UTF-8 bytes, on the per-line hot path.
///
/// Foundation's `ISO8601DateFormatter` is slow and picky about fractions; exports
/// mix `Z`, `+00:00`, no fraction, milliseconds and microseconds. Returns epoch
/// milliseconds, or nil for anything that is not a plausible timestamp
/// (years outside 1970...9999 are refused so that garbage never becomes a time).
public enum ISO8601Scanner {
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        parse(bytes, from: 0, to: bytes.count)
    }

    /// Parses `bytes[start..<end]`.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int64? {
        var i = start
        func digits(_ count: Int) -> Int64? {
            guard i + count <= end else { return nil }
            var value: Int64 = 0
            for k in 0..<count {
                let c = bytes[i + k]
                guard c >= 48, c <= 57 else { return nil }
                value = value * 10 + Int64(c - 48)
            }
            i += count
            return value
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < end, bytes[i] == c else { return false }
            i += 1
            return true
        }
        guard let year = digits(4), expect(UInt8(ascii: "-")), let month = digits(2),
              expect(UInt8(ascii: "-")), let day = digits(2) else { return nil }
        guard year >= 1970, year <= 9999, (1...12).contains(month), (1...31).contains(day) else { return nil }
        let days = UTCCalendar.daysFromCivil(year: year, month: month, day: day)
        if i == end { return days * 86_400_000 }
        guard i < end, bytes[i] == UInt8(ascii: "T") || bytes[i] == UInt8(ascii: " ") else { return nil }
        i += 1
        guard let hour = digits(2), expect(UInt8(ascii: ":")), let minute = digits(2) else { return nil }
        var second: Int64 = 0
        if expect(UInt8(ascii: ":")) {
            guard let s = digits(2) else { return nil }
            second = s
        }
        guard hour <= 23, minute <= 59, second <= 60 else { return nil }
        var millis: Int64 = 0
        if i < end, bytes[i] == UInt8(ascii: ".") || bytes[i] == UInt8(ascii: ",") {
            i += 1
            var scale: Int64 = 100
            var any = false
            while i < end, bytes[i] >= 48, bytes[i] <= 57 {
                millis += Int64(bytes[i] - 48) * scale
                scale /= 10
                i += 1
                any = true
            }
            guard any else { return nil }
        }
        var offsetSeconds: Int64 = 0
        if i < end {
            let c = bytes[i]
            if c == UInt8(ascii: "Z") || c == UInt8(ascii: "z") {
                i += 1
            } else if c == UInt8(ascii: "+") || c == UInt8(ascii: "-") {
                i += 1
                guard let oh = digits(2) else { return nil }
                _ = expect(UInt8(ascii: ":"))
                let om = digits(2) ?? 0
                offsetSeconds = (oh * 3600 + om * 60) * (c == UInt8(ascii: "-") ? -1 : 1)
            }
        }
        guard i == end else { return nil }
        let total = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return total * 1000 + millis
    }
}
