/// The service moving to a new task definition revision or version.
public struct DeploymentRecord: Sendable, Equatable {
    public enum Source: String, Sendable { case event, inferredFromTasks }
    public var at: Timestamp
    public var taskDefinition: String?
    public var version: String?
    public var deploymentId: String?
    /// The ECS service deployed (from the event's resource ARN), when known.
    public var service: String?
    public var source: Source
    public var completedAt: Timestamp?
    public var failedAt: Timestamp?
    public var failureReason: String?
}
