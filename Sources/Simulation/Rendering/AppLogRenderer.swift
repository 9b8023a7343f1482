import Foundation
import Replay

/// Writes each task's application log (`ecs/app/<task id>`) and its sidecar's, from
/// the task's simulated life: startup and configuration, routine requests, gauges,
/// the signals of the failure that ends it, or a clean shutdown.
struct AppLogRenderer {
    let world: SimulatedWorld
    let probes: [ProbeResult]
    let seed: UInt64

    func render() -> [LogRecord] {
        var byTask: [Int: [ProbeResult]] = [:]
        for probe in probes where probe.check == .graphqlExposure {
            if let task = probe.servedBy { byTask[task, default: []].append(probe) }
        }
        var records: [LogRecord] = []
        for task in world.tasks {
            let random = SeededRandom(seed: seed).derived(0xA110_0000 &+ UInt64(task.index))
            var life = TaskLogLife(task: task, world: world, random: random)
            records += life.render(graphqlProbes: byTask[task.index] ?? [])
        }
        return records
    }
}

/// The lines of one task, in the order its life produces them.
struct TaskLogLife {
    let task: SimulatedTask
    let world: SimulatedWorld
    var log: AppLogLine
    var random: SeededRandom
    /// Baseline resident memory in MB.
    let baseMemory: Int
    /// Start of the degraded phase before a connection-exhaustion crash, if any.
    let pressureStart: Timestamp?

    init(task: SimulatedTask, world: SimulatedWorld, random: SeededRandom) {
        self.task = task
        self.world = world
        var r = random
        self.baseMemory = r.int(170...260)
        self.log = AppLogLine(stream: LogGroups.appStream(container: "app", taskId: task.id), random: r.derived(1))
        switch task.stopCause?.failure ?? task.plannedFailure {
        case .poolTimeoutPanic?: pressureStart = task.deathAt.map { $0.adding(millis: -r.millis(seconds: 60...150)) }
        case .poolStarvedHang?: pressureStart = task.hangAt.map { $0.adding(millis: -r.millis(seconds: 20...60)) }
        case .tooManyClientsExit?: pressureStart = task.deathAt.map { $0.adding(millis: -r.millis(seconds: 15...45)) }
        default: pressureStart = nil
        }
        self.random = r.derived(2)
    }

    var failure: Failure? { task.stopCause?.failure ?? task.plannedFailure }

    /// When the process ends (death, kill or clean exit), or the window's end.
    var processEnd: Timestamp { task.deathAt ?? task.stoppedAt ?? world.windowEnd }

    mutating func render(graphqlProbes: [ProbeResult]) -> [LogRecord] {
        guard let started = task.startedAt else { return [] }
        var t = started.adding(millis: random.millis(seconds: 0.2...1.2))
        if startup(&t) {
            routine(from: t)
            gauges(from: started.adding(millis: random.millis(seconds: 4...9)))
            for probe in graphqlProbes where probe.at < processEnd { RoutineLines.graphqlProbe(&log, probe) }
            ending()
        }
        var records = log.records
        records += sidecar(started)
        return records
    }

    // MARK: - Startup

    /// Logs the startup block; false when the process dies during startup.
    mutating func startup(_ t: inout Timestamp) -> Bool {
        let d = task.definition
        log.json(t, "INFO", "starting merxex-exchange", target: "merxex") {
            $0.add("version", d.version)
            $0.add("environment", d.environment)
            $0.add("graphql_playground", d.graphqlPlayground)
        }
        t = t.adding(millis: random.millis(seconds: 0.05...0.3))
        log.json(t, "INFO", "connecting to database", target: "merxex::db") {
            $0.add("host", "merxex-prod.cluster-c9xk2ab1.us-east-1.rds.amazonaws.com")
            $0.add("max_connections", 20)
        }
        if case .tooManyClientsExit? = failure, let death = task.deathAt, death.millis - t.millis < 60_000 {
            var at = t
            var attempt = 1
            while at.adding(millis: 4000) < death {
                at = at.adding(millis: random.millis(seconds: 2...5))
                guard at < death else { break }
                log.json(at, "ERROR", "failed to connect to database, retrying", target: "merxex::db") {
                    $0.add("attempt", attempt)
                    $0.add("error", "error returned from database: FATAL: sorry, too many clients already")
                }
                attempt += 1
            }
            log.plain(death.adding(millis: -15), "Error: error returned from database: sorry, too many clients already")
            return false
        }
        t = t.adding(millis: random.millis(seconds: 0.2...0.9))
        log.json(t, "INFO", "database pool ready", target: "merxex::db") { $0.add("size", 20) }
        t = t.adding(millis: random.millis(seconds: 0.3...2.5))
        let entries = random.int(30000...52000)
        log.json(t, "INFO", "memory cache warmed", target: "merxex::cache") { $0.add("entries", entries) }
        if d.graphqlPlayground {
            t = t.adding(millis: random.millis(seconds: 0.01...0.05))
            log.json(t, "WARN", "GraphQL playground enabled", target: "merxex::graphql") { $0.add("path", "/graphql") }
        }
        t = t.adding(millis: random.millis(seconds: 0.01...0.05))
        log.json(t, "INFO", "listening", target: "merxex::http") { $0.add("addr", "0.0.0.0:8080") }
        return true
    }

