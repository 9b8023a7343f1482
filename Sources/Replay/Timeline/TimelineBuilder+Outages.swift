/// Outages: spans with no healthy task.
///
/// ECS health events decide whether and when; `/health` probes sharpen the edges
/// (an outage starts at the first failing probe if probes failed before ECS
/// noticed, and ends at the first successful probe if the service answered before
/// ECS marked a task healthy). Where no ECS task data covers a time, a run of
/// failing probes alone makes an outage.
extension TimelineBuilder {
    /// Outages per ECS service (an outage of one service is not healed by another's tasks).
    /// With several services, a probe counts for a service only when its URL or body names it.
    /// `healthProbes` are the health probes only, in time order.
    func outages(tasks: [TaskRecord], healthProbes: [ProbeResult], crashes: [CrashRecord], dataStart: Timestamp, window: Span) -> [OutageRecord] {
        let services = Set(tasks.compactMap(\.service)).sorted()
        guard services.count > 1 else {
            return number(serviceOutages(tasks: tasks, healthProbes: healthProbes, crashes: crashes, dataStart: dataStart, window: window),
                          crashes: crashes, tasks: tasks, window: window)
        }
        var all: [OutageRecord] = []
        for service in services {
            let own = tasks.filter { $0.service == service }
            let ids = Set(own.map(\.id))
            let named = healthProbes.filter { p in
                (p.url ?? "").lowercased().contains(service.lowercased()) || (p.check.lowercased().contains(service.lowercased()))
            }
            all += serviceOutages(tasks: own, healthProbes: named, crashes: crashes.filter { ids.contains($0.taskId) },
                                  dataStart: dataStart, window: window)
        }
        return number(all.sorted { $0.start < $1.start }, crashes: crashes, tasks: tasks, window: window)
    }

    func serviceOutages(tasks: [TaskRecord], healthProbes: [ProbeResult], crashes: [CrashRecord], dataStart: Timestamp, window: Span) -> [OutageRecord] {
        let end = window.end ?? window.start
        var healthy: [Span] = []
        var labels: [(at: Timestamp, text: String)] = []  // why each healthy span ended
        for task in tasks {
            for span in healthySpans(task, dataStart: dataStart) {
                healthy.append(span)
                if let e = span.end {
                    let why = task.health.contains { $0.at == e && $0.status == "UNHEALTHY" } ? "task \(task.id) UNHEALTHY" : "task \(task.id) stopped"
                    labels.append((e, why))
                }
            }
        }
        let merged = Span.union(healthy)
        var gaps: [(span: Span, startedBy: String, endedBy: String?, healthySince: Timestamp)] = []
        for (i, span) in merged.enumerated() {
            guard let gapStart = span.end else { continue }
            let gapEnd = i + 1 < merged.count ? merged[i + 1].start : nil
            let why = labels.last { $0.at == gapStart }?.text ?? "no healthy task"
            gaps.append((Span(start: gapStart, end: gapEnd), why, gapEnd == nil ? nil : "a task HEALTHY", span.start))
        }
        // Probe edges.
        var refined: [(span: Span, startedBy: String, endedBy: String?)] = []
        for gap in gaps {
            var span = gap.span
            var startedBy = gap.startedBy
            var endedBy = gap.endedBy
            // Probes may fail before ECS notices, but not before the service was last seen healthy.
            if let earlier = firstFailureOfRun(endingAt: span.start, notBefore: gap.healthySince, probes: healthProbes) {
                span.start = earlier
                startedBy = "/health probe failed"
            }
            if let success = healthProbes.first(where: { $0.succeeded && $0.at > span.start && $0.at < span.endOr(end.adding(seconds: 1)) }) {
                span.end = success.at
                endedBy = "/health probe succeeded"
            }
            refined.append((span, startedBy, endedBy))
        }
        // Probe-only outages where ECS says nothing about any task.
        let coverage: Span? = {
            let begins = tasks.filter(\.seenByECS).compactMap { $0.createdAt ?? $0.startedAt }
            guard let first = begins.min() else { return nil }
            return Span(start: first, end: nil)
        }()
        for run in failingRuns(healthProbes) {
            let covered = coverage.map { run.start >= $0.start } ?? false
            if !covered, !refined.contains(where: { overlaps($0.span, run, end: end) }) {
                refined.append((run, "/health probe failed", run.end == nil ? nil : "/health probe succeeded"))
            }
        }
        // Clip, merge, number, attach crashes.
        var result: [OutageRecord] = []
        for item in refined.sorted(by: { $0.span.start < $1.span.start }) {
            guard let span = item.span.clipped(from: window.start, to: end) else { continue }
            if var last = result.last, let lastEnd = last.end, span.start <= lastEnd {
                last.end = span.end.map { max($0, lastEnd) }
                last.endedBy = item.endedBy
                result[result.count - 1] = last
                continue
            }
            if let last = result.last, last.end == nil { continue }
            result.append(OutageRecord(id: "", start: span.start, end: span.end == end ? nil : span.end, crashIds: [],
                                       startedBy: item.startedBy, endedBy: item.endedBy))
        }
        return result
    }

