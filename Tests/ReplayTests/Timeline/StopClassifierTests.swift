import Testing
@testable import Replay

/// A crash is a stop nobody asked for, whatever the exit code says.
@Suite struct StopClassifierTests {
    @Test(arguments: [
        ("ServiceSchedulerInitiated", "Scaling activity initiated by (deployment ecs-svc/5163846224357213640)", 137, StopClassifier.Verdict.deploymentReplacement),
        ("ServiceSchedulerInitiated", "Scaling activity initiated by (deployment ecs-svc/1)", 0, .deploymentReplacement),
        ("ServiceSchedulerInitiated", "Scaling activity initiated by (service merxex-exchange)", 143, .scaleIn),
        ("UserInitiated", "Task stopped by user", 137, .userStop),
        ("ServiceSchedulerInitiated", "Task failed ELB health checks in (target-group arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/x/1)", 143, .healthCheckKill),
        ("ServiceSchedulerInitiated", "Task failed container health checks", 137, .healthCheckKill),
        ("EssentialContainerExited", "Essential container in task exited", 0, .crash),
        ("EssentialContainerExited", "Essential container in task exited", 101, .crash),
        ("TaskFailedToStart", "CannotPullContainerError: pull image manifest has been retried 5 time(s)", 0, .failedToStart),
        ("SpotInterruption", "Your Spot Task was interrupted.", 143, .infrastructure),
    ])
    func stopsAreClassifiedByCodeAndReason(stopCode: String, reason: String, exitCode: Int, expected: StopClassifier.Verdict) {
        #expect(StopClassifier.classify(stopCode: stopCode, stoppedReason: reason, exitCode: exitCode) == expected)
    }

    @Test func onlyCrashesAndHealthCheckKillsCountAsCrashes() {
        #expect(StopClassifier.Verdict.crash.isCrash)
        #expect(StopClassifier.Verdict.healthCheckKill.isCrash)
        #expect(!StopClassifier.Verdict.deploymentReplacement.isCrash)
        #expect(!StopClassifier.Verdict.userStop.isCrash)
    }

    @Test func theEssentialContainerIsPickedNotTheSidecarListedFirst() {
        let picked = EssentialContainer.pick([
            ContainerState(name: "log_router", lastStatus: "STOPPED", exitCode: 0, reason: nil, healthStatus: nil),
            ContainerState(name: "datadog-agent", lastStatus: "STOPPED", exitCode: 143, reason: nil, healthStatus: nil),
            ContainerState(name: "app", lastStatus: "STOPPED", exitCode: 137, reason: "OutOfMemoryError: Container killed due to memory usage", healthStatus: nil),
        ])
        #expect(picked?.name == "app")
        #expect(picked?.exitCode == 137)
    }

    @Test func aContainerMarkedEssentialWins() {
        let picked = EssentialContainer.pick([
            ContainerState(name: "web", lastStatus: "STOPPED", exitCode: 1, reason: "x", healthStatus: nil, essential: false),
            ContainerState(name: "worker", lastStatus: "STOPPED", exitCode: 0, reason: nil, healthStatus: nil, essential: true),
        ])
        #expect(picked?.name == "worker")
    }
}
