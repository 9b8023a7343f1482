/// The seed incident (`../shared/seed/000_15aed08a853954cd.md`): 19 crashes in the
/// 38 hours after the 2026-03-22 04:34 deployment of `merxex-exchange:15`, with
/// replacement tasks coming back from revision 14 in a development configuration
/// (GraphQL playground on), until the 2026-03-23 23:36 fix deploys revision 16.
///
/// Crash times are the seed's where it gives them; the seed numbers its outages
/// inconsistently, so the one crash it does not date (its "16th/17th") is placed at
/// 08:47 on day two. Revision 14 read `ENVIRONMENT` from a parameter that the week-15
/// work renamed: the task running before the deployment started with `production`,
/// every revision-14 task started after it falls back to `development`.
enum ReferenceScenario {
    static let week14 = TaskDefinition.production(14, version: "0.1.0", sidecar: nil)
    static let week14Drifted = TaskDefinition.development(14, version: "0.1.0")
    static let week15 = TaskDefinition.production(15, version: "0.2.0", leakMBPerHour: 60)
    static let fix = TaskDefinition.production(16, version: "0.1.0", sidecar: nil)

    /// A health-check kill whose replacement starts before the hung task is stopped.
    static let replaceFirstFromStale = Replacement(fromStaleRevision: true, startsBeforeStop: true)

    static let scenario = Scenario(
        name: "reference",
        summary: "the seed incident: deploy of :15 at 2026-03-22T04:34Z, 19 crashes over 38 h (OOM, panics, connection exhaustion, hangs), stale :14 replacements exposing /graphql, fix :16 at 2026-03-23T23:36Z",
        windowStart: Happening.time("2026-03-22T00:00:00Z"),
        windowEnd: Happening.time("2026-03-24T00:00:00Z"),
        desiredCount: 1,
        initialDefinition: week14,
        initialTasksCreatedAt: [Happening.time("2026-03-21T17:40:12Z")],
        staleDefinition: week14Drifted,
        happenings: [
            .deploy("2026-03-22T04:34:00Z", week15),
            // Day 1: nine crashes in sixteen hours.
            .crash("2026-03-22T12:53:04Z", .oomKill(ecsReason: true), then: .current(after: 14 * 60)),
            .crash("2026-03-22T13:12:41Z", .panic(.unwrapNone), then: .stale),
            .crash("2026-03-22T14:15:40Z", .poolStarvedHang(.loadBalancer), then: .current(after: 28 * 60)),
            .crash("2026-03-22T14:58:19Z", .poolTimeoutPanic, then: .stale),
            .crash("2026-03-22T15:55:07Z", .hang(.container)),
            .crash("2026-03-22T16:48:33Z", .oomKill(ecsReason: false), then: .stale),
            .crash("2026-03-22T17:38:52Z", .panic(.indexOutOfBoundsOldFormat)),
            .crash("2026-03-22T18:17:26Z", .poolStarvedHang(.loadBalancer)),
            .crash("2026-03-22T19:01:48Z", .oomKill(ecsReason: true), then: .stale(after: 15 * 60)),
            // The exposure is noticed; a forced redeployment of :15 replaces the stale task.
            .deploy("2026-03-22T21:12:00Z", week15),
            // Day 2: ten more.
            .crash("2026-03-23T00:25:14Z", .oomKill(ecsReason: true), then: .current(after: 18 * 60)),
            .crash("2026-03-23T01:36:09Z", .poolTimeoutPanic, then: .stale),
            .crash("2026-03-23T01:40:22Z", .tooManyClientsExit),
            .crash("2026-03-23T01:41:47Z", .tooManyClientsExit),
            .crash("2026-03-23T01:45:13Z", .tooManyClientsExit),
            .crash("2026-03-23T06:10:31Z", .oomKill(ecsReason: false)),
            .crash("2026-03-23T06:29:02Z", .panic(.sliceIndex), then: .stale),
            .crash("2026-03-23T08:47:55Z", .hang(.loadBalancer)),
            .crash("2026-03-23T11:03:18Z", .oomKill(ecsReason: true), then: .stale),
            .crash("2026-03-23T19:14:36Z", .hang(.loadBalancer), then: replaceFirstFromStale),
            // The fix: production configuration hard-coded, week-14 code.
            .deploy("2026-03-23T23:36:00Z", fix),
        ],
        volume: LogVolume(requestEvery: 3...9, gaugeEvery: 30...60, probeEvery: 60, noiseRate: 0.03),
        export: ExportPlan(deliveries: [
            Delivery(LogGroups.application, .jsonLines(.init(folder: "cloudwatch/ecs-merxex-exchange", split: .hour))),
            Delivery(LogGroups.ecsEvents, .jsonLines(.init(folder: "cloudwatch/aws-events-ecs", split: .day))),
            Delivery(LogGroups.heartbeat, .s3Export(prefix: "s3-export/monitoring-heartbeat")),
        ])
    )
}
