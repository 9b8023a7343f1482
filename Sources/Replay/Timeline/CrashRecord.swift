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
