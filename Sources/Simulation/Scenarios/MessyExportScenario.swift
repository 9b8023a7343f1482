/// A short incident (a deployment, four crashes, one exposure from a stale
/// development-config replacement) exported the way real folders look: every shape,
/// overlapping copies of the same events, and damage (see `MessyArtifacts`).
enum MessyExportScenario {
    static let before = TaskDefinition.production(21, version: "0.3.0")
    static let drifted = TaskDefinition.development(21, version: "0.3.0")
    static let after = TaskDefinition.production(22, version: "0.3.1")

    static let scenario = Scenario(
        name: "messy-export",
        summary: "a 12 h incident in all four export shapes with overlaps, multi-member and truncated gzip, bad lines, empty, hidden and stray files",
        windowStart: Happening.time("2026-03-10T00:00:00Z"),
        windowEnd: Happening.time("2026-03-10T12:00:00Z"),
        desiredCount: 1,
        initialDefinition: before,
        initialTasksCreatedAt: [Happening.time("2026-03-09T20:00:41Z")],
        staleDefinition: drifted,
        happenings: [
            .deploy("2026-03-10T02:00:00Z", after),
            .crash("2026-03-10T04:10:33Z", .oomKill(ecsReason: true)),
            .crash("2026-03-10T05:02:10Z", .panic(.unwrapNone), then: .stale),
            .crash("2026-03-10T06:40:27Z", .poolStarvedHang(.loadBalancer)),
            .crash("2026-03-10T09:15:49Z", .tooManyClientsExit),
        ],
        volume: LogVolume(requestEvery: 10...25, gaugeEvery: 30...60, probeEvery: 60, noiseRate: 0.04),
        export: ExportPlan(deliveries: [
            // Application logs: hourly shape A (varied, two-member gzip), all of it again as an S3 export,
            // and two hours a third time through Firehose.
            Delivery(LogGroups.application, .jsonLines(.init(folder: "cloudwatch/ecs-merxex-exchange", split: .hour,
                                                                varied: true, multiMember: true))),
            Delivery(LogGroups.application, .s3Export(prefix: "s3-export/app")),
            Delivery(LogGroups.application, .firehose(.init(folder: "firehose/app", concatenated: true)),
                     from: "2026-03-10T04:00:00Z", to: "2026-03-10T06:00:00Z"),
            // ECS events: the CLI's document, and the first half again as JSON lines ending without a newline.
            Delivery(LogGroups.ecsEvents, .filterLogEvents(folder: "aws-events-ecs")),
            Delivery(LogGroups.ecsEvents, .jsonLines(.init(folder: "cloudwatch/aws-events-ecs", split: .hour,
                                                           varied: true, noFinalNewline: true)),
                     to: "2026-03-10T06:00:00Z"),
            // Probes: Firehose one record per line, and the second half again as an S3 export.
            Delivery(LogGroups.heartbeat, .firehose(.init(folder: "firehose/heartbeat", concatenated: false))),
            Delivery(LogGroups.heartbeat, .s3Export(prefix: "s3-export/heartbeat"), from: "2026-03-10T06:00:00Z"),
        ], damaged: true)
    )
}
