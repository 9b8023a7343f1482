import Testing
import Analytics
import Replay

/// How processes really end, as their last stderr lines read, with only an exit code from ECS
/// (no `OutOfMemoryError` reason to lean on). Lines as the runtimes print them.
struct RealCrashEndingsTests {
    @Test(arguments: [
        ("go runtime oom", 2, Cause.oom, ["fatal error: runtime: out of memory", "", "runtime stack:",
                                          "runtime.throw({0x9d5e1c?, 0x3ff00000?})", "\t/usr/local/go/src/runtime/panic.go:1047 +0x5d fp=0x7ffd3c5e8e58"]),
        ("go index panic", 2, .panic, ["panic: runtime error: index out of range [5] with length 3", "", "goroutine 1 [running]:",
                                       "main.main()", "\t/app/main.go:12 +0x1d"]),
        ("jvm heap in main", 1, .oom, ["Exception in thread \"main\" java.lang.OutOfMemoryError: Java heap space",
                                       "\tat java.base/java.util.Arrays.copyOf(Arrays.java:3537)"]),
        ("jvm exit on oom", 3, .oom, ["Terminating due to java.lang.OutOfMemoryError: Java heap space"]),
        ("node heap", 134, .oom, ["<--- Last few GCs --->", "[1:0x5a1c2f0]    61054 ms: Mark-Compact 2046.8 (2083.4) -> 2045.9 (2083.6) MB",
                                  "FATAL ERROR: Ineffective mark-compacts near heap limit Allocation failed - JavaScript heap out of memory",
                                  " 1: 0xb83f50 node::Abort() [node]"]),
        ("node uncaught", 1, .panic, ["/app/server.js:41", "      throw err;", "      ^", "",
                                      "TypeError: Cannot read properties of undefined (reading 'id')",
                                      "    at /app/routes/orders.js:17:31", "", "Node.js v18.17.0"]),
        ("python uncaught", 1, .panic, ["Traceback (most recent call last):", "  File \"/app/main.py\", line 88, in <module>",
                                        "    main()", "  File \"/app/main.py\", line 80, in main", "    user = users[event[\"user_id\"]]",
                                        "KeyError: 'user_id'"]),
        ("python memory", 1, .oom, ["Traceback (most recent call last):", "  File \"/app/etl.py\", line 31, in <module>",
                                    "    rows = list(cursor)", "MemoryError"]),
        ("rust alloc", 134, .oom, ["memory allocation of 34359738368 bytes failed"]),
        ("rust 1.73 panic", 101, .panic, ["thread 'main' panicked at src/orders.rs:88:14:", "called `Option::unwrap()` on a `None` value",
                                          "note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace"]),
    ])
    func theLastLinesNameTheCause(name: String, exitCode: Int, cause: Cause, lines: [String]) {
        let verdict = classify(Crash.signals(exitCode: exitCode, stopCode: "EssentialContainerExited",
                                             stoppedReason: "Essential container in task exited", lines: Crash.plain(lines)))
        #expect(verdict.cause == cause, "\(name): \(verdict.cause) by \(verdict.ruleId ?? "-")")
    }
}
