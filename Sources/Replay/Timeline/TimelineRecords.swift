/// The values the timeline is made of. Each is a noun of the contract
/// (`../shared/spec/output-contract.md`): task, deployment, crash, outage, exposure.

/// One ECS task from start to stop, merged from all its state changes and logs.
public struct TaskRecord: Sendable, Equatable {
    public var id: String
    /// `family:revision`.
    public var taskDefinition: String?
    public var createdAt: Timestamp?
    /// When it became RUNNING.
    public var startedAt: Timestamp?
    public var stoppingAt: Timestamp?
    public var stoppedAt: Timestamp?
    public var lastStatus: String?
    public var desiredStatus: String?
    public var stopCode: String?
    public var stoppedReason: String?
    /// The essential container (not a sidecar), its exit code and reason.
    public var essentialContainer: String?
    public var exitCode: Int?
    public var containerReason: String?
    public var startedBy: String?
    /// The ECS service (`group` without its `service:` prefix); nil for standalone tasks.
    public var service: String?
    /// Health status changes, oldest first.
    public var health: [(at: Timestamp, status: String)]
    public var configuration: TaskConfiguration?
    public var configurationAt: Timestamp?
    /// Started from a revision older than the one deployed at the time.
    public var stale: Bool = false
    /// First and last log line of the task's own streams.
    public var firstLogAt: Timestamp?
    public var lastLogAt: Timestamp?
    /// False when no ECS event names the task: start and stop are inferred from logs.
    public var seenByECS: Bool = true

    public static func == (a: TaskRecord, b: TaskRecord) -> Bool {
        a.id == b.id && a.startedAt == b.startedAt && a.stoppedAt == b.stoppedAt && a.taskDefinition == b.taskDefinition
    }

    public var family: String? { taskDefinition.flatMap { TaskRecord.split($0)?.family } }
    public var revision: Int? { taskDefinition.flatMap { TaskRecord.split($0)?.revision } }

    static func split(_ definition: String) -> (family: String, revision: Int)? {
        guard let colon = definition.lastIndex(of: ":"), let revision = Int(definition[definition.index(after: colon)...]) else { return nil }
        return (String(definition[..<colon]), revision)
    }
}

/// The service moving to a new task definition revision or version.
public struct DeploymentRecord: Sendable, Equatable {
    public enum Source: String, Sendable { case event, inferredFromTasks }
    public var at: Timestamp
    public var taskDefinition: String?
    public var version: String?
    public var deploymentId: String?
    public var source: Source
    public var completedAt: Timestamp?
    public var failedAt: Timestamp?
    public var failureReason: String?
}

/// A task that stopped when nobody asked it to.
public struct CrashRecord: Sendable, Equatable {
    public var id: String
    public var taskId: String
    public var at: Timestamp
    public var exitCode: Int?
    public var containerReason: String?
    public var stopCode: String?
    public var stoppedReason: String?
    /// The scheduler stopped it for failing health checks.
    public var healthCheckKill: Bool
    /// Seconds since the latest deployment at or before the crash.
    public var sinceDeploymentSeconds: Int64?
    /// Inferred from logs and probes because ECS events were missing.
    public var inferred: Bool
}

/// A span with no healthy task.
public struct OutageRecord: Sendable, Equatable {
    public var id: String
    public var start: Timestamp
    /// Nil when still open at the end of the window.
    public var end: Timestamp?
    public var crashIds: [String]
    /// What showed it start and end, in words (`task 4b1f... UNHEALTHY`, `/health probe failed`).
    public var startedBy: String
    public var endedBy: String?
}

/// A span in which something production must not serve was reachable.
public struct ExposureRecord: Sendable, Equatable {
    public var id: String
    public var start: Timestamp
    public var end: Timestamp?
    public var kind: ExposureKind
    public var taskIds: [String]
    public var evidence: [EvidenceLine]
}
