import Analytics
import Replay

/// Builds crashes from inline lines the way the store would hand them over.
enum Crash {
    /// The stop of every test crash: 2026-03-22T12:53:04Z.
    static let stop = Timestamp(iso8601: "2026-03-22T12:53:04Z")!

    /// A log line `secondsBefore` the stop, in the app's log group and the task's stream.
    static func line(_ text: String, level: String? = nil, secondsBefore: Int64) -> LogLine {
        LogLine(at: stop.adding(seconds: -secondsBefore), logGroup: "/ecs/merxex-exchange",
                logStream: "ecs/app/4b1f0c2e9a7d4e0f8d1c2b3a4f5e6d7c", level: level, text: text)
    }

    /// Lines one second apart, the last one a second before the stop. A `(level, text)` pair or a bare text.
    static func lines(_ entries: [(String?, String)]) -> [LogLine] {
        entries.enumerated().map { i, entry in
            line(entry.1, level: entry.0, secondsBefore: Int64(entries.count - i))
        }
    }

    static func plain(_ texts: [String]) -> [LogLine] { lines(texts.map { (nil, $0) }) }

    static func memory(rss: Double, limit: Double, secondsBefore: Int64) -> GaugeSample {
        GaugeSample(at: stop.adding(seconds: -secondsBefore), kind: .memory, fields: ["rss_mb": rss, "limit_mb": limit])
    }

    static func pool(size: Double = 20, idle: Double, waiting: Double, secondsBefore: Int64) -> GaugeSample {
        GaugeSample(at: stop.adding(seconds: -secondsBefore), kind: .pool, fields: ["size": size, "idle": idle, "waiting": waiting])
    }

    static func probeFailures(_ count: Int) -> [LogLine] {
        (0..<count).map { i in
            LogLine(at: stop.adding(seconds: -Int64(60 * (count - i))), logGroup: "/monitoring/heartbeat", logStream: "probe",
                    text: #"{"check":"health","url":"https://exchange.example.com/health","status":0,"error":"connection refused"}"#)
        }
    }

    static func unhealthy(secondsBefore: Int64) -> [HealthTransition] {
        [HealthTransition(at: stop.adding(seconds: -3600), status: "HEALTHY"),
         HealthTransition(at: stop.adding(seconds: -secondsBefore), status: "UNHEALTHY")]
    }

    static let elbHealthCheckReason =
        "Task failed ELB health checks in (target-group arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/merxex/6d0ecf831eec9f09)"

    static func signals(exitCode: Int? = nil, containerReason: String? = nil, stopCode: String? = nil,
                        stoppedReason: String? = nil, lines: [LogLine] = [], gauges: [GaugeSample] = [],
                        probeFailures: [LogLine] = [], health: [HealthTransition] = []) -> CrashSignals {
        CrashSignals(crashId: "C1", taskId: "4b1f0c2e9a7d4e0f8d1c2b3a4f5e6d7c", at: stop, exitCode: exitCode,
                     containerReason: containerReason, stopCode: stopCode, stoppedReason: stoppedReason,
                     lastLines: lines, gauges: gauges, probeFailures: probeFailures, healthTransitions: health,
                     stopEventLogGroup: "/aws/events/ecs", stopEventLogStream: "ecs-events")
    }
}

/// The bundled rules, loaded once.
let bundledClassifier: CauseClassifier = {
    do { return CauseClassifier(rules: try RuleSet.bundled()) } catch {
        fatalError("bundled rules do not load: \(error)")
    }
}()

func classify(_ signals: CrashSignals) -> Attribution { bundledClassifier.classify(signals) }
