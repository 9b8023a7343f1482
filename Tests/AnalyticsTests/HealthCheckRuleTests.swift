import Testing
import Analytics
import Replay

/// Tasks the scheduler stopped for failing health checks.
struct HealthCheckRuleTests {
    @Test func elbHealthCheckKillWithNothingDeeperIsHealthCheckByHealthCheckKill() {
        let verdict = classify(Crash.signals(exitCode: 137, stopCode: "ServiceSchedulerInitiated",
                                             stoppedReason: Crash.elbHealthCheckReason,
                                             probeFailures: Crash.probeFailures(2), health: Crash.unhealthy(secondsBefore: 150)))
        #expect(verdict.cause == .healthCheck)
        #expect(verdict.mechanism == .healthCheckKill)
        #expect(verdict.ruleId == "health_check.ecs-stopped-reason")
        #expect(verdict.evidence.first?.text == Crash.elbHealthCheckReason)
        #expect(verdict.ruledOut.contains { $0.ruleId == "health_check.unhealthy-then-scheduler-stop"
            && $0.reason.hasPrefix("outranked by health_check.ecs-stopped-reason: same cause, higher confidence") })
    }

    @Test func containerHealthCheckKillIsHealthCheck() {
        let verdict = classify(Crash.signals(exitCode: 143, stopCode: "ServiceSchedulerInitiated",
                                             stoppedReason: "Task failed container health checks"))
        #expect(verdict.cause == .healthCheck)
        #expect(verdict.mechanism == .healthCheckKill)
    }

    @Test func exit137FromAHealthCheckKillIsNotOomEvenWithHighMemory() {
        let verdict = classify(Crash.signals(exitCode: 137, stopCode: "ServiceSchedulerInitiated",
                                             stoppedReason: Crash.elbHealthCheckReason,
                                             gauges: [Crash.memory(rss: 2000, limit: 2048, secondsBefore: 30)]))
        #expect(verdict.cause == .healthCheck)
        #expect(verdict.ruledOut.contains { $0.ruleId == "oom.memory-gauge-at-limit" && $0.reason.hasPrefix("counter-pattern matched") })
    }

    @Test func unhealthyThenStoppedByTheSchedulerIsHealthCheck() {
        let verdict = classify(Crash.signals(exitCode: 137, stopCode: "ServiceSchedulerInitiated",
                                             health: Crash.unhealthy(secondsBefore: 120)))
        #expect(verdict.cause == .healthCheck)
        #expect(verdict.ruleId == "health_check.unhealthy-then-scheduler-stop")
        #expect(verdict.evidence.contains { $0.text == "healthStatus UNHEALTHY" && $0.at == Crash.stop.adding(seconds: -120) })
    }

    @Test func unhealthyWithFailingProbesThenSigkillIsHealthCheck() {
        let verdict = classify(Crash.signals(exitCode: 137, probeFailures: Crash.probeFailures(3),
                                             health: Crash.unhealthy(secondsBefore: 240)))
        #expect(verdict.cause == .healthCheck)
        #expect(verdict.ruleId == "health_check.unhealthy-probes-then-killed")
        #expect(verdict.evidence.contains { $0.logGroup == "/monitoring/heartbeat" })
    }

    @Test func aContainerThatExitedOnItsOwnWhileUnhealthyIsNotAHealthCheckKill() {
        let verdict = classify(Crash.signals(exitCode: 137, stopCode: "EssentialContainerExited",
                                             stoppedReason: "Essential container in task exited",
                                             probeFailures: Crash.probeFailures(3), health: Crash.unhealthy(secondsBefore: 240)))
        #expect(verdict.cause == .unknown)
        #expect(verdict.mechanism == .signal)
    }
}
