import Replay

/// A made-up crash in a rule file: the rule must fire on its `samples` and not on its `counterSamples`.
///
/// The crash stops at `SampleSpec.stopTime`; lines given as plain strings are one
/// second apart, the last one a second before the stop. Probe failures are one a minute.
/// ```json
/// {"note": "Rust 1.73+ panic, message on the next line", "exitCode": 101,
///  "lines": ["thread 'main' panicked at src/db/pool.rs:88:14:",
///            {"text": "called `Result::unwrap()` on an `Err` value: PoolTimedOut", "level": null}],
///  "gauges": [{"kind": "pool", "secondsBeforeStop": 60, "size": 20, "idle": 0, "waiting": 37}],
///  "health": [{"status": "UNHEALTHY", "secondsBeforeStop": 90}], "probeFailures": 3}
/// ```
public struct SampleSpec: Decodable, Sendable {
    public var note: String?
    public var exitCode: Int?
    public var stopCode: String?
    public var stoppedReason: String?
    public var containerReason: String?
    public var lines: [SampleLine]?
    public var gauges: [SampleGauge]?
    public var probeFailures: Int?
    public var health: [SampleHealth]?

    static let keys: Set<String> = ["note", "exitCode", "stopCode", "stoppedReason", "containerReason", "lines",
                                    "gauges", "probeFailures", "health"]

    /// 2026-03-22T12:00:00Z, the stop of every sample crash.
    public static let stopTime = Timestamp(seconds: 1_774_180_800)

    /// The crash this sample describes.
    public func signals() -> CrashSignals {
        let stop = SampleSpec.stopTime
        let all = lines ?? []
        var logLines: [LogLine] = []
        for (i, line) in all.enumerated() {
            let before = line.secondsBeforeStop ?? Double(all.count - i)
            logLines.append(LogLine(at: stop.adding(millis: -Int64(before * 1000)), logGroup: "/ecs/sample",
                                    logStream: "ecs/app/sample", level: line.level, text: line.text))
        }
        let gaugeSamples = (gauges ?? []).map {
            GaugeSample(at: stop.adding(millis: -Int64($0.secondsBeforeStop * 1000)), kind: $0.kind, fields: $0.fields)
        }
        let probes = (0..<(probeFailures ?? 0)).map { i in
            LogLine(at: stop.adding(seconds: -Int64(60 * ((probeFailures ?? 0) - i))), logGroup: "/monitoring/heartbeat",
                    logStream: "probe", text: #"{"check":"health","url":"https://service.example.com/health","status":0,"error":"connection refused"}"#)
        }
        let transitions = (health ?? []).map {
            HealthTransition(at: stop.adding(millis: -Int64($0.secondsBeforeStop * 1000)), status: $0.status)
        }
        return CrashSignals(crashId: "sample", taskId: "sample", at: stop, exitCode: exitCode,
                            containerReason: containerReason, stopCode: stopCode, stoppedReason: stoppedReason,
                            lastLines: logLines, gauges: gaugeSamples, probeFailures: probes,
                            healthTransitions: transitions)
    }
}

/// A sample log line: a plain string, or `{"text": ..., "level": "error", "secondsBeforeStop": 30}`.
public struct SampleLine: Decodable, Sendable {
    public var text: String
    public var level: String?
    public var secondsBeforeStop: Double?

    static let keys: Set<String> = ["text", "level", "secondsBeforeStop"]

    enum CodingKeys: String, CodingKey { case text, level, secondsBeforeStop }

    public init(from decoder: Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let text = try? single.decode(String.self) {
            self.text = text
            return
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        text = try c.decode(String.self, forKey: .text)
        level = try c.decodeIfPresent(String.self, forKey: .level)
        secondsBeforeStop = try c.decodeIfPresent(Double.self, forKey: .secondsBeforeStop)
    }
}

/// A sample gauge: `{"kind": "memory", "secondsBeforeStop": 60, "rss_mb": 2040, "limit_mb": 2048}`;
/// every key but `kind` and `secondsBeforeStop` is a numeric field.
public struct SampleGauge: Decodable, Sendable {
    public var kind: GaugeSample.Kind
    public var secondsBeforeStop: Double
    public var fields: [String: Double]

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        let kindText = try c.decode(String.self, forKey: AnyKey(stringValue: "kind"))
        guard let kind = GaugeSample.Kind(rawValue: kindText) else {
            throw DecodingError.dataCorruptedError(forKey: AnyKey(stringValue: "kind"), in: c,
                                                   debugDescription: "unknown gauge kind \"\(kindText)\" (expected memory or pool)")
        }
        self.kind = kind
        secondsBeforeStop = try c.decodeIfPresent(Double.self, forKey: AnyKey(stringValue: "secondsBeforeStop")) ?? 30
        var fields: [String: Double] = [:]
        for key in c.allKeys where key.stringValue != "kind" && key.stringValue != "secondsBeforeStop" {
            fields[key.stringValue] = try c.decode(Double.self, forKey: key)
        }
        self.fields = fields
    }
}

/// A sample ECS health status change.
public struct SampleHealth: Decodable, Sendable {
    public var status: String
    public var secondsBeforeStop: Double

    static let keys: Set<String> = ["status", "secondsBeforeStop"]
}
