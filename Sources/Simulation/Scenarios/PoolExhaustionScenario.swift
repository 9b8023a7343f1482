/// The database runs out of connections, with two tasks serving: pool timeouts and
/// "too many clients" storms, tasks killed by health checks while starved, panics on
/// an unwrapped pool timeout, and panics that have nothing to do with the pool.
/// With two tasks most crashes leave the other one serving: crashes without outages.
enum PoolExhaustionScenario {
    static let current = TaskDefinition.production(7, version: "2.3.0", sidecar: "datadog-agent")
    static let patch = TaskDefinition.production(8, version: "2.3.1", sidecar: "datadog-agent")

    static let scenario = Scenario(
        name: "pool-exhaustion",
        summary: "connection exhaustion with two tasks: pool timeouts, too-many-clients storms, health-check kills, pool-timeout panics and unrelated panics",
        windowStart: Happening.time("2026-03-12T00:00:00Z"),
        windowEnd: Happening.time("2026-03-13T00:00:00Z"),
        desiredCount: 2,
        initialDefinition: current,
        initialTasksCreatedAt: [Happening.time("2026-03-11T19:02:44Z"), Happening.time("2026-03-11T19:02:51Z")],
        staleDefinition: nil,
        happenings: [
            .crash("2026-03-12T02:14:30Z", .poolTimeoutPanic),
            // A storm: both tasks starve and are killed; nothing serves until a replacement is healthy.
            .crash("2026-03-12T05:40:12Z", .poolStarvedHang(.loadBalancer), target: .oldest),
            .crash("2026-03-12T05:40:55Z", .poolStarvedHang(.container), target: .newest),
            .crash("2026-03-12T09:03:27Z", .tooManyClientsExit, target: .oldest),
            .crash("2026-03-12T09:06:40Z", .tooManyClientsExit, target: .newest),
            .deploy("2026-03-12T11:00:00Z", patch),
            .crash("2026-03-12T13:22:08Z", .panic(.unwrapNone)),
            .crash("2026-03-12T16:05:45Z", .poolTimeoutPanic, target: .newest),
            .crash("2026-03-12T18:51:37Z", .panic(.sliceIndex), target: .newest),
            .crash("2026-03-12T20:30:10Z", .hang(.container)),
        ],
        volume: LogVolume(requestEvery: 6...15, gaugeEvery: 30...60, probeEvery: 60, noiseRate: 0.04),
        export: ExportPlan(deliveries: [
            Delivery(LogGroups.application, .s3Export(prefix: "s3-export/ecs-merxex-exchange")),
            Delivery(LogGroups.ecsEvents, .jsonLines(.init(folder: "cloudwatch/aws-events-ecs", split: .day))),
            Delivery(LogGroups.heartbeat, .filterLogEvents(folder: "monitoring-heartbeat")),
        ])
    )
}
