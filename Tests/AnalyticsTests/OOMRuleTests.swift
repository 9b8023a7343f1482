import Testing
import Analytics
import Replay

/// Out of memory, as ECS, the kernel and each runtime report it; and what only looks like it.
struct OOMRuleTests {
    @Test func ecsOutOfMemoryReasonWithExit137IsOomByOomKill() {
        let verdict = classify(Crash.signals(exitCode: 137, containerReason: "OutOfMemoryError: Container killed due to memory usage",
                                             stopCode: "EssentialContainerExited", stoppedReason: "Essential container in task exited"))
        #expect(verdict.cause == .oom)
        #expect(verdict.mechanism == .oomKill)
        #expect(verdict.ruleId == "oom.ecs-reason")
        #expect(verdict.confidence >= 0.9)
        #expect(verdict.evidence.first?.text == "OutOfMemoryError: Container killed due to memory usage")
        #expect(verdict.evidence.first?.logGroup == "/aws/events/ecs")
        #expect(verdict.evidence.first?.at == Crash.stop)
    }

    @Test func ecsOutOfMemoryReasonWithExitZeroIsStillOom() {
        let verdict = classify(Crash.signals(exitCode: 0, containerReason: "OutOfMemoryError: Container killed due to memory usage"))
        #expect(verdict.cause == .oom)
        #expect(verdict.mechanism == .oomKill)
    }

    @Test func exit137AloneIsNotOom() {
        let verdict = classify(Crash.signals(exitCode: 137, stopCode: "EssentialContainerExited",
                                             stoppedReason: "Essential container in task exited"))
        #expect(verdict.cause == .unknown)
        #expect(verdict.mechanism == .signal)
        #expect(verdict.ruleId == nil)
        #expect(verdict.evidence.contains { $0.text == "exit code 137" })
    }

    @Test func memoryGaugeAtTheLimitWithSigkillIsOomByOomKill() {
        let verdict = classify(Crash.signals(exitCode: 137, stoppedReason: "Essential container in task exited",
                                             gauges: [Crash.memory(rss: 1711, limit: 2048, secondsBefore: 120),
                                                      Crash.memory(rss: 2041, limit: 2048, secondsBefore: 15)]))
        #expect(verdict.cause == .oom)
        #expect(verdict.mechanism == .oomKill)
        #expect(verdict.ruleId == "oom.memory-gauge-at-limit")
        #expect(verdict.evidence.contains { $0.text == "memory rss_mb=2041 limit_mb=2048 (100% of the limit)" })
    }

    @Test func memoryGaugeWellUnderTheLimitWithSigkillIsNotOom() {
        let verdict = classify(Crash.signals(exitCode: 137, gauges: [Crash.memory(rss: 1100, limit: 2048, secondsBefore: 15)]))
        #expect(verdict.cause == .unknown)
        let reason = verdict.ruledOut.first { $0.ruleId == "oom.memory-gauge-at-limit" }?.reason ?? ""
        #expect(reason.contains("memory peaked at 54% of the limit"))
    }

    @Test func heapGaugeAtTheLimitWithSigkillIsOomWhenTheServiceLogsNoRSS() {
        // A Node.js service logs its heap, not its resident memory; the heap is part of it.
        let heap = GaugeSample(at: Crash.stop.adding(seconds: -15), kind: .memory, fields: ["heap_mb": 2000, "limit_mb": 2048])
        let verdict = classify(Crash.signals(exitCode: 137, stoppedReason: "Essential container in task exited", gauges: [heap]))
        #expect(verdict.cause == .oom)
        #expect(verdict.mechanism == .oomKill)
        #expect(verdict.ruleId == "oom.memory-gauge-at-limit")
        #expect(verdict.evidence.contains { $0.text == "memory heap_mb=2000 limit_mb=2048 (98% of the limit)" })
    }

    @Test func rssIsTheReadingWhenAGaugeLogsBothRSSAndHeap() {
        let both = GaugeSample(at: Crash.stop.adding(seconds: -15), kind: .memory, fields: ["rss_mb": 2041, "heap_mb": 1500, "limit_mb": 2048])
        let verdict = classify(Crash.signals(exitCode: 137, gauges: [both]))
        #expect(verdict.ruleId == "oom.memory-gauge-at-limit")
        #expect(verdict.evidence.contains { $0.text == "memory rss_mb=2041 limit_mb=2048 (100% of the limit)" })
        let noGauge = classify(Crash.signals(exitCode: 137)).ruledOut.first { $0.ruleId == "oom.memory-gauge-at-limit" }?.reason ?? ""
        #expect(noGauge.contains("no memory gauge (rss_mb/limit_mb or heap_mb/limit_mb)"), "\(noGauge)")
    }

