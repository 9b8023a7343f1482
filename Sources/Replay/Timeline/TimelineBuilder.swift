/// Rebuilds the timeline from stored events, exactly as the contract defines its words.
///
/// Order matters and is the order of the steps below: tasks first (merged state
/// changes), then deployments (which need tasks to infer revisions), staleness
/// (which needs deployments), crashes, outages (which need crashes to cite) and
/// exposures. Each step lives in its own extension file.
public struct TimelineBuilder {
    public var settings: TimelineSettings
    public var redactor: (String) -> String

    public init(settings: TimelineSettings = TimelineSettings(), redactor: @escaping (String) -> String = { $0 }) {
        self.settings = settings
        self.redactor = redactor
    }

    public func build(_ source: TimelineSource, from: Timestamp? = nil, to: Timestamp? = nil) -> Timeline {
        var timeline = Timeline()
        guard let start = from ?? source.dataStart, let end = to ?? source.dataEnd, end >= start else { return timeline }
        timeline.window = Span(start: start, end: end)

        // Probes sorted out once: health probes are read by three steps below, sensitive paths by one.
        let probeKinds = ProbeKinds(settings)
        let healthProbes = source.probes.filter(probeKinds.isHealth)

        let allTasks = tasks(from: source)
        let allDeployments = deployments(from: source, tasks: allTasks)
        var tasks = markStale(allTasks, deployments: allDeployments)
        tasks = inferMissingStops(tasks, healthProbes: healthProbes, windowEnd: end)

        timeline.deployments = allDeployments.filter { $0.at >= start && $0.at <= end }
        timeline.tasks = tasks.filter { task in
            let begin = task.startedAt ?? task.createdAt ?? task.firstLogAt ?? start
            let finish = task.stoppedAt ?? end
            return begin <= end && finish >= start
        }
        // Exposures need neither crashes nor outages: they are found on another core meanwhile.
        let finalTasks = tasks
        let exposureWork = ConcurrentWork {
            self.exposures(tasks: finalTasks, probes: source.probes, probeKinds: probeKinds, source: source,
                           window: Span(start: start, end: end))
        }
        let (crashes, others) = crashesAndOtherStops(tasks, deployments: allDeployments, healthProbes: healthProbes,
                                                     window: Span(start: start, end: end))
        timeline.crashes = crashes
        timeline.otherStops = others
        timeline.outages = outages(tasks: tasks, healthProbes: healthProbes, crashes: crashes, dataStart: source.dataStart ?? start,
                                   window: Span(start: start, end: end))
        timeline.exposures = try! exposureWork.value()  // `exposures` does not throw
        return timeline
    }

    // MARK: tasks

    /// Merges each task's state changes (in time order) into one record.
    func tasks(from source: TimelineSource) -> [TaskRecord] {
        var order: [String] = []
        var byTask: [String: [TaskStateChange]] = [:]
        for change in source.taskChanges {
            if byTask[change.taskId] == nil { order.append(change.taskId) }
            byTask[change.taskId, default: []].append(change)
        }
        var records: [TaskRecord] = []
        for id in order {
            let changes = byTask[id]!.sorted { ($0.time, $0.sequence ?? 0) < ($1.time, $1.sequence ?? 0) }
            var t = TaskRecord(id: id, health: [])
            for (index, c) in changes.enumerated() {
                t.taskDefinition = c.taskDefinition ?? t.taskDefinition
                t.createdAt = t.createdAt ?? c.createdAt
                if let s = c.startedAt { t.startedAt = s } else if c.lastStatus == "RUNNING", t.startedAt == nil { t.startedAt = c.time }
                t.stoppingAt = c.stoppingAt ?? t.stoppingAt
                if let s = c.stoppedAt { t.stoppedAt = s } else if c.lastStatus == "STOPPED", t.stoppedAt == nil { t.stoppedAt = c.time }
                t.stopCode = c.stopCode ?? t.stopCode
                t.stoppedReason = c.stoppedReason ?? t.stoppedReason
                t.lastStatus = c.lastStatus ?? t.lastStatus
                t.desiredStatus = c.desiredStatus ?? t.desiredStatus
                t.startedBy = c.startedBy ?? t.startedBy
                if let group = c.group { t.service = group.hasPrefix("service:") ? String(group.dropFirst(8)) : group }
                if let status = c.healthStatus, status == "HEALTHY" || status == "UNHEALTHY", t.health.last?.status != status {
                    // A task first seen already healthy (logs began mid-life) has been healthy since it started.
                    let at = (t.health.isEmpty && index == 0 && status == "HEALTHY") ? min(c.time, t.startedAt ?? c.time) : c.time
                    t.health.append((at, status))
                }
                if c.lastStatus == "STOPPED" || !c.containers.isEmpty, let essential = EssentialContainer.pick(c.containers) {
                    t.essentialContainer = essential.name
                    t.exitCode = essential.exitCode ?? t.exitCode
                    t.containerReason = essential.reason ?? t.containerReason
                }
            }
            records.append(t)
        }
        // Tasks known only from their logs (ECS events missing).
        let known = Set(order)
        for (id, activity) in source.logActivity where !known.contains(id) {
            var t = TaskRecord(id: id, health: [])
            t.seenByECS = false
            t.startedAt = activity.first
            records.append(t)
        }
        for i in records.indices {
            let id = records[i].id
            if let configuration = source.configurations[id] {
                records[i].configuration = configuration.configuration
                records[i].configurationAt = configuration.at
            }
            if let activity = source.logActivity[id] {
                records[i].firstLogAt = activity.first
                records[i].lastLogAt = activity.last
            }
        }
        return records.sorted { ($0.startedAt ?? $0.createdAt ?? $0.firstLogAt ?? Timestamp(millis: 0), $0.id)
            < ($1.startedAt ?? $1.createdAt ?? $1.firstLogAt ?? Timestamp(millis: 0), $1.id) }
    }

    /// A task whose STOPPED event is missing (or that ECS never named) ended when it went silent
    /// (for `silenceSeconds` before the window's end) and either a later task started or the
    /// service's health probes failed after its last line. Silence alone is not an end: a quiet
    /// service may simply have nothing to log.
    func inferMissingStops(_ tasks: [TaskRecord], healthProbes health: [ProbeResult], windowEnd: Timestamp) -> [TaskRecord] {
        var tasks = tasks
        for i in tasks.indices where tasks[i].stoppedAt == nil {
            guard let last = tasks[i].lastLogAt, last.adding(seconds: settings.silenceSeconds) < windowEnd else { continue }
            // A task ECS knows (its STOPPED event missing) is replaced only by one that starts soon
            // after it went silent: a scale-out hours later says nothing about a quiet task.
            let horizon = tasks[i].seenByECS ? last.adding(seconds: 3 * settings.silenceSeconds) : windowEnd
            let replaced = tasks.contains { other in
                guard other.id != tasks[i].id, let begin = other.startedAt ?? other.firstLogAt else { return false }
                return begin > last && begin <= horizon
            }
            let failedAfter = health.first { $0.at > last }.map { !$0.succeeded } ?? false
            if replaced || failedAfter {
                tasks[i].stoppedAt = last
                tasks[i].stopInferred = true
            }
        }
        return tasks
    }
}
