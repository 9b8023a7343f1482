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

    /// The probes on sensitive paths, as indices into `probes` in their order, grouped by path
    /// (as stored) and the groups sorted by path.
    ///
    /// Probes repeat a handful of paths, and equal paths are mostly the same String (see
    /// `RepeatedTextColumn`), which compares at once: the verdict for a path already seen
    /// is looked up among the last few seen, and a probe usually joins the group the one
    /// before it joined, so neither lower-casing nor hashing runs for every probe.
    func sensitiveProbes(in probes: [ProbeResult]) -> [(path: String, indices: [Int])] {
        var verdicts: [(path: String, sensitive: Bool)] = []
        var groups: [(path: String, indices: [Int])] = []
        var groupByPath: [String: Int] = [:]
        var lastGroup: Int?
        for index in probes.indices {
            guard let path = probes[index].path else { continue }
            let sensitive: Bool
            if let known = verdicts.first(where: { $0.path == path }) {
                sensitive = known.sensitive
            } else {
                sensitive = isSensitive(path)
                if verdicts.count < 16 { verdicts.append((path, sensitive)) }
            }
            guard sensitive else { continue }
            if let last = lastGroup, groups[last].path == path {
                groups[last].indices.append(index)
            } else if let group = groupByPath[path] {
                groups[group].indices.append(index)
                lastGroup = group
            } else {
                groups.append((path, [index]))
                groupByPath[path] = groups.count - 1
                lastGroup = groups.count - 1
            }
        }
        return groups.sorted { $0.path < $1.path }
    }
}
