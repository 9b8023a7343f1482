import Testing
@testable import Replay

/// The timeline's words, on small hand-built histories with known answers.
@Suite struct TimelineBuilderTests {
    @Test func aReplacementFromAnOlderRevisionAfterADeploymentIsStale() {
        var s = T.source([
            T.life("old", start: "01:00:00", healthy: "01:00:30", stop: "04:36:00", revision: 14, stopCode: "ServiceSchedulerInitiated",
                   reason: "Scaling activity initiated by (deployment ecs-svc/1)", exitCode: 143),
            T.life("new", start: "04:35:00", healthy: "04:35:30", stop: "12:53:04", revision: 15),
            T.life("stale", start: "12:54:00", healthy: "12:54:30", revision: 14),
        ], deployments: ["04:34:00"])
        T.configure(&s, "stale", environment: "development", at: "12:54:01")
        let t = T.build(s)
        #expect(t.deployments.map(\.taskDefinition) == ["merxex-exchange:15"])
        #expect(t.task("stale")?.stale == true)
        #expect(t.task("old")?.stale == false)
        #expect(t.task("new")?.stale == false)
        #expect(t.crashes.map(\.taskId) == ["new"])  // the deployment replacement is not a crash
        #expect(t.crashes.first?.sinceDeploymentSeconds == Int64(8 * 3600 + 19 * 60 + 4))
    }

    @Test func aNewerRevisionWithNoDeploymentEventIsAnInferredDeployment() {
        let t = T.build(T.source([
            T.life("a", start: "01:00:00", healthy: "01:00:30", stop: "05:00:40", revision: 14, stopCode: "ServiceSchedulerInitiated",
                   reason: "Scaling activity initiated by (deployment ecs-svc/9)", exitCode: 0),
            T.life("b", start: "05:00:00", healthy: "05:00:20", revision: 15),
        ]))
        #expect(t.deployments.count == 1)
        #expect(t.deployments.first?.taskDefinition == "merxex-exchange:15")
        #expect(t.deployments.first?.source == .inferredFromTasks)
        #expect(t.crashes.isEmpty)
        #expect(t.outages.isEmpty)
    }

    @Test func anOutageRunsFromUnhealthyToTheReplacementsHealthy() {
        let t = T.build(T.source([
            T.life("a", start: "01:00:00", healthy: "01:00:30", unhealthy: "12:53:02", stop: "12:53:04"),
            T.life("b", start: "12:55:00", healthy: "13:07:58"),
        ]))
        #expect(t.outages.count == 1)
        #expect(t.outages.first?.start == T.at("12:53:02"))
        #expect(t.outages.first?.end == T.at("13:07:58"))
        #expect(t.outages.first?.crashIds == ["C1"])
    }

    @Test func probesThatFailBeforeECSNoticesMoveTheStartAndAnEarlySuccessMovesTheEnd() {
        let t = T.build(T.source([
            T.life("a", start: "01:00:00", healthy: "01:00:30", unhealthy: "12:53:02", stop: "12:53:04"),
            T.life("b", start: "12:55:00", healthy: "13:07:58"),
        ], probes: [T.probe("12:50:00", 200), T.probe("12:51:00", 0), T.probe("12:52:00", 503),
                    T.probe("13:06:00", 200), T.probe("13:08:00", 200)]))
        #expect(t.outages.first?.start == T.at("12:51:00"))
        #expect(t.outages.first?.end == T.at("13:06:00"))
    }

    @Test func aFailingProbeWhileECSShowsAHealthyTaskIsNotAnOutage() {
        let t = T.build(T.source([T.life("a", start: "01:00:00", healthy: "01:00:30")],
                                 probes: [T.probe("05:00:00", 200), T.probe("05:01:00", 0), T.probe("05:02:00", 200)]))
        #expect(t.outages.isEmpty)
    }

