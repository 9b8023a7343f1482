import Replay

/// A cause rule as written in a rule file (`Rules/Bundled/*.json` or a user's `--config`).
///
/// ```json
/// {"id": "oom.ecs-reason", "cause": "oom", "mechanism": "oom_kill", "confidence": 0.97,
///  "description": "ECS says the container was killed for its memory use.",
///  "when": {"containerReason": "(?i)OutOfMemoryError|OOMKilled"},
///  "unless": [],
///  "samples": [{"exitCode": 137, "containerReason": "OutOfMemoryError: Container killed due to memory usage"}],
///  "counterSamples": [{"exitCode": 137, "stoppedReason": "Essential container in task exited"}]}
/// ```
/// A rule fires when every condition of `when` holds and no block of `unless` holds.
/// It states a `cause`, a `mechanism`, or both; `RuleRanking` decides between rules that fire.
/// `samples` must fire and `counterSamples` must not, or the file fails to load.
/// Setting `"disabled": true` (with only `id`) in a user file removes a bundled rule.
public struct RuleSpec: Decodable, Sendable {
    public var id: String
    public var description: String?
    public var cause: Cause?
    public var mechanism: Mechanism?
    /// 0...1: how sure a reader may be when this rule fires.
    public var confidence: Double?
    public var disabled: Bool?
    public var when: ConditionSpec?
    public var unless: [ConditionSpec]?
    public var samples: [SampleSpec]?
    public var counterSamples: [SampleSpec]?

    static let keys: Set<String> = ["id", "description", "cause", "mechanism", "confidence", "disabled",
                                    "when", "unless", "samples", "counterSamples"]
}

/// Conditions over one crash's signals; all that are present must hold.
public struct ConditionSpec: Decodable, Sendable {
    /// The essential container's exit code is one of these (a crash without an exit code fails).
    public var exitCodes: [Int]?
    /// `true`: ECS reported no exit code at all (its events are missing and the crash was
    /// inferred from the task's silence and failing probes). `false`: an exit code is known.
    public var noExitCode: Bool?
    /// Regular expressions (ICU syntax) over the ECS fields; a missing field fails.
    public var stopCode: String?
    public var stoppedReason: String?
    public var containerReason: String?
    /// Each pattern must find its lines (all patterns hold).
    public var lines: [LinePatternSpec]?
    public var memory: MemorySpec?
    public var pool: PoolSpec?
    public var probeFailures: ProbeFailureSpec?
    public var unhealthyBeforeStop: HealthSpec?

    static let keys: Set<String> = ["exitCodes", "noExitCode", "stopCode", "stoppedReason", "containerReason", "lines", "memory",
                                    "pool", "probeFailures", "unhealthyBeforeStop"]
}

/// A regular expression over the task's last log lines.
public struct LinePatternSpec: Decodable, Sendable {
    /// ICU regular expression, matched against the raw line (JSON or plain text); `^`/`$` match at line ends.
    public var regex: String
    /// Lines whose level is below this one are skipped (`trace` < `debug` < `info` < `warn` < `error` < `fatal`);
    /// lines without a level (plain stderr text) are always looked at.
    public var minLevel: String?
    /// Only the task's last N lines are looked at.
    public var lastLines: Int?
    /// Only lines at most this many seconds before the stop are looked at.
    public var withinSeconds: Double?
    /// How many matching lines are needed (default 1).
    public var minCount: Int?
    /// Match against this many consecutive lines joined by `\n` (default 1), for messages
    /// that span CloudWatch events, e.g. Rust 1.73+ `panicked at src/x.rs:1:2:` then the message.
    public var window: Int?

    static let keys: Set<String> = ["regex", "minLevel", "lastLines", "withinSeconds", "minCount", "window"]
}

/// A memory gauge (`{"message":"memory","rss_mb":1711,"limit_mb":2048}`) at or above a share of the limit.
public struct MemorySpec: Decodable, Sendable {
    /// used / limit, e.g. 0.95.
    public var minRatio: Double
    /// Only gauges at most this many seconds before the stop count (default 300).
    public var withinSeconds: Double?
    /// Field names (defaults `rss_mb`, or `heap_mb` on a gauge that logs no `rss_mb`, and `limit_mb`).
    public var usedField: String?
    public var limitField: String?

    static let keys: Set<String> = ["minRatio", "withinSeconds", "usedField", "limitField"]
}

/// A starved connection pool (`{"message":"db pool","size":20,"idle":0,"waiting":37}`).
///
/// Holds when the last `minSamples` pool gauges within the window all show
/// `idle <= maxIdle` and `waiting >= minWaiting`, and, with `rising`, the last of them
/// has more waiters than the first.
public struct PoolSpec: Decodable, Sendable {
    public var maxIdle: Double?
    public var minWaiting: Double
    public var rising: Bool?
    /// Default 2.
    public var minSamples: Int?
    /// Default 600.
    public var withinSeconds: Double?

    static let keys: Set<String> = ["maxIdle", "minWaiting", "rising", "minSamples", "withinSeconds"]
}

/// Failing `/health` probes before the stop.
public struct ProbeFailureSpec: Decodable, Sendable {
    public var min: Int
    /// Default 600.
    public var withinSeconds: Double?

    static let keys: Set<String> = ["min", "withinSeconds"]
}

/// The task's ECS health status was `UNHEALTHY` when it stopped, having turned so within the window.
public struct HealthSpec: Decodable, Sendable {
    /// Default 900.
    public var withinSeconds: Double?

    static let keys: Set<String> = ["withinSeconds"]
}
