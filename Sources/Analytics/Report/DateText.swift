import Replay

/// Writes dates for headings and prose; times stay in UTC `HH:mm` / ISO-8601 elsewhere.
enum DateText {
    static let monthNames = ["January", "February", "March", "April", "May", "June", "July",
                             "August", "September", "October", "November", "December"]
    static let weekdayNames = ["Thursday", "Friday", "Saturday", "Sunday", "Monday", "Tuesday", "Wednesday"]

    /// `2026-03-22` -> `22 March 2026`.
    static func long(_ time: Timestamp) -> String {
        let (year, month, day) = parts(time)
        return "\(day) \(monthNames[month - 1]) \(year)"
    }

    /// `Sunday 22 March 2026`: 1970-01-01 was a Thursday, hence the table's order.
    static func weekdayLong(_ time: Timestamp) -> String {
        let days = time.startOfDay.seconds / 86_400
        let weekday = weekdayNames[Int(((days % 7) + 7) % 7)]
        return "\(weekday) \(long(time))"
    }

    /// `22–23 March 2026`, `31 March – 1 April 2026`, or one day when both are the same day.
    static func range(_ start: Timestamp, _ end: Timestamp) -> String {
        let a = parts(start), b = parts(end)
        if a == b { return long(start) }
        if a.year == b.year && a.month == b.month { return "\(a.day)–\(b.day) \(monthNames[b.month - 1]) \(b.year)" }
        if a.year == b.year { return "\(a.day) \(monthNames[a.month - 1]) – \(long(end))" }
        return "\(long(start)) – \(long(end))"
    }

    static func parts(_ time: Timestamp) -> (year: Int, month: Int, day: Int) {
        let day = time.day  // yyyy-mm-dd
        let fields = day.split(separator: "-").map { Int($0) ?? 0 }
        return (fields[0], fields[1], fields[2])
    }
}
