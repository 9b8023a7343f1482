import Replay

/// The headline numbers, one documented formula each. Durations are whole seconds
/// computed from the printed (whole-second) times, so every figure a reader can
/// re-add from the report adds up exactly.
public enum IncidentMetrics {
    /// Downtime: the total length of the outages (they never overlap), open ones counted to the window's end.
    public static func downtimeSeconds(_ outages: [IncidentsDocument.Outage], windowEnd: Timestamp) -> Int64 {
        outages.reduce(0) { $0 + ($1.end ?? windowEnd).secondsSince($1.start) }
    }

    /// Exposure time: the total length of the exposure windows (never overlapping), open ones to the window's end.
    public static func exposureSeconds(_ exposures: [IncidentsDocument.Exposure], windowEnd: Timestamp) -> Int64 {
        exposures.reduce(0) { $0 + ($1.end ?? windowEnd).secondsSince($1.start) }
    }

    /// Crash rate: crashes divided by the hours between `from` and `to` (nil for an empty span).
    public static func crashesPerHour(_ crashes: Int, from: Timestamp, to: Timestamp) -> Double? {
        let hours = Double(to.secondsSince(from)) / 3600
        return hours > 0 ? rounded(Double(crashes) / hours) : nil
    }

    /// MTTR (mean time to recover): the mean duration of the closed outages.
    public static func mttrSeconds(_ outages: [IncidentsDocument.Outage]) -> Int64? {
        let closed = outages.compactMap { o in o.end.map { $0.secondsSince(o.start) } }
        return closed.isEmpty ? nil : closed.reduce(0, +) / Int64(closed.count)
    }

    /// MTBF (mean time between failures): the mean gap between consecutive crashes.
    public static func mtbfSeconds(_ crashes: [IncidentsDocument.Crash]) -> Int64? {
        guard crashes.count >= 2 else { return nil }
        let times = crashes.map(\.at).sorted()
        return times.last!.secondsSince(times.first!) / Int64(times.count - 1)
    }

    /// Rollback trigger: the first crash at which `count` crashes fall within `withinHours` hours ending at it.
    public static func rollbackMetAt(_ crashes: [IncidentsDocument.Crash], count: Int, withinHours: Int) -> Timestamp? {
        guard count > 0 else { return nil }
        let times = crashes.map(\.at).sorted()
        guard times.count >= count else { return nil }
        for i in (count - 1)..<times.count where times[i].secondsSince(times[i - count + 1]) <= Int64(withinHours) * 3600 {
            return times[i]
        }
        return nil
    }

    static func rounded(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }
}
