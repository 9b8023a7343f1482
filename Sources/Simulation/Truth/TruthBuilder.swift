import Replay

/// Derives `truth.json` from the simulated state, never from log text.
///
/// The definitions are the contract's (`output-contract.md`, "Words"): a crash is a
/// stop nobody asked for, at its `stoppedAt`; an outage runs from the earliest of
/// (the last healthy task turning UNHEALTHY or stopping, the first failing `/health`
/// probe) to the earliest of (a task turning HEALTHY, the first successful probe);
/// an exposure runs from a non-production task's RUNNING to its stop, overlapping
/// spans merged. The probes are simulated from the same state, so both bounds agree.
struct TruthBuilder {
    let world: SimulatedWorld
    let probes: [ProbeResult]

    func build() -> IncidentsDocument {
        var doc = IncidentsDocument()
        doc.window = .init(start: world.windowStart, end: world.windowEnd)
        doc.deployments = world.deployments.map {
            .init(at: $0.at, taskDefinition: $0.definition.name, version: $0.definition.version, deploymentId: $0.id)
        }
        doc.tasks = world.tasks.filter { $0.startedAt != nil }.map {
            .init(id: $0.id, taskDefinition: $0.definition.name, startedAt: $0.startedAt, stoppedAt: $0.stoppedAt,
                  environment: $0.definition.environment, version: $0.definition.version, stale: $0.stale)
        }
        doc.crashes = world.crashedTasks.enumerated().map { n, task in
            let failure = task.stopCause!.failure!
            return .init(id: "C\(n + 1)", task: task.id, at: task.stoppedAt!, cause: failure.cause, mechanism: failure.mechanism)
        }
        doc.outages = outages().enumerated().map { n, span in .init(id: "O\(n + 1)", start: span.start, end: span.end) }
        doc.exposures = exposures().enumerated().map { n, span in
            .init(id: "E\(n + 1)", start: span.start, end: span.end, kind: .nonProductionConfig, tasks: span.tasks)
        }
        return doc
    }

    // MARK: - Outages

    /// Periods in which no task was serving, bounded as the contract says.
    func outages() -> [(start: Timestamp, end: Timestamp?)] {
        let health = probes.filter { $0.check == .health }
        var spans: [(start: Timestamp, end: Timestamp?)] = []
        for gap in notServingPeriods() {
            let ecsGapStart = firstInstantWithoutECSHealthyTask(in: gap)
            let firstFailingProbe = health.first { probe in
                probe.at >= gap.start && (gap.end.map { probe.at < $0 } ?? true) && !probe.succeeded
            }?.at
            let candidates = [ecsGapStart, firstFailingProbe].compactMap { $0 }
            guard let start = candidates.min() else { continue }
            spans.append((start, gap.end))
        }
        return spans
    }

    /// Maximal intervals inside the window in which no task is serving; `end` is nil when still open.
    func notServingPeriods() -> [(start: Timestamp, end: Timestamp?)] {
        var instants = Set<Int64>()
        for task in world.tasks {
            if let h = task.healthyAt { instants.insert(h.millis) }
            if let e = task.servingEnd { instants.insert(e.millis) }
        }
        var periods: [(start: Timestamp, end: Timestamp?)] = []
        var openSince: Timestamp?
        for millis in instants.sorted() {
            let t = Timestamp(millis: millis)
            guard t >= world.windowStart, t < world.windowEnd else { continue }
            let serving = world.tasks.contains { $0.isServing(at: t) }
            if !serving, openSince == nil { openSince = t }
            if serving, let since = openSince { periods.append((since, t)); openSince = nil }
        }
        if let since = openSince { periods.append((since, nil)) }
        return periods
    }

    /// The instant within `gap` from which no task is ECS-healthy, if there is one.
    func firstInstantWithoutECSHealthyTask(in gap: (start: Timestamp, end: Timestamp?)) -> Timestamp? {
        var instants: [Timestamp] = [gap.start]
        for task in world.tasks {
            for t in [task.unhealthyAt, task.stoppedAt].compactMap({ $0 }) where t >= gap.start && (gap.end.map { t < $0 } ?? true) {
                instants.append(t)
            }
        }
        return instants.sorted().first { t in !world.tasks.contains { $0.isECSHealthy(at: t) } }
    }

    // MARK: - Exposures

    /// Union of the RUNNING-to-stop spans of tasks with a non-production configuration.
    func exposures() -> [(start: Timestamp, end: Timestamp?, tasks: [String])] {
        let spans = world.tasks.compactMap { task -> (Timestamp, Timestamp?, String)? in
            guard !task.definition.isProductionConfig, let started = task.startedAt, started < world.windowEnd else { return nil }
            return (max(started, world.windowStart), task.stoppedAt, task.id)
        }.sorted { $0.0 < $1.0 }
        var merged: [(start: Timestamp, end: Timestamp?, tasks: [String])] = []
        for (start, end, id) in spans {
            if var last = merged.last, last.end.map({ start <= $0 }) ?? true {
                last.end = (last.end == nil || end == nil) ? nil : max(last.end!, end!)
                last.tasks.append(id)
                merged[merged.count - 1] = last
            } else {
                merged.append((start, end, [id]))
            }
        }
        return merged
    }
}