    @Test func withTwoTasksAnOutageNeedsBothDown() {
        let t = T.build(T.source([
            T.life("a", start: "01:00:00", healthy: "01:00:30", unhealthy: "03:00:00", stop: "03:00:05"),
            T.life("b", start: "01:00:00", healthy: "01:00:40", unhealthy: "03:10:00", stop: "03:10:05"),
            T.life("c", start: "03:01:00", healthy: "03:20:00"),
        ]))
        #expect(t.crashes.count == 2)
        #expect(t.outages.count == 1)
        #expect(t.outages.first?.start == T.at("03:10:00"))
        #expect(t.outages.first?.end == T.at("03:20:00"))
    }

    @Test func tasksOfAnotherServiceDoNotHealAnOutage() {
        let t = T.build(T.source([
            T.life("a", start: "01:00:00", healthy: "01:00:30", unhealthy: "03:00:00", stop: "03:00:05"),
            T.life("b", start: "03:05:00", healthy: "03:06:00"),
            T.life("other", start: "01:00:00", healthy: "01:00:30", service: "billing"),
        ]))
        #expect(t.outages.count == 1)
        #expect(t.outages.first?.start == T.at("03:00:00"))
    }

    @Test func withoutAnyECSEventsARunOfFailingProbesIsAnOutage() {
        let t = T.build(T.source([], probes: [T.probe("02:00:00", 200), T.probe("02:01:00", 0), T.probe("02:02:00", 0),
                                              T.probe("02:03:00", 200)]))
        #expect(t.outages.count == 1)
        #expect(t.outages.first?.start == T.at("02:01:00"))
        #expect(t.outages.first?.end == T.at("02:03:00"))
    }

    @Test func anOutageStillOpenAtTheWindowsEndHasNoEnd() {
        let t = T.build(T.source([T.life("a", start: "01:00:00", healthy: "01:00:30", unhealthy: "23:00:00", stop: "23:00:02")]))
        #expect(t.outages.count == 1)
        #expect(t.outages.first?.end == nil)
    }

    @Test func aTaskKnownOnlyFromItsLogsIsNotACrashOnAHealthyService() {
        var s = T.source([T.life("b", start: "06:00:00", healthy: "06:00:30")],
                         probes: [T.probe("05:00:00", 200), T.probe("05:10:00", 200)])
        s.logActivity["a"] = (T.at("01:00:00"), T.at("05:59:00"))
        let t = T.build(s)
        #expect(t.crashes.isEmpty)
        #expect(t.task("a")?.seenByECS == false)
    }

    @Test func aSilentTaskFollowedByFailingProbesIsAnInferredCrash() {
        var s = T.source([T.life("b", start: "06:00:00", healthy: "06:03:00")],
                         probes: [T.probe("05:58:00", 200), T.probe("06:00:30", 0), T.probe("06:01:30", 0), T.probe("06:04:00", 200)])
        s.logActivity["a"] = (T.at("01:00:00"), T.at("05:59:00"))
        let t = T.build(s)
        #expect(t.crashes.count == 1)
        #expect(t.crashes.first?.inferred == true)
        #expect(t.crashes.first?.at == T.at("05:59:00"))
    }

    @Test func exposuresUniteNonProductionTasksAndSensitivePathProbes() {
        var s = T.source([
            T.life("dev", start: "10:00:00", healthy: "10:00:30", stop: "11:00:00", revision: 14),
            T.life("prod", start: "11:00:10", healthy: "11:00:40"),
        ], probes: [T.probe("10:01:00", 200, path: "/graphql"), T.probe("11:00:30", 404, path: "/graphql"),
                    T.probe("15:00:00", 200, path: "/graphql"), T.probe("15:05:00", 404, path: "/graphql")])
        T.configure(&s, "dev", environment: "development", at: "10:00:01")
        T.configure(&s, "prod", environment: "production", at: "11:00:11")
        let t = T.build(s)
        #expect(t.exposures.count == 2)
        // the task's stop closes it, not the next probe
        #expect(t.exposures.first?.start == T.at("10:00:00"))
        #expect(t.exposures.first?.end == T.at("11:00:00"))
        #expect(t.exposures.first?.kind == .nonProductionConfig)
        #expect(t.exposures.first?.taskIds == ["dev"])
        // a probe-only window
        #expect(t.exposures.last?.kind == .sensitivePathServed)
        #expect(t.exposures.last?.start == T.at("15:00:00"))
        #expect(t.exposures.last?.end == T.at("15:05:00"))
    }