    // MARK: - Routine

    /// Request lines from the moment the load balancer routes to the task until it stops answering.
    mutating func routine(from start: Timestamp) {
        guard let healthy = task.healthyAt else { return }
        let end = min(task.servingEnd ?? world.windowEnd, world.windowEnd)
        let volume = world.scenario.volume
        var t = max(start, healthy).adding(millis: random.millis(seconds: 0.5...3))
        while t < end {
            if let pressure = pressureStart, t >= pressure {
                RoutineLines.request(&log, at: t)
                degradedRequest(at: t.adding(millis: random.millis(seconds: 0.2...1.5)))
                t = t.adding(millis: random.millis(seconds: 1...4))
                continue
            }
            if random.chance(volume.noiseRate) { RoutineLines.noise(&log, at: t) } else { RoutineLines.request(&log, at: t) }
            t = t.adding(millis: random.millis(seconds: volume.requestEvery))
        }
        if case .hang? = failure, let hang = task.hangAt, hang > healthy {
            let at = hang.adding(millis: -random.millis(seconds: 1...4))
            let elapsed = 4000 + random.int(0...3000)
            log.json(at, "WARN", "slow request", target: "merxex::http") {
                $0.add("path", "/api/v1/orders")
                $0.add("elapsed_ms", elapsed)
            }
        }
        if case .poolStarvedHang? = failure, let hang = task.hangAt {
            var at = hang
            let stop = task.stoppingAt ?? processEnd
            while at < min(stop, world.windowEnd) {
                degradedRequest(at: at)
                at = at.adding(millis: random.millis(seconds: 1...5))
            }
        }
    }

    /// A request that failed because the pool or the database had no connection to give.
    mutating func degradedRequest(at t: Timestamp) {
        let roll = random.unit()
        if roll < 0.55 {
            log.json(t, "ERROR", "database error", target: "merxex::db") {
                $0.add("error", "pool timed out while waiting for an open connection")
            }
        } else if roll < 0.75 {
            let tooMany = random.chance(0.5)
            log.json(t, "ERROR", "database error", target: "merxex::db") {
                $0.add("error", tooMany ? "error returned from database: FATAL: sorry, too many clients already"
                    : "error returned from database: FATAL: remaining connection slots are reserved for non-replication superuser connections")
            }
        } else {
            let latency = 30000 + random.int(0...40)
            log.json(t, "WARN", "request failed", target: "merxex::http") {
                $0.add("method", "POST")
                $0.add("path", "/api/v1/orders")
                $0.add("status", 503)
                $0.add("latency_ms", latency)
            }
        }
    }

    // MARK: - Gauges

    /// Memory and pool gauges from a background task, until the process ends or hangs for good.
    mutating func gauges(from start: Timestamp) {
        var end = task.deathAt ?? task.stoppingAt ?? world.windowEnd
        if case .hang? = failure, let hang = task.hangAt { end = hang }
        end = min(end, world.windowEnd)
        var t = start
        while t < end {
            emitGauges(at: t)
            let stressed = pressureStart.map { t >= $0 } ?? false
            t = t.adding(millis: random.millis(seconds: stressed ? 8...15 : world.scenario.volume.gaugeEvery))
        }
        if case .oomKill? = failure, let death = task.deathAt, death <= world.windowEnd {
            let last = death.adding(millis: -random.millis(seconds: 2...20))
            let rss = random.int(1992...2046)
            log.json(last, "INFO", "memory", target: "merxex::metrics") {
                $0.add("rss_mb", rss)
                $0.add("limit_mb", 2048)
            }
        }
    }

    mutating func emitGauges(at t: Timestamp) {
        let rss = memory(at: t)
        log.json(t, "INFO", "memory", target: "merxex::metrics") {
            $0.add("rss_mb", rss)
            $0.add("limit_mb", 2048)
        }
        if rss > 1840, random.chance(0.6) {
            log.json(t.adding(millis: 2), "WARN", "memory usage above 90% of limit", target: "merxex::metrics") {
                $0.add("rss_mb", rss)
            }
        }
        let at = t.adding(millis: random.millis(seconds: 0.01...0.2))
        if let pressure = pressureStart, t >= pressure {
            let seconds = Int((t.millis - pressure.millis) / 1000)
            let waiting = min(120, 3 + seconds / 3 + random.int(0...4))
            log.json(at, "INFO", "db pool", target: "merxex::metrics") {
                $0.add("size", 20); $0.add("idle", 0); $0.add("waiting", waiting)
            }
        } else {
            let idle = random.int(9...19)
            let waiting = random.chance(0.03) ? random.int(1...2) : 0
            log.json(at, "INFO", "db pool", target: "merxex::metrics") {
                $0.add("size", 20); $0.add("idle", idle); $0.add("waiting", waiting)
            }
        }
    }

