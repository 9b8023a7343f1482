import Replay

/// Everything the cause rules may look at for one crash, gathered from the store.
///
/// Built by `SignalCollector` (from stored events) or by hand in tests; the
/// classifier never touches the database, so rules can be tested on inline lines.
public struct CrashSignals: Sendable {
    public var crashId: String
    public var taskId: String
    /// The task's `stoppedAt`: when the crash happened.
    public var at: Timestamp
    /// Exit code of the essential container, when ECS reported one.
    public var exitCode: Int?
    /// The essential container's `reason`, e.g. `OutOfMemoryError: Container killed due to memory usage`.
    public var containerReason: String?
    /// ECS `stopCode`, e.g. `EssentialContainerExited`, `ServiceSchedulerInitiated`.
    public var stopCode: String?
    /// ECS `stoppedReason`, e.g. `Task failed ELB health checks in (target-group ...)`.
    public var stoppedReason: String?
    /// The task's own log lines before it stopped, oldest first, within the signal window.
    public var lastLines: [LogLine]
    /// Memory and pool gauges the task logged before it stopped, oldest first.
    public var gauges: [GaugeSample]
    /// Failing `/health` probes in the window before the stop, oldest first.
    public var probeFailures: [LogLine]
    /// The task's health status changes, oldest first.
    public var healthTransitions: [HealthTransition]
    /// Where the ECS stop event was stored, so ECS fields quoted as evidence can be found
    /// (e.g. `/aws/events/ecs` and its stream); nil when unknown.
    public var stopEventLogGroup: String?
    public var stopEventLogStream: String?

    public init(crashId: String, taskId: String, at: Timestamp, exitCode: Int? = nil, containerReason: String? = nil,
                stopCode: String? = nil, stoppedReason: String? = nil, lastLines: [LogLine] = [],
                gauges: [GaugeSample] = [], probeFailures: [LogLine] = [], healthTransitions: [HealthTransition] = [],
                stopEventLogGroup: String? = nil, stopEventLogStream: String? = nil) {
        self.crashId = crashId; self.taskId = taskId; self.at = at; self.exitCode = exitCode
        self.containerReason = containerReason; self.stopCode = stopCode; self.stoppedReason = stoppedReason
        self.lastLines = lastLines; self.gauges = gauges; self.probeFailures = probeFailures
        self.healthTransitions = healthTransitions
        self.stopEventLogGroup = stopEventLogGroup; self.stopEventLogStream = stopEventLogStream
    }
}

/// One stored log line as the rules see it.
public struct LogLine: Sendable, Hashable {
    public var at: Timestamp
    public var logGroup: String?
    public var logStream: String?
    /// Normalised level (`trace`, `debug`, `info`, `warn`, `error`, `fatal`) when the line had one.
    public var level: String?
    /// The raw message exactly as the program wrote it (JSON or plain text), unredacted.
    public var text: String

    public init(at: Timestamp, logGroup: String? = nil, logStream: String? = nil, level: String? = nil, text: String) {
        self.at = at; self.logGroup = logGroup; self.logStream = logStream; self.level = level; self.text = text
    }
}

/// A periodic gauge a task logged, e.g. `{"message":"memory","rss_mb":1711,"limit_mb":2048}`.
public struct GaugeSample: Sendable, Hashable {
    public enum Kind: String, Sendable { case memory, pool }
    public var at: Timestamp
    public var kind: Kind
    /// Numeric fields as logged (`rss_mb` or `heap_mb`, `limit_mb`; `size`, `idle`, `waiting`).
    public var fields: [String: Double]

    public init(at: Timestamp, kind: Kind, fields: [String: Double]) {
        self.at = at; self.kind = kind; self.fields = fields
    }
}

/// A change of a task's ECS `healthStatus`.
public struct HealthTransition: Sendable, Hashable {
    public var at: Timestamp
    /// `HEALTHY`, `UNHEALTHY` or `UNKNOWN`.
    public var status: String
    public init(at: Timestamp, status: String) { self.at = at; self.status = status }
}
