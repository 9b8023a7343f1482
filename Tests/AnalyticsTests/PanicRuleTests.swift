import Testing
import Analytics
import Replay

/// Programs that abort on a bug, in Rust, Go, the JVM, Node and Python; and those that survive it.
struct PanicRuleTests {
    @Test func rustPanicIn173FormatIsPanicByPanic() {
        let verdict = classify(Crash.signals(exitCode: 101, lines: Crash.plain([
            "thread 'main' panicked at src/main.rs:28:47:",
            "Please type a number!: ParseIntError { kind: InvalidDigit }",
            "note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace",
        ])))
        #expect(verdict.cause == .panic)
        #expect(verdict.mechanism == .panic)
        #expect(verdict.ruleId == "panic.rust")
        #expect(verdict.evidence.contains { $0.text == "thread 'main' panicked at src/main.rs:28:47:" })
        #expect(verdict.evidence.allSatisfy { $0.logStream != nil })
    }

    @Test func rustPanicInPre173FormatIsPanic() {
        let verdict = classify(Crash.signals(exitCode: 101, lines: Crash.plain([
            "thread 'main' panicked at 'index out of bounds: the len is 3 but the index is 5', src/main.rs:10:5",
        ])))
        #expect(verdict.cause == .panic)
        #expect(verdict.ruleId == "panic.rust")
    }

    @Test func exit101WithoutLinesIsStillARustPanic() {
        let verdict = classify(Crash.signals(exitCode: 101))
        #expect(verdict.cause == .panic)
        #expect(verdict.mechanism == .panic)
        #expect(verdict.ruleId == "panic.rust-exit-101")
        #expect(verdict.confidence < 0.8)
    }

