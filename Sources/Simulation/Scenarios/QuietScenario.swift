/// Two uneventful days: rolling deployments (old tasks exit 143, or 137 when they
/// ignore SIGTERM), a scale-out to two tasks and back, a task stopped by hand, and
/// plenty of benign errors and near-miss words. Truth: no crash, outage or exposure.
enum QuietScenario {
    static let v300 = TaskDefinition.production(40, version: "3.0.0")
    static let v310 = TaskDefinition.production(41, version: "3.1.0")
    static let v311 = TaskDefinition.production(42, version: "3.1.1")

    static let scenario = Scenario(
        name: "quiet",
        summary: "two healthy days: rolling deployments, scale-out and scale-in, a user stop, benign errors; no crash, outage or exposure",
        windowStart: Happening.time("2026-03-16T00:00:00Z"),
        windowEnd: Happening.time("2026-03-18T00:00:00Z"),
        desiredCount: 1,
        initialDefinition: v300,
        initialTasksCreatedAt: [Happening.time("2026-03-15T08:12:09Z")],
        staleDefinition: nil,
        happenings: [
            .deploy("2026-03-16T10:15:00Z", v310, oldTasks: .terminated),
            .scale("2026-03-16T12:00:00Z", to: 2),
            .userStop("2026-03-16T15:30:00Z", target: .oldest, behavior: .graceful),
            .deploy("2026-03-17T09:40:00Z", v311, oldTasks: .killedAfterTimeout),
            .scale("2026-03-17T20:00:00Z", to: 1, stopping: .terminated),
        ],
        volume: LogVolume(requestEvery: 10...30, gaugeEvery: 30...60, probeEvery: 300, noiseRate: 0.08),
        export: ExportPlan(deliveries: [
            Delivery(LogGroups.application, .firehose(.init(folder: "firehose/ecs-merxex-exchange", concatenated: true))),
            Delivery(LogGroups.ecsEvents, .jsonLines(.init(folder: "cloudwatch/aws-events-ecs", split: .day))),
            Delivery(LogGroups.heartbeat, .jsonLines(.init(folder: "cloudwatch/monitoring-heartbeat", split: .day))),
        ])
    )
}
