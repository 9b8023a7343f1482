import Foundation
import Testing
@testable import Analytics
import Replay

/// The verdict as a whole: ranking, fallbacks, evidence, reasons, redaction, speed.
struct CauseClassifierTests {
    @Test func everyOtherRuleIsRuledOutWithAReason() throws {
        let rules = try RuleSet.bundled().rules
        let verdict = classify(Crash.signals(exitCode: 137, containerReason: "OutOfMemoryError: Container killed due to memory usage"))
        #expect(verdict.ruledOut.count == rules.count - 1)
        #expect(Set(verdict.ruledOut.map(\.ruleId)) == Set(rules.map(\.id)).subtracting(["oom.ecs-reason"]))
        #expect(verdict.ruledOut.allSatisfy { !$0.reason.isEmpty })
        let panic = verdict.ruledOut.first { $0.ruleId == "panic.rust" }?.reason
        #expect(panic == "did not match: no line matches /(?:thread '[^']*' )?panicked at / (last 200 lines, within 120 s of the stop, level ≥ error)")
        let exit101 = verdict.ruledOut.first { $0.ruleId == "panic.rust-exit-101" }?.reason
        #expect(exit101 == "did not match: exit code 137 is not one of 101")
    }

    @Test(arguments: [(139, Mechanism.signal), (134, .signal), (137, .signal), (143, .signal), (1, .exit), (0, .exit)])
    func withNothingFiringTheExitCodeGivesTheMechanism(code: Int, mechanism: Mechanism) {
        let verdict = classify(Crash.signals(exitCode: code, stoppedReason: "Essential container in task exited"))
        #expect(verdict.cause == .unknown)
        #expect(verdict.mechanism == mechanism)
        #expect(verdict.confidence == 0)
        #expect(verdict.ruleId == nil)
        #expect(verdict.mechanismRuleId == nil)
    }

    @Test func aCrashInferredWithoutECSEventsAndNothingDeeperIsAHealthCheckKillWithLowConfidence() {
        // No exit code means ECS said nothing: the timeline inferred the crash from silence and failing probes.
        let verdict = classify(Crash.signals())
        #expect(verdict.cause == .healthCheck)
        #expect(verdict.mechanism == .healthCheckKill)
        #expect(verdict.ruleId == "health_check.silent-without-ecs")
        #expect(verdict.confidence < 0.6)
    }

    @Test func aCrashInferredWithoutECSEventsWithMemoryAtTheLimitIsOOM() {
        let verdict = classify(Crash.signals(gauges: [Crash.memory(rss: 2030, limit: 2048, secondsBefore: 40)]))
        #expect(verdict.cause == .oom)
        #expect(verdict.ruleId == "oom.memory-gauge-without-ecs")
    }

    @Test func anUnknownVerdictQuotesWhatEcsSaidAndTheLastLoudLines() {
        let verdict = classify(Crash.signals(exitCode: 1, stoppedReason: "Essential container in task exited", lines: Crash.lines([
            ("error", #"{"level":"ERROR","fields":{"message":"settlement failed","order":"A-17"}}"#),
            ("info", #"{"level":"INFO","fields":{"message":"shutting down"}}"#),
        ])))
        #expect(verdict.evidence.map(\.text) == ["exit code 1", "Essential container in task exited",
                                                  #"{"level":"ERROR","fields":{"message":"settlement failed","order":"A-17"}}"#])
    }

    @Test func evidenceIsRedactedAndAtMostFiveLines() {
        let secretLine = #"{"level":"ERROR","fields":{"message":"request failed","error":"pool timed out while waiting for an open connection","db":"postgres://app:hunter2@db.internal:5432/exchange"}}"#
        let verdict = classify(Crash.signals(exitCode: 137, stoppedReason: Crash.elbHealthCheckReason,
                                             lines: Crash.lines(Array(repeating: ("error", secretLine), count: 8))))
        #expect(verdict.cause == .connectionExhaustion)
        #expect(verdict.evidence.count <= 5)
        #expect(!verdict.evidence.contains { $0.text.contains("hunter2") })
        #expect(verdict.evidence.contains { $0.text.contains("postgres://app:[REDACTED:url-password]@db.internal") })
    }

    @Test func evidenceLinesKeepWhereTheyCameFrom() {
        let verdict = classify(Crash.signals(exitCode: 101, lines: Crash.plain(["thread 'main' panicked at src/main.rs:2:5:", "crash and burn"])))
        let line = try? #require(verdict.evidence.first { $0.text.hasPrefix("thread 'main'") })
        #expect(line?.logGroup == "/ecs/merxex-exchange")
        #expect(line?.logStream == "ecs/app/4b1f0c2e9a7d4e0f8d1c2b3a4f5e6d7c")
        #expect(line?.at == Crash.stop.adding(seconds: -2))
    }

    @Test func aRuleBelowTheMinimumConfidenceNeverDecides() throws {
        let weak = """
        {"rules": [{"id": "custom.weak", "cause": "panic", "confidence": 0.3,
                    "when": {"exitCodes": [42]}, "samples": [{"exitCode": 42}]}]}
        """
        let rules = try RuleSet.bundled().merging(data: Data(weak.utf8), source: "weak.json")
        let verdict = CauseClassifier(rules: rules).classify(Crash.signals(exitCode: 42))
        #expect(verdict.cause == .unknown)
        #expect(verdict.ruledOut.first { $0.ruleId == "custom.weak" }?.reason == "fired, but its confidence 0.3 is below the minimum 0.5")
    }

    @Test func theVerdictRoundTripsThroughJson() throws {
        let verdict = classify(Crash.signals(exitCode: 137, containerReason: "OutOfMemoryError: Container killed due to memory usage"))
        let data = try JSONEncoder().encode(verdict)
        #expect(try JSONDecoder().decode(Attribution.self, from: data) == verdict)
    }

    /// Classifying many crashes in a row (as a week's postmortem does) gives each the verdict it
    /// gets alone: nothing the classifier remembers between crashes (compiled rules, literal
    /// pre-checks) leaks from one into the next. Speed is measured by `bench/run.sh`, not here.
    @Test func classifyingTwoThousandCrashesInARowGivesEachItsOwnVerdict() {
        let noise = (0..<190).map { i in
            Crash.line(#"{"timestamp":"2026-03-22T12:40:00Z","level":"WARN","fields":{"message":"slow request","path":"/orders/\#(i)","latency_ms":\#(900 + i)},"target":"merxex_exchange::api"}"#,
                       level: "warn", secondsBefore: Int64(600 - i * 3))
        }
        let tail = Crash.plain(["thread 'tokio-runtime-worker' panicked at src/db/pool.rs:88:14:",
                                "called `Result::unwrap()` on an `Err` value: PoolTimedOut"])
        let exhausted = Crash.signals(exitCode: 101, lines: noise + tail,
                                      gauges: [Crash.memory(rss: 900, limit: 2048, secondsBefore: 60),
                                               Crash.pool(idle: 2, waiting: 0, secondsBefore: 60)])
        let oom = Crash.signals(exitCode: 137, containerReason: "OutOfMemoryError: Container killed due to memory usage")
        let alone = (bundledClassifier.classify(exhausted), bundledClassifier.classify(oom))
        #expect(alone.0.cause == .connectionExhaustion)
        #expect(alone.1.cause != .connectionExhaustion)
        for n in 0..<2000 {
            let verdict = bundledClassifier.classify(n % 2 == 0 ? exhausted : oom)
            #expect(verdict == (n % 2 == 0 ? alone.0 : alone.1), "crash \(n)")
        }
    }
}
