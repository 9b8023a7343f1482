/// Tells health probes and probes of sensitive paths apart, by the settings' path lists.
///
/// The lists are lower-cased once here, not for every probe asked about: the builder
/// used to lower-case every listed path for every probe, in three places, which was
/// 440 000 `lowercased()` calls for the benchmark's 46 000 probes. It now sorts the
/// health probes out once per build (`TimelineBuilder.build`).
struct ProbeKinds {
    private let healthPaths: [String]
    /// Each sensitive path lower-cased, and the same followed by `/` (its sub-paths).
    private let sensitivePaths: [(path: String, prefix: String)]

    init(_ settings: TimelineSettings) {
        healthPaths = settings.healthPaths.map { $0.lowercased() }
        sensitivePaths = settings.sensitivePaths.map { ($0.lowercased(), $0.lowercased() + "/") }
    }

    /// Outage evidence: a probe whose check is `health`, or whose path (any case) is a health path.
    func isHealth(_ probe: ProbeResult) -> Bool {
        if probe.check == "health" { return true }
        guard let path = probe.path?.lowercased() else { return false }
        return healthPaths.contains(path)
    }

    /// Exposure evidence: a path (any case) that is a sensitive path or below one.
    func isSensitive(_ path: String?) -> Bool {
        guard let path = path?.lowercased() else { return false }
        return sensitivePaths.contains { path == $0.path || path.hasPrefix($0.prefix) }
    }
}