    @Test func theWindowRestrictsWhatIsReported() {
        let s = T.source([
            T.life("a", start: "01:00:00", healthy: "01:00:30", unhealthy: "03:00:00", stop: "03:00:02"),
            T.life("b", start: "03:01:00", healthy: "03:02:00", unhealthy: "09:00:00", stop: "09:00:02"),
            T.life("c", start: "09:01:00", healthy: "09:02:00"),
        ])
        let t = TimelineBuilder().build(s, from: T.at("06:00:00"), to: T.at("12:00:00"))
        #expect(t.crashes.map(\.taskId) == ["b"])
        #expect(t.outages.count == 1)
        #expect(t.outages.first?.start == T.at("09:00:00"))
    }
}

/// Deployments nobody announced are still found.
@Suite struct InferredDeploymentTests {
    @Test func aNewVersionOnTheSameRevisionWithoutAnEventIsAnInferredDeployment() {
        var s = T.source([
            T.life("a", start: "01:00:00", healthy: "01:00:30", stop: "05:00:40", stopCode: "ServiceSchedulerInitiated",
                   reason: "Scaling activity initiated by (deployment ecs-svc/9)", exitCode: 0),
            T.life("b", start: "05:00:00", healthy: "05:00:20"),
        ])
        s.configurations["a"] = (T.at("01:00:01"), TaskConfiguration(environment: "production", version: "1.4.0", playground: false),
                                 EvidenceLine(at: T.at("01:00:01"), logGroup: nil, logStream: nil, text: ""))
        s.configurations["b"] = (T.at("05:00:01"), TaskConfiguration(environment: "production", version: "1.5.0", playground: false),
                                 EvidenceLine(at: T.at("05:00:01"), logGroup: nil, logStream: nil, text: ""))
        let t = T.build(s)
        #expect(t.deployments.count == 1)
        #expect(t.deployments.first?.version == "1.5.0")
        #expect(t.deployments.first?.at == T.at("05:00:00"))
    }

    @Test func aVersionAlreadyAnnouncedByADeploymentEventIsNotCountedTwice() {
        var s = T.source([
            T.life("a", start: "01:00:00", healthy: "01:00:30"),
            T.life("b", start: "05:00:30", healthy: "05:00:50"),
        ], deployments: ["05:00:00"])
        s.configurations["a"] = (T.at("01:00:01"), TaskConfiguration(environment: "production", version: "1.4.0", playground: false),
                                 EvidenceLine(at: T.at("01:00:01"), logGroup: nil, logStream: nil, text: ""))
        s.configurations["b"] = (T.at("05:00:31"), TaskConfiguration(environment: "production", version: "1.5.0", playground: false),
                                 EvidenceLine(at: T.at("05:00:31"), logGroup: nil, logStream: nil, text: ""))
        #expect(T.build(s).deployments.count == 1)
    }
}

/// ECS events missing for one task: its end is inferred from its last line, the probes and its replacement.
@Suite struct MissingStopEventTests {
    @Test func aTaskWhoseStoppedEventIsMissingEndsAtItsLastLineWhenTheServiceThenFails() {
        var s = T.source([T.life("a", start: "01:00:00", healthy: "01:00:30"), T.life("b", start: "06:01:00", healthy: "06:03:00")],
                         probes: [T.probe("05:59:00", 200), T.probe("06:00:30", 0), T.probe("06:02:00", 0), T.probe("06:03:30", 200)])
        s.logActivity["a"] = (T.at("01:00:05"), T.at("06:00:00"))
        s.logActivity["b"] = (T.at("06:01:05"), T.at("23:59:00"))
        let t = T.build(s)
        #expect(t.task("a")?.stoppedAt == T.at("06:00:00"))
        #expect(t.task("a")?.stopInferred == true)
        #expect(t.crashes.map(\.taskId) == ["a"])
        #expect(t.crashes.first?.inferred == true)
        #expect(t.outages.count == 1)
        #expect(t.outages.first?.start == T.at("06:00:00"))
        #expect(t.outages.first?.end == T.at("06:03:00"))
    }

