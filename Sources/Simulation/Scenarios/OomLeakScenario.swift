/// A memory leak shipped in v1.5.0: memory gauges climb to the 2048 MB limit and the
/// kernel kills the task, with and without ECS's OutOfMemoryError string; one task in
/// between hangs with normal memory and is killed by health checks (a health_check
/// crash, not an OOM). A fix (v1.5.1) ends it.
enum OomLeakScenario {
    static let stable = TaskDefinition.production(31, version: "1.4.0")
    static let leaky = TaskDefinition.production(32, version: "1.5.0", leakMBPerHour: 150)
    static let fixed = TaskDefinition.production(33, version: "1.5.1")

    static let scenario = Scenario(
        name: "oom-leak",
        summary: "a memory leak: gauges climb to the limit, OOM kills with and without the ECS reason, one hang killed by health checks",
        windowStart: Happening.time("2026-03-05T00:00:00Z"),
        windowEnd: Happening.time("2026-03-06T00:00:00Z"),
        desiredCount: 1,
        initialDefinition: stable,
        initialTasksCreatedAt: [Happening.time("2026-03-04T22:10:31Z")],
        staleDefinition: nil,
        happenings: [
            .deploy("2026-03-05T03:10:00Z", leaky),
            .crash("2026-03-05T07:42:10Z", .oomKill(ecsReason: true)),
            .crash("2026-03-05T11:58:40Z", .oomKill(ecsReason: false)),
            .crash("2026-03-05T14:20:05Z", .hang(.loadBalancer)),
            .crash("2026-03-05T17:31:44Z", .oomKill(ecsReason: true), then: .current(after: 6 * 60)),
            .crash("2026-03-05T21:05:12Z", .oomKill(ecsReason: false)),
            .deploy("2026-03-05T22:30:00Z", fixed, oldTasks: .terminated),
        ],
        volume: LogVolume(requestEvery: 8...20, gaugeEvery: 30...60, probeEvery: 120, noiseRate: 0.03),
        export: ExportPlan(deliveries: [
            Delivery(LogGroups.application, .jsonLines(.init(folder: "cloudwatch/ecs-merxex-exchange", split: .hour))),
            Delivery(LogGroups.ecsEvents, .filterLogEvents(folder: "aws-events-ecs")),
            Delivery(LogGroups.heartbeat, .firehose(.init(folder: "firehose/heartbeat", concatenated: false))),
        ])
    )
}
