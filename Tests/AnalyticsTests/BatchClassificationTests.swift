import Testing
@testable import Analytics
import Replay

/// Classifying crashes together gives each the verdict it gets alone.
struct BatchClassificationTests {
    static let secretLine = #"{"level":"ERROR","fields":{"message":"request failed","error":"pool timed out while waiting for an open connection","db":"postgres://app:hunter2@db.internal:5432/exchange"}}"#

    static let crashes: [CrashSignals] = [
        Crash.signals(exitCode: 137, containerReason: "OutOfMemoryError: Container killed due to memory usage",
                      gauges: [Crash.memory(rss: 2040, limit: 2048, secondsBefore: 30)]),
        Crash.signals(exitCode: 137, stoppedReason: Crash.elbHealthCheckReason,
                      lines: Crash.lines(Array(repeating: ("error", secretLine), count: 8))),
        Crash.signals(exitCode: 101, lines: Crash.plain(["thread 'main' panicked at src/main.rs:2:5:", "crash and burn"])),
        Crash.signals(exitCode: 1, stoppedReason: "Essential container in task exited", lines: Crash.lines([
            ("error", #"{"level":"ERROR","fields":{"message":"settlement failed","token":"sk_live_4eC39HqLyjWDarjtT1zdp7dc"}}"#),
        ])),
        Crash.signals(stopCode: "ServiceSchedulerInitiated", stoppedReason: Crash.elbHealthCheckReason,
                      probeFailures: Crash.probeFailures(3), health: Crash.unhealthy(secondsBefore: 120)),
    ]

    @Test func eachVerdictIsTheOneClassifiedAlone() {
        // Twice over, so that every text the second round redacts was remembered from the first.
        let all = Self.crashes + Self.crashes
        let together = bundledClassifier.classify(all)
        #expect(together.count == all.count)
        for (signals, verdict) in zip(all, together) {
            #expect(verdict == bundledClassifier.classify(signals))
        }
        #expect(Set(together.map(\.cause)).count >= 4)
    }

    @Test func rememberedRedactionsStillRemoveSecrets() {
        let together = bundledClassifier.classify(Self.crashes + Self.crashes)
        let texts = together.flatMap { $0.evidence.map(\.text) + $0.ruledOut.map(\.reason) }
        #expect(!texts.contains { $0.contains("hunter2") || $0.contains("sk_live_4eC39HqLyjWDarjtT1zdp7dc") })
        #expect(texts.filter { $0.contains("[REDACTED:url-password]") }.count >= 2)
    }
}
