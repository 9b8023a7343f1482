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
    /// True when no STOPPED event was seen and `stoppedAt` is the task's last log line
    /// (it went silent and was replaced, or the service then failed its probes).
    public var stopInferred: Bool = false

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
