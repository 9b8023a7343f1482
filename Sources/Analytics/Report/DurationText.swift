/// Writes durations the one way the report prints them.
///
/// The hand-written postmortem mixed "1h 8m", "68 min" and "~20 min"; a reader
/// comparing figures should not have to convert. So: at least an hour is `1h 08m`
/// (hours never roll into days, "36h 40m after deployment" reads better than
/// "1d 12h"), under an hour `16m 36s`, under a minute `45s`. Values are cut, not
/// rounded, so a printed part never exceeds the whole it belongs to. Where the exact
/// figure matters (appendix, totals) ``precise(_:)`` adds the seconds.
public enum DurationText {
    /// `1h 08m`, `16m 36s`, `45s`, `0s`. Negative durations print as `0s`.
    public static func short(_ seconds: Int64) -> String {
        let s = max(seconds, 0)
        let hours = s / 3600, minutes = s / 60 % 60, rest = s % 60
        if hours > 0 { return "\(hours)h \(twoDigits(minutes))m" }
        if minutes > 0 { return "\(minutes)m \(twoDigits(rest))s" }
        return "\(rest)s"
    }

    /// `1h 08m (4,080 s)`: the short form and the exact seconds, for figures a reader may check.
    public static func precise(_ seconds: Int64) -> String {
        let s = max(seconds, 0)
        return s < 60 ? short(s) : "\(short(s)) (\(NumberText.grouped(s)) s)"
    }

    /// Hours with two decimals for formulas: `4080` -> `1.13`.
    public static func hours(_ seconds: Int64) -> String {
        NumberText.fixed(Double(max(seconds, 0)) / 3600, decimals: 2)
    }

    static func twoDigits(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