    @Test func kernelOomKillerLineIsOomByOomKill() {
        let verdict = classify(Crash.signals(exitCode: 137, lines: Crash.plain([
            "[ 7063.247407] Memory cgroup out of memory: Killed process 63214 (uwsgi) total-vm:3149468kB, anon-rss:164992kB, file-rss:52176kB, shmem-rss:92kB, UID:0 pgtables:1372kB oom_score_adj:986",
        ])))
        #expect(verdict.cause == .oom)
        #expect(verdict.mechanism == .oomKill)
        #expect(verdict.ruleId == "oom.kernel-oom-killer")
    }

    @Test func jvmHeapExhaustionIsOomByPanic() {
        let verdict = classify(Crash.signals(exitCode: 1, lines: Crash.plain([
            #"Exception in thread "main" java.lang.OutOfMemoryError: Java heap space"#,
            "\tat java.base/java.util.Arrays.copyOf(Arrays.java:3512)",
        ])))
        #expect(verdict.cause == .oom)
        #expect(verdict.mechanism == .panic)
        #expect(verdict.ruleId == "oom.jvm-out-of-memory")
        // The main-thread exception rule fired too, but OOM is the deeper cause.
        #expect(verdict.ruledOut.contains { $0.ruleId == "panic.jvm-main-thread" && $0.reason.hasPrefix("outranked by oom.jvm-out-of-memory") })
    }

    @Test func jvmThreadExhaustionIsOom() {
        let verdict = classify(Crash.signals(exitCode: 1, lines: Crash.plain([
            #"Exception in thread "cling-2" java.lang.OutOfMemoryError: unable to create native thread: possibly out of memory or process/resource limits reached"#,
        ])))
        #expect(verdict.cause == .oom)
    }

    @Test func nodeHeapLimitIsOomByPanic() {
        let verdict = classify(Crash.signals(exitCode: 134, lines: Crash.plain([
            "<--- Last few GCs --->",
            "[23457:0x568bf10]   127523 ms: Mark-sweep (reduce) 4090.3 (4101.2) -> 4088.2 (4102.0) MB, 2275.2 / 0.0 ms  (average mu = 0.158, current mu = 0.096) allocation failure scavenge might not succeed",
            "FATAL ERROR: Ineffective mark-compacts near heap limit Allocation failed - JavaScript heap out of memory",
            " 1: 0xa04200 node::Abort() [/usr/bin/node]",
        ])))
        #expect(verdict.cause == .oom)
        #expect(verdict.mechanism == .panic)
        #expect(verdict.ruleId == "oom.node-heap")
    }

    @Test func goRuntimeOutOfMemoryIsOomNotAGoPanic() {
        let verdict = classify(Crash.signals(exitCode: 2, lines: Crash.plain([
            "fatal error: runtime: out of memory", "", "runtime stack:", "runtime.throw({0x9d5b8b?, 0x0?})",
        ])))
        #expect(verdict.cause == .oom)
        #expect(verdict.ruleId == "oom.go-runtime")
        #expect(verdict.ruledOut.contains { $0.ruleId == "panic.go" && $0.reason.contains("deeper cause") })
    }

    @Test func rustAllocationFailureIsOomByPanic() {
        let verdict = classify(Crash.signals(exitCode: 134, lines: Crash.plain(["memory allocation of 17179869184 bytes failed"])))
        #expect(verdict.cause == .oom)
        #expect(verdict.mechanism == .panic)
    }

    @Test func pythonMemoryErrorIsOom() {
        let verdict = classify(Crash.signals(exitCode: 1, lines: Crash.plain([
            "Traceback (most recent call last):", #"  File "/app/worker.py", line 42, in load"#, "    data = f.read()", "MemoryError",
        ])))
        #expect(verdict.cause == .oom)
        #expect(verdict.ruleId == "oom.python-memory-error")
    }

    @Test func benignMemoryWordsInInfoLinesMeanNothing() {
        let verdict = classify(Crash.signals(exitCode: 1, lines: Crash.lines([
            ("info", #"{"level":"INFO","fields":{"message":"memory","rss_mb":512,"limit_mb":2048}}"#),
            ("info", #"{"level":"INFO","fields":{"message":"out of memory protection enabled, heap dump on java.lang.OutOfMemoryError"}}"#),
            ("info", #"{"level":"INFO","fields":{"message":"memory allocation of 4096 bytes for the request buffer"}}"#),
        ])))
        #expect(verdict.cause == .unknown)
        #expect(verdict.mechanism == .exit)
    }
}