    @Test func aPanicCaughtByAHandlerIsNotAProcessDeath() {
        let verdict = classify(Crash.signals(exitCode: 137, stoppedReason: "Essential container in task exited", lines: Crash.lines([
            (nil, "thread 'tokio-runtime-worker' panicked at src/api/orders.rs:120:18:"),
            (nil, "attempt to subtract with overflow"),
            ("error", #"{"level":"ERROR","fields":{"message":"panic caught in request handler, responding 500"},"target":"tower_http::catch_panic"}"#),
        ])))
        #expect(verdict.cause == .unknown)
        #expect(verdict.ruledOut.contains { $0.ruleId == "panic.rust" && $0.reason.hasPrefix("counter-pattern matched: unless[0]") })
    }

    @Test func aRealPanicAfterAnEarlierRecoveredOneIsStillAPanic() {
        // A handler caught one panic; forty lines later the main thread panicked and the process died.
        let earlier: [(String?, String)] = [
            ("warn", #"{"level":"WARN","fields":{"message":"recovered from panic in handler","handler":"/api/v1/quotes"},"target":"merxex::http"}"#)]
        let routine: [(String?, String)] = Array(repeating: ("info", #"{"level":"INFO","fields":{"message":"db pool","size":20,"idle":14,"waiting":0}}"#), count: 40)
        let verdict = classify(Crash.signals(exitCode: 101, stoppedReason: "Essential container in task exited", lines: Crash.lines(earlier + routine + [
            (nil, "thread 'main' panicked at 'index out of bounds: the len is 3 but the index is 7', src/book.rs:120:9"),
            (nil, "note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace"),
        ])))
        #expect(verdict.cause == .panic)
        #expect(verdict.ruleId == "panic.rust")
    }

    @Test func goNilPointerPanicIsPanic() {
        let verdict = classify(Crash.signals(exitCode: 2, lines: Crash.plain([
            "panic: runtime error: invalid memory address or nil pointer dereference",
            "[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x5c8a2f]",
            "",
            "goroutine 1 [running]:",
            "main.main()",
            "\t/app/main.go:14 +0x1f",
            "exit status 2",
        ])))
        #expect(verdict.cause == .panic)
        #expect(verdict.mechanism == .panic)
        #expect(verdict.ruleId == "panic.go")
    }

    @Test func goConcurrentMapWritesIsPanic() {
        let verdict = classify(Crash.signals(exitCode: 2, lines: Crash.plain([
            "fatal error: concurrent map writes", "", "goroutine 102 [running]:", "runtime.throw(0x59f459, 0x15)",
        ])))
        #expect(verdict.cause == .panic)
    }

    @Test func goHttpServerRecoveringAPanicIsNotAPanic() {
        let verdict = classify(Crash.signals(exitCode: 137, lines: Crash.plain([
            "2026/03/22 12:52:58 http: panic serving 10.0.3.7:51234: runtime error: index out of range [3] with length 3",
            "goroutine 4821 [running]:",
        ])))
        #expect(verdict.cause == .unknown)
    }

    @Test func uncaughtExceptionOnTheJvmMainThreadIsPanic() {
        let verdict = classify(Crash.signals(exitCode: 1, lines: Crash.plain([
            #"Exception in thread "main" java.lang.NullPointerException: Cannot invoke "String.length()" because "s" is null"#,
            "\tat com.merxex.Main.main(Main.java:12)",
        ])))
        #expect(verdict.cause == .panic)
        #expect(verdict.ruleId == "panic.jvm-main-thread")
    }

    @Test func nodeUnhandledRejectionThatEndsTheProcessIsPanic() {
        let verdict = classify(Crash.signals(exitCode: 1, lines: Crash.plain([
            "node:internal/process/promises:288",
            "            triggerUncaughtException(err, true /* fromPromise */);",
            "            ^",
            "",
            ##"[UnhandledPromiseRejection: This error originated either by throwing inside of an async function without a catch block, or by rejecting a promise which was not handled with .catch(). The promise rejected with the reason "#<Object>".] {"##,
            "  code: 'ERR_UNHANDLED_REJECTION'",
            "}",
            "",
            "Node.js v18.20.8",
        ])))
        #expect(verdict.cause == .panic)
        #expect(verdict.ruleId == "panic.node-fatal")
    }

    @Test func nodeUnhandledRejectionWarningIsNotAPanic() {
        let verdict = classify(Crash.signals(exitCode: 137, stoppedReason: "Essential container in task exited", lines: Crash.plain([
            "(node:13440) UnhandledPromiseRejectionWarning: Error: connect ECONNREFUSED 10.0.4.12:6379",
            "(node:13440) UnhandledPromiseRejectionWarning: Unhandled promise rejection. This error originated either by throwing inside of an async function without a catch block, or by rejecting a promise which was not handled with .catch(). (rejection id: 61)",
        ])))
        #expect(verdict.cause == .unknown)
        #expect(verdict.mechanism == .signal)
    }

    @Test func pythonTracebackEndingTheProcessIsPanic() {
        let verdict = classify(Crash.signals(exitCode: 1, lines: Crash.plain([
            "Traceback (most recent call last):",
            #"  File "/app/main.py", line 12, in <module>"#,
            "    main()",
            #"KeyError: 'settlement_id'"#,
        ])))
        #expect(verdict.cause == .panic)
        #expect(verdict.ruleId == "panic.python-traceback")
    }

    @Test func pythonTracebackOfAFailedRequestIsNotAPanic() {
        let verdict = classify(Crash.signals(exitCode: 137, lines: Crash.plain([
            "[2026-03-22 12:53:00,101] ERROR in app: Exception on /orders [POST]",
            "Traceback (most recent call last):",
            #"  File "/usr/local/lib/python3.12/site-packages/flask/app.py", line 1473, in wsgi_app"#,
            "ValueError: bad price",
        ])))
        #expect(verdict.cause == .unknown)
    }

    @Test func benignPanicWordsInInfoLinesMeanNothing() {
        let verdict = classify(Crash.signals(exitCode: 1, lines: Crash.lines([
            ("info", #"{"level":"INFO","fields":{"message":"panic=abort profile; a worker panicked at startup yesterday"}}"#),
            ("info", #"{"level":"info","msg":"panic: handler registered"}"#),
        ])))
        #expect(verdict.cause == .unknown)
        #expect(verdict.mechanism == .exit)
    }

    @Test func aPanicLongBeforeTheStopDoesNotExplainIt() {
        let lines = [Crash.line("thread 'main' panicked at src/main.rs:3:5:", secondsBefore: 1800),
                     Crash.line(#"{"level":"INFO","fields":{"message":"request served"}}"#, level: "info", secondsBefore: 5)]
        let verdict = classify(Crash.signals(exitCode: 137, lines: lines))
        #expect(verdict.cause == .unknown)
    }
}
