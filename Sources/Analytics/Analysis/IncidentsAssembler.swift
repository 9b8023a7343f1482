import Replay

/// Turns a timeline and its verdicts into the incidents JSON (`replay.incidents/1`).
///
/// Counts in `metrics` are the lengths of the lists, and every duration is
/// computed from the whole-second times printed next to it.
public struct IncidentsAssembler {
    public var settings: ReportSettings
    public var redactor: Redactor

    public init(settings: ReportSettings, redactor: Redactor = .standard) {
        self.settings = settings
        self.redactor = redactor
    }

    public func document(timeline: Timeline, attributions: [String: Attribution], input: IngestSummary?,
                         generatedAt: Timestamp) -> IncidentsDocument {
        var doc = IncidentsDocument()
        doc.generatedAt = generatedAt
        guard let window = timeline.window, let windowEnd = timeline.windowEnd else {
            doc.input = input?.incidentsInput
            doc.metrics = metrics(doc, windowStart: nil, windowEnd: nil, firstDeployment: nil)
            return doc
        }
        doc.window = .init(start: window.start, end: windowEnd)
        doc.input = input?.incidentsInput
        doc.deployments = timeline.deployments.map {
            .init(at: $0.at, taskDefinition: $0.taskDefinition, version: $0.version, deploymentId: $0.deploymentId)
        }
        doc.tasks = timeline.tasks.map {
            .init(id: $0.id, taskDefinition: $0.taskDefinition, startedAt: $0.startedAt, stoppedAt: $0.stoppedAt,
                  environment: $0.configuration?.environment, version: $0.configuration?.version, stale: $0.stale)
        }
        doc.crashes = timeline.crashes.map { crash in
            let a = attributions[crash.id]
            return .init(id: crash.id, task: crash.taskId, at: crash.at, exitCode: crash.exitCode,
                         stoppedReason: crash.stoppedReason.map { redactor.redact($0) },
                         cause: a?.cause ?? .unknown, mechanism: a?.mechanism ?? (crash.healthCheckKill ? .healthCheckKill : .exit),
                         confidence: a.map { IncidentMetrics.rounded($0.confidence) } ?? 0, rule: a?.ruleId,
                         sinceDeploymentSeconds: crash.sinceDeploymentSeconds, evidence: a?.evidence ?? [])
        }
        doc.outages = timeline.outages.map {
            .init(id: $0.id, start: $0.start, end: $0.end, durationSeconds: ($0.end ?? windowEnd).secondsSince($0.start), crashes: $0.crashIds)
        }
        doc.exposures = timeline.exposures.map {
            .init(id: $0.id, start: $0.start, end: $0.end, durationSeconds: ($0.end ?? windowEnd).secondsSince($0.start),
                  kind: $0.kind, tasks: $0.taskIds, evidence: $0.evidence)
        }
        doc.metrics = metrics(doc, windowStart: window.start, windowEnd: windowEnd, firstDeployment: timeline.deployments.first?.at)
        return doc
    }

    func metrics(_ doc: IncidentsDocument, windowStart: Timestamp?, windowEnd: Timestamp?, firstDeployment: Timestamp?) -> IncidentsDocument.Metrics {
        let end = windowEnd ?? Timestamp(millis: 0)
        let sinceDeployment = firstDeployment.map { d in doc.crashes.filter { $0.at >= d }.count }
        return IncidentsDocument.Metrics(
            crashes: doc.crashes.count, outages: doc.outages.count, exposures: doc.exposures.count,
            downtimeSeconds: IncidentMetrics.downtimeSeconds(doc.outages, windowEnd: end),
            exposureSeconds: IncidentMetrics.exposureSeconds(doc.exposures, windowEnd: end),
            crashesPerHour: windowStart.flatMap { IncidentMetrics.crashesPerHour(doc.crashes.count, from: $0, to: end) } ?? 0,
            crashesPerHourSinceDeployment: firstDeployment.flatMap { d in IncidentMetrics.crashesPerHour(sinceDeployment ?? 0, from: d, to: end) },
            mttrSeconds: IncidentMetrics.mttrSeconds(doc.outages),
            mtbfSeconds: IncidentMetrics.mtbfSeconds(doc.crashes),
            rollbackTrigger: .init(crashes: settings.rollbackCrashes, withinHours: settings.rollbackWithinHours,
                                   metAt: IncidentMetrics.rollbackMetAt(doc.crashes, count: settings.rollbackCrashes,
                                                                        withinHours: settings.rollbackWithinHours)))
    }
}
