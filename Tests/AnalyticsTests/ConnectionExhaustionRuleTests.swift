import Testing
import Analytics
import Replay

/// Connections that ran out — pools, servers, descriptors, ports — and the deepest cause they make.
struct ConnectionExhaustionRuleTests {
    static let sqlxTimeout = #"{"timestamp":"2026-03-22T12:52:10Z","level":"ERROR","fields":{"message":"request failed","error":"pool timed out while waiting for an open connection"},"target":"merxex_exchange::api"}"#

    @Test func panicOnPoolTimeoutIsConnectionExhaustionByPanic() {
        let verdict = classify(Crash.signals(exitCode: 101, stopCode: "EssentialContainerExited",
                                             stoppedReason: "Essential container in task exited", lines: Crash.plain([
            "thread 'tokio-runtime-worker' panicked at src/db/pool.rs:88:14:",
            "called `Result::unwrap()` on an `Err` value: PoolTimedOut",
            "note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace",
        ])))
        #expect(verdict.cause == .connectionExhaustion)
        #expect(verdict.mechanism == .panic)
        #expect(verdict.ruleId == "connection_exhaustion.panic-on-exhaustion")
        #expect(verdict.evidence.map(\.text).contains("called `Result::unwrap()` on an `Err` value: PoolTimedOut"))
        #expect(verdict.ruledOut.contains { $0.ruleId == "panic.rust"
            && $0.reason == "outranked by connection_exhaustion.panic-on-exhaustion: connection_exhaustion is a deeper cause than panic; its mechanism panic was used" } == false)
        #expect(verdict.ruledOut.contains { $0.ruleId == "panic.rust" && $0.reason.hasPrefix("outranked by connection_exhaustion.panic-on-exhaustion") })
    }

    @Test func panicOnPoolTimeoutInTheOldFormatIsConnectionExhaustion() {
        let verdict = classify(Crash.signals(exitCode: 101, lines: Crash.plain([
            "thread 'main' panicked at 'called `Result::unwrap()` on an `Err` value: PoolTimedOut', src/main.rs:41:10",
        ])))
        #expect(verdict.cause == .connectionExhaustion)
        #expect(verdict.mechanism == .panic)
    }

    @Test func healthCheckKillAfterPoolStarvationIsConnectionExhaustionByHealthCheckKill() {
        let lines = [Crash.line(Self.sqlxTimeout, level: "error", secondsBefore: 240),
                     Crash.line(Self.sqlxTimeout, level: "error", secondsBefore: 150),
                     Crash.line(Self.sqlxTimeout, level: "error", secondsBefore: 70)]
        let verdict = classify(Crash.signals(
            exitCode: 137, stopCode: "ServiceSchedulerInitiated", stoppedReason: Crash.elbHealthCheckReason, lines: lines,
            gauges: [Crash.pool(idle: 3, waiting: 0, secondsBefore: 400), Crash.pool(idle: 0, waiting: 12, secondsBefore: 200),
                     Crash.pool(idle: 0, waiting: 37, secondsBefore: 60)],
            probeFailures: Crash.probeFailures(3), health: Crash.unhealthy(secondsBefore: 180)))
        #expect(verdict.cause == .connectionExhaustion)
        #expect(verdict.mechanism == .healthCheckKill)
        #expect(verdict.ruleId == "connection_exhaustion.pool-starved")
        #expect(verdict.mechanismRuleId == "health_check.ecs-stopped-reason")
        #expect(verdict.evidence.count <= 5)
        #expect(verdict.evidence.contains { $0.text == "db pool size=20 idle=0 waiting=37" })
        #expect(verdict.evidence.contains { $0.text == Crash.elbHealthCheckReason })
        let healthRule = verdict.ruledOut.first { $0.ruleId == "health_check.ecs-stopped-reason" }?.reason ?? ""
        #expect(healthRule.contains("connection_exhaustion is a deeper cause than health_check"))
        #expect(healthRule.contains("its mechanism health_check_kill was used"))
    }

    @Test func repeatedPoolTimeoutsWithoutGaugesAreConnectionExhaustion() {
        let verdict = classify(Crash.signals(exitCode: 137, stopCode: "ServiceSchedulerInitiated",
                                             stoppedReason: "Task failed container health checks",
                                             lines: Crash.lines(Array(repeating: ("error", Self.sqlxTimeout), count: 4))))
        #expect(verdict.cause == .connectionExhaustion)
        #expect(verdict.mechanism == .healthCheckKill)
        #expect(verdict.ruleId == "connection_exhaustion.pool-timeouts")
    }

    @Test func aSinglePoolTimeoutOnAHealthyServiceIsNotExhaustion() {
        let lines = [Crash.line(Self.sqlxTimeout, level: "error", secondsBefore: 300),
                     Crash.line(#"{"level":"INFO","fields":{"message":"request served","status":200}}"#, level: "info", secondsBefore: 2)]
        let verdict = classify(Crash.signals(exitCode: 137, stoppedReason: "Essential container in task exited", lines: lines,
                                             gauges: [Crash.pool(idle: 6, waiting: 0, secondsBefore: 60)]))
        #expect(verdict.cause == .unknown)
        let reason = verdict.ruledOut.first { $0.ruleId == "connection_exhaustion.pool-timeouts" }?.reason ?? ""
        #expect(reason.contains("1 line(s) match"))
        #expect(reason.contains("needs 3"))
    }

    @Test func hikariTimeoutsAreConnectionExhaustion() {
        let line = "2026-03-22 12:52:41.101 ERROR 1 --- [nio-8080-exec-7] o.h.engine.jdbc.spi.SqlExceptionHelper   : HikariPool-1 - Connection is not available, request timed out after 30000ms."
        let verdict = classify(Crash.signals(exitCode: 143, stopCode: "ServiceSchedulerInitiated",
                                             stoppedReason: "Task failed container health checks",
                                             lines: Crash.plain([line, line, line])))
        #expect(verdict.cause == .connectionExhaustion)
        #expect(verdict.mechanism == .healthCheckKill)
    }

    @Test func postgresRefusingClientsIsConnectionExhaustion() {
        let verdict = classify(Crash.signals(exitCode: 1, lines: Crash.plain([
            "FATAL:  sorry, too many clients already",
            "FATAL:  remaining connection slots are reserved for non-replication superuser connections",
        ])))
        #expect(verdict.cause == .connectionExhaustion)
        #expect(verdict.ruleId == "connection_exhaustion.server-refused")
        #expect(verdict.mechanism == .exit)
        #expect(verdict.mechanismRuleId == nil)
    }

    @Test func pgbouncerMysqlAndRedisRefusalsAreConnectionExhaustion() {
        for text in ["ERROR: no more connections allowed (max_client_conn)", "ERROR 1040 (HY000): Too many connections",
                     "ERR max number of clients reached"] {
            let verdict = classify(Crash.signals(exitCode: 1, lines: Crash.plain([text, text])))
            #expect(verdict.cause == .connectionExhaustion, "\(text)")
        }
    }

    @Test func goPanicOnTooManyClientsIsConnectionExhaustionByPanic() {
        let verdict = classify(Crash.signals(exitCode: 2, lines: Crash.plain([
            "panic: failed to connect to `host=db user=app database=exchange`: server error (FATAL: sorry, too many clients already (SQLSTATE 53300))",
            "", "goroutine 1 [running]:",
        ])))
        #expect(verdict.cause == .connectionExhaustion)
        #expect(verdict.mechanism == .panic)
    }

    @Test func runningOutOfFileDescriptorsIsConnectionExhaustion() {
        let line = "2026/03/22 12:52:41 http: Accept error: accept tcp [::]:8080: accept4: too many open files; retrying in 1s"
        #expect(classify(Crash.signals(exitCode: 137, lines: Crash.plain([line, line]))).cause == .connectionExhaustion)
        let rust = #"{"level":"ERROR","fields":{"message":"accept error","error":"Too many open files (os error 24)"}}"#
        #expect(classify(Crash.signals(exitCode: 137, lines: Crash.lines([("error", rust), ("error", rust)]))).cause == .connectionExhaustion)
        let node = "Error: EMFILE: too many open files, open '/app/data/orders.json'"
        #expect(classify(Crash.signals(exitCode: 1, lines: Crash.plain([node, node]))).cause == .connectionExhaustion)
    }

    @Test func runningOutOfEphemeralPortsIsConnectionExhaustion() {
        let rust = #"{"level":"ERROR","fields":{"message":"upstream connect failed","error":"Cannot assign requested address (os error 99)"}}"#
        #expect(classify(Crash.signals(exitCode: 137, lines: Crash.lines([("error", rust), ("error", rust)]))).cause == .connectionExhaustion)
        let node = "Error: connect EADDRNOTAVAIL 10.0.4.12:5432 - Local (0.0.0.0:0)"
        #expect(classify(Crash.signals(exitCode: 1, lines: Crash.plain([node, node]))).cause == .connectionExhaustion)
    }

    @Test func benignConnectionWordsInInfoLinesMeanNothing() {
        let verdict = classify(Crash.signals(exitCode: 1, lines: Crash.lines([
            ("info", #"{"level":"INFO","fields":{"message":"db pool","size":20,"idle":14,"waiting":0}}"#),
            ("info", #"{"level":"INFO","fields":{"message":"connection pool ready; PoolTimedOut errors are retried"}}"#),
            ("info", #"{"level":"INFO","fields":{"message":"connection pool ready; PoolTimedOut errors are retried"}}"#),
            ("info", #"{"level":"INFO","fields":{"message":"connection pool ready; PoolTimedOut errors are retried"}}"#),
            ("info", #"{"level":"info","msg":"max_connections=100; beyond that: Too many connections"}"#),
            ("info", #"{"level":"info","msg":"max_connections=100; beyond that: Too many connections"}"#),
        ])))
        #expect(verdict.cause == .unknown)
    }

    @Test func poolStarvationOutranksAnOomKill() {
        // The ranking puts the exhausted pool deeper: queued requests are what filled the memory.
        let verdict = classify(Crash.signals(
            exitCode: 137, containerReason: "OutOfMemoryError: Container killed due to memory usage",
            gauges: [Crash.pool(idle: 0, waiting: 20, secondsBefore: 200), Crash.pool(idle: 0, waiting: 90, secondsBefore: 60)]))
        #expect(verdict.cause == .connectionExhaustion)
        #expect(verdict.mechanism == .oomKill)
        #expect(verdict.ruledOut.contains { $0.ruleId == "oom.ecs-reason" && $0.reason.contains("its mechanism oom_kill was used") })
    }
}