    /// Numbers outages O1... in time order and gives each crash to exactly one outage.
    func number(_ outages: [OutageRecord], crashes: [CrashRecord], tasks: [TaskRecord], window: Span) -> [OutageRecord] {
        var result = outages
        let end = window.end ?? window.start
        // An outage's crashes: those during it (or just before), and those of a task whose
        // failing health began it even if ECS stopped the task after a replacement was healthy.
        let unhealthyAt: [String: [Timestamp]] = Dictionary(grouping: tasks.flatMap { t in
            t.health.filter { $0.status == "UNHEALTHY" }.map { (t.id, $0.at) } }, by: \.0).mapValues { $0.map(\.1) }
        for i in result.indices { result[i].id = "O\(i + 1)" }
        for crash in crashes {
            let slack = settings.outageCrashSlackSeconds
            let target = result.firstIndex { crash.at >= $0.start && crash.at <= ($0.end ?? end) }
                ?? result.firstIndex { crash.at >= $0.start.adding(seconds: -slack) && crash.at < $0.start }
                ?? result.firstIndex { o in
                    let to = o.end ?? end
                    let began = (unhealthyAt[crash.taskId] ?? []).contains { $0 >= o.start.adding(seconds: -slack) && $0 <= to }
                    return began && crash.at > to && crash.at <= to.adding(seconds: settings.silenceSeconds)
                }
            if let target { result[target].crashIds.append(crash.id) }
        }
        return result
    }

    /// When a task was healthy: from HEALTHY to UNHEALTHY or its stop; a task whose
    /// health is never reported (no health check) counts as healthy while RUNNING.
    func healthySpans(_ task: TaskRecord, dataStart: Timestamp) -> [Span] {
        let stop = task.stoppedAt
        if !task.seenByECS {
            guard let first = task.firstLogAt else { return [] }
            return [Span(start: first, end: task.stoppedAt)]
        }
        if task.health.isEmpty {
            guard let running = task.startedAt, task.lastStatus != nil else { return [] }
            if let stop, stop <= running { return [] }
            return [Span(start: running, end: stop)]
        }
        var spans: [Span] = []
        var open: Timestamp?
        for transition in task.health {
            if let stop, transition.at >= stop { break }
            if transition.status == "HEALTHY" {
                if open == nil { open = transition.at }
            } else if let o = open {
                spans.append(Span(start: o, end: transition.at))
                open = nil
            }
        }
        if let o = open { spans.append(Span(start: o, end: stop)) }
        return spans
    }

    /// The first failing probe of the run of failures that ends at or after `at`
    /// (within 15 minutes before it, and after `notBefore`).
    func firstFailureOfRun(endingAt at: Timestamp, notBefore: Timestamp, probes: [ProbeResult]) -> Timestamp? {
        guard let index = probes.lastIndex(where: { $0.at <= at }) else { return nil }
        var i = index
        var earliest: Timestamp?
        while i >= 0, !probes[i].succeeded, probes[i].at >= at.adding(seconds: -900), probes[i].at > notBefore {
            earliest = probes[i].at
            i -= 1
        }
        return earliest
    }

    /// Runs of consecutive failing probes, each ending at the next success (open if none).
    func failingRuns(_ probes: [ProbeResult]) -> [Span] {
        var runs: [Span] = []
        var start: Timestamp?
        for p in probes {
            if !p.succeeded {
                if start == nil { start = p.at }
            } else if let s = start {
                runs.append(Span(start: s, end: p.at))
                start = nil
            }
        }
        if let s = start { runs.append(Span(start: s, end: nil)) }
        return runs
    }

    func overlaps(_ a: Span, _ b: Span, end: Timestamp) -> Bool {
        a.start < b.endOr(end) && b.start < a.endOr(end)
    }
}