    /// Resident memory in MB: a ramp to the limit for a task that will be OOM-killed,
    /// otherwise the baseline plus the version's leak, capped where caches get trimmed.
    mutating func memory(at t: Timestamp) -> Int {
        let started = task.startedAt ?? t
        var value: Double
        if case .oomKill? = failure, let death = task.deathAt {
            let f = max(0, min(1, Double(t.millis - started.millis) / Double(max(1, death.millis - started.millis))))
            value = Double(baseMemory) + (2035 - Double(baseMemory)) * pow(f, 1.7)
        } else {
            let hours = Double(t.millis - started.millis) / 3_600_000
            value = min(Double(baseMemory) + task.definition.leakMBPerHour * hours, 1450)
        }
        value += Double(random.int(-12...12))
        return max(120, min(2047, Int(value)))
    }

    // MARK: - Endings

    /// The last lines: the crash signal, or a shutdown.
    mutating func ending() {
        guard processEnd <= world.windowEnd else { return }
        switch task.stopCause {
        case .failure(let f):
            crashSignal(f)
        case .deployment?, .scaleIn?, .user?:
            shutdown()
        case nil:
            break
        }
    }

    mutating func crashSignal(_ failure: Failure) {
        guard let death = task.deathAt else {
            if let stopping = task.stoppingAt, task.exitCode == 137 {
                log.json(stopping.adding(millis: 40), "INFO", "shutdown signal received, draining connections",
                         target: "merxex")
            }
            return
        }
        let at = death.adding(millis: -30)
        switch failure {
        case .panic(.unwrapNone):
            panicLines(at, "thread 'tokio-runtime-worker' panicked at src/matching/engine.rs:214:38:",
                       "called `Option::unwrap()` on a `None` value")
        case .panic(.sliceIndex):
            panicLines(at, "thread 'tokio-runtime-worker' panicked at src/settlement/batch.rs:57:22:",
                       "range end index 12 out of range for slice of length 9")
        case .panic(.indexOutOfBoundsOldFormat):
            log.plain(at, "thread 'main' panicked at 'index out of bounds: the len is 3 but the index is 7', src/book.rs:120:9")
            log.plain(at.adding(millis: 1), "note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace")
        case .poolTimeoutPanic:
            panicLines(at, "thread 'tokio-runtime-worker' panicked at src/db/pool.rs:88:14:",
                       "called `Result::unwrap()` on an `Err` value: PoolTimedOut")
        case .tooManyClientsExit:
            log.json(at.adding(millis: -5), "ERROR", "lost database connection and could not reconnect", target: "merxex::db") {
                $0.add("error", "error returned from database: sorry, too many clients already")
            }
            log.plain(at, "Error: error returned from database: sorry, too many clients already")
        case .oomKill, .hang, .poolStarvedHang:
            break
        }
    }

    mutating func panicLines(_ at: Timestamp, _ first: String, _ second: String) {
        log.plain(at, first)
        log.plain(at.adding(millis: 1), second)
        log.plain(at.adding(millis: 2), "note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace")
    }

    mutating func shutdown() {
        guard let stopping = task.stoppingAt, let stopped = task.stoppedAt else { return }
        switch task.exitCode {
        case 0?:
            log.json(stopping.adding(millis: 30), "INFO", "shutdown signal received, draining connections", target: "merxex")
            log.json(stopped.adding(millis: -300), "INFO", "server stopped", target: "merxex")
        case 137?:
            log.json(stopping.adding(millis: 30), "INFO", "shutdown signal received, draining connections", target: "merxex")
            log.json(stopping.adding(millis: 15_000), "WARN", "drain is taking longer than expected", target: "merxex") {
                $0.add("in_flight", 3)
            }
        default:
            break
        }
    }

    // MARK: - Sidecar

    /// A few console lines from the sidecar, in its own stream `ecs/<sidecar>/<task id>`.
    mutating func sidecar(_ started: Timestamp) -> [LogRecord] {
        guard let name = task.definition.sidecar else { return [] }
        var side = AppLogLine(stream: LogGroups.appStream(container: name, taskId: task.id), random: random.derived(9))
        let t0 = started.adding(millis: -400)
        side.plain(t0, "\(TimeText.millis(t0))\tinfo\tservice/service.go:143\tStarting \(name)...\t{\"Version\": \"v0.40.0\"}")
        let t1 = started.adding(millis: 900)
        side.plain(t1, "\(TimeText.millis(t1))\tinfo\tservice/service.go:169\tEverything is ready. Begin running and processing data.")
        if let stopping = task.stoppingAt, let stopped = task.stoppedAt {
            let t2 = stopping.adding(millis: 200)
            side.plain(t2, "\(TimeText.millis(t2))\tinfo\totelcol/collector.go:318\tReceived signal from OS\t{\"signal\": \"terminated\"}")
            let t3 = max(t2.adding(millis: 100), stopped.adding(millis: -200))
            side.plain(t3, "\(TimeText.millis(t3))\tinfo\tservice/service.go:211\tShutdown complete.")
        }
        return side.records
    }
}
