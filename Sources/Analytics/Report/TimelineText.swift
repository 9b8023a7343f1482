import Replay

/// The terminal rendering of a timeline (`replay timeline`): one line per event that matters,
/// `2026-03-22 12:53:04  +8h19m    CRASH C1 task a9cac947 exit 137: OutOfMemoryError: ...`.
///
/// Log-derived text (reasons) is redacted here; a terminal does not render Markdown,
/// so nothing else needs escaping, but control characters are replaced so a log line
/// cannot move the cursor or change colours.
public enum TimelineText {
    public static func lines(_ t: Timeline, redactor: Redactor = .standard) -> [String] {
        raw(t).map { sanitise(redactor.redact($0)) }
    }

    static func sanitise(_ line: String) -> String {
        String(String.UnicodeScalarView(line.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : $0 }))
    }

    static func raw(_ t: Timeline) -> [String] {
        var entries: [(at: Timestamp, order: Int, text: String)] = []
        for d in t.deployments {
            var text = "deployment \(d.taskDefinition ?? "?")"
            if let v = d.version { text += " (version \(v))" }
            if let id = d.deploymentId { text += " \(id)" }
            if d.source == .inferredFromTasks { text += " [inferred from tasks]" }
            entries.append((d.at, 0, text))
        }
        for task in t.tasks {
            if let s = task.startedAt {
                var text = "task \(short(task.id)) RUNNING \(task.taskDefinition ?? "?")"
                if let c = task.configuration { text += " env=\(c.environment ?? "?") version=\(c.version ?? "?")" + (c.playground == true ? " playground=on" : "") }
                if task.stale { text += " STALE" }
                if !task.seenByECS { text += " [from logs only]" }
                entries.append((s, 1, text))
            }
            for h in task.health where h.at >= (t.windowStart ?? h.at) {
                entries.append((h.at, 2, "task \(short(task.id)) \(h.status)"))
            }
        }
        for stop in t.otherStops { entries.append((stop.at, 3, "task \(short(stop.taskId)) stopped: \(stop.why.rawValue)")) }
        for c in t.crashes {
            var text = "CRASH \(c.id) task \(short(c.taskId))"
            if let code = c.exitCode { text += " exit \(code)" }
            if let r = c.containerReason ?? c.stoppedReason { text += ": \(r)" }
            if c.inferred { text += " [inferred]" }
            entries.append((c.at, 4, text))
        }
        for o in t.outages {
            entries.append((o.start, 5, "OUTAGE \(o.id) starts (\(o.startedBy))"))
            if let e = o.end { entries.append((e, 6, "outage \(o.id) ends after \(duration(e.secondsSince(o.start))) (\(o.endedBy ?? ""))")) }
        }
        for x in t.exposures {
            entries.append((x.start, 5, "EXPOSURE \(x.id) opens (\(x.kind.rawValue); tasks \(x.taskIds.map(short).joined(separator: ", ")))"))
            if let e = x.end { entries.append((e, 6, "exposure \(x.id) closes after \(duration(e.secondsSince(x.start)))")) }
        }
        entries.sort { ($0.at, $0.order) < ($1.at, $1.order) }
        var lines = ["window: \(t.windowStart?.iso8601 ?? "?") to \(t.windowEnd?.iso8601 ?? "?")"]
        for e in entries {
            let since = t.deployment(before: e.at).map { "+" + duration(e.at.secondsSince($0.at)) } ?? ""
            lines.append("\(e.at.day) \(e.at.clockSeconds)  \(since.padding(toLength: 9, withPad: " ", startingAt: 0)) \(e.text)")
        }
        let open = t.outages.filter { $0.end == nil }.map(\.id) + t.exposures.filter { $0.end == nil }.map(\.id)
        lines.append("\(t.crashes.count) crashes, \(t.outages.count) outages, \(t.exposures.count) exposures"
            + (open.isEmpty ? "" : "; still open at the window's end: \(open.joined(separator: ", "))"))
        return lines
    }

    static func short(_ id: String) -> String { String(id.prefix(8)) }

    static func duration(_ s: Int64) -> String {
        let h = s / 3600, m = (s % 3600) / 60
        return h > 0 ? "\(h)h\(m < 10 ? "0" : "")\(m)m" : "\(m)m\(s % 60 < 10 ? "0" : "")\(s % 60)s"
    }
}