    @Test func aQuietTaskIsNotEndedByAScaleOutHoursLater() {
        var s = T.source([T.life("a", start: "01:00:00", healthy: "01:00:30"), T.life("b", start: "09:00:00", healthy: "09:00:30")],
                         probes: [T.probe("05:00:00", 200), T.probe("09:30:00", 200)])
        s.logActivity["a"] = (T.at("01:00:05"), T.at("02:00:00"))
        s.logActivity["b"] = (T.at("09:00:05"), T.at("23:59:00"))
        let t = T.build(s)
        #expect(t.task("a")?.stoppedAt == nil)
        #expect(t.crashes.isEmpty)
        #expect(t.outages.isEmpty)
    }
}

/// Several services in one export: a deployment's revision comes from its own service's tasks.
@Suite struct MultiServiceDeploymentTests {
    @Test func aDeploymentTakesItsRevisionFromItsOwnServicesTasks() {
        var s = T.source([
            T.life("a1", start: "01:00:00", healthy: "01:00:30", revision: 3, service: "billing"),
            T.life("b1", start: "01:00:00", healthy: "01:00:30", revision: 14),
            T.life("a2", start: "05:00:10", healthy: "05:00:40", revision: 4, service: "billing"),
            T.life("b2", start: "05:00:20", healthy: "05:00:50", revision: 15),
        ])
        s.serviceEvents = [
            ServiceEvent(detailType: "ECS Deployment State Change", eventName: "SERVICE_DEPLOYMENT_IN_PROGRESS", eventType: "INFO",
                         deploymentId: "ecs-svc/1", reason: nil, service: "merxex-exchange", at: T.at("05:00:00")),
            ServiceEvent(detailType: "ECS Deployment State Change", eventName: "SERVICE_DEPLOYMENT_IN_PROGRESS", eventType: "INFO",
                         deploymentId: "ecs-svc/2", reason: nil, service: "billing", at: T.at("05:00:05")),
        ]
        let t = T.build(s)
        #expect(t.deployments.map(\.taskDefinition) == ["merxex-exchange:15", "billing:4"])
    }
}

extension MultiServiceDeploymentTests {
    @Test func aDeploymentSeenOnlyByItsCompletedEventStartsWithItsFirstTask() {
        var s = T.source([
            T.life("a", start: "01:00:00", healthy: "01:00:30", stop: "05:03:00", revision: 14, stopCode: "ServiceSchedulerInitiated",
                   reason: "Scaling activity initiated by (deployment ecs-svc/7)", exitCode: 143),
            [T.change("b", "05:01:00", "RUNNING", health: "UNKNOWN", revision: 15, started: "05:01:00", startedBy: "ecs-svc/7"),
             T.change("b", "05:01:30", "RUNNING", health: "HEALTHY", revision: 15, started: "05:01:00", startedBy: "ecs-svc/7")],
        ])
        s.serviceEvents = [ServiceEvent(detailType: "ECS Deployment State Change", eventName: "SERVICE_DEPLOYMENT_COMPLETED",
                                        eventType: "INFO", deploymentId: "ecs-svc/7", reason: nil, service: "merxex-exchange",
                                        at: T.at("05:10:00"))]
        let t = T.build(s)
        #expect(t.deployments.count == 1)
        #expect(t.deployments.first?.at == T.at("05:01:00"))
        #expect(t.deployments.first?.taskDefinition == "merxex-exchange:15")
        #expect(t.deployments.first?.source == .event)
    }
}
