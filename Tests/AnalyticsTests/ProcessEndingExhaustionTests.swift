import Testing
import Analytics
import Replay

/// A process that dies on its first connection-exhaustion error, in each language: the deepest cause is
/// connection exhaustion (the error killed it), whatever the mechanism; one such line is enough when it ends the process.
struct ProcessEndingExhaustionTests {
    @Test(arguments: [
        ("python psycopg2", 1, [
            "Traceback (most recent call last):",
            "  File \"/app/worker.py\", line 42, in <module>",
            "    conn = psycopg2.connect(DSN)",
            "psycopg2.OperationalError: connection to server at \"db.internal\" (10.0.3.7), port 5432 failed: FATAL:  sorry, too many clients already",
        ]),
        ("node pg-pool", 1, [
            "/app/node_modules/pg-pool/index.js:45",
            "    Error.captureStackTrace(err)",
            "Error: timeout exceeded when trying to connect",
            "    at Timeout._onTimeout (/app/node_modules/pg-pool/index.js:188:27)",
            "Node.js v20.11.1",
        ]),
        ("java hikari", 1, [
            "Exception in thread \"main\" java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30000ms.",
            "\tat com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:696)",
        ]),
        ("go lib/pq", 2, [
            "panic: pq: sorry, too many clients already",
            "",
            "goroutine 1 [running]:",
            "main.main()",
            "\t/app/main.go:31 +0x1d4",
        ]),
        ("rust old panic format", 101, [
            "thread 'main' panicked at 'called `Result::unwrap()` on an `Err` value: PoolTimedOut', src/main.rs:10:5",
        ]),
    ])
    func aProcessKilledByItsFirstExhaustionErrorIsConnectionExhaustion(name: String, exitCode: Int, lines: [String]) {
        let verdict = classify(Crash.signals(exitCode: exitCode, stoppedReason: "Essential container in task exited",
                                             lines: Crash.plain(lines)))
        #expect(verdict.cause == .connectionExhaustion, "\(name): \(verdict.cause) by \(verdict.ruleId ?? "-")")
    }
}
