/// An ECS "Task State Change" EventBridge event, reduced to what the timeline needs.
///
/// ECS sends one per transition (PROVISIONING ... RUNNING ... STOPPED) and again when
/// health changes, each repeating the task's whole state; the timeline merges them.
public struct TaskStateChange: Sendable, Codable, Equatable {
    /// The last part of `taskArn` (32 hex characters on Fargate).
    public var taskId: String
    /// `family:revision` from `taskDefinitionArn`, e.g. `merxex-exchange:15`.
    public var taskDefinition: String?
    /// `service:<name>` for service tasks.
    public var group: String?
    /// `ecs-svc/<id>` when the service scheduler started it for a deployment.
    public var startedBy: String?
    public var lastStatus: String?
    public var desiredStatus: String?
    /// `HEALTHY`, `UNHEALTHY`, `UNKNOWN` or nil.
    public var healthStatus: String?
    public var createdAt: Timestamp?
    public var startedAt: Timestamp?
    public var stoppingAt: Timestamp?
    public var stoppedAt: Timestamp?
    public var stopCode: String?
    public var stoppedReason: String?
    public var containers: [ContainerState]
    /// The event's `time`: when ECS saw this state.
    public var time: Timestamp
    /// ECS's per-task counter (`detail.version`): orders events that share a `time`.
    public var sequence: Int?

    public init(taskId: String, taskDefinition: String?, group: String?, lastStatus: String?, desiredStatus: String?,
                healthStatus: String?, createdAt: Timestamp?, startedAt: Timestamp?, stoppingAt: Timestamp?,
                stoppedAt: Timestamp?, stopCode: String?, stoppedReason: String?, containers: [ContainerState],
                time: Timestamp, sequence: Int?) {
        self.taskId = taskId; self.taskDefinition = taskDefinition; self.group = group; self.lastStatus = lastStatus
        self.desiredStatus = desiredStatus; self.healthStatus = healthStatus; self.createdAt = createdAt
        self.startedAt = startedAt; self.stoppingAt = stoppingAt; self.stoppedAt = stoppedAt; self.stopCode = stopCode
        self.stoppedReason = stoppedReason; self.containers = containers; self.time = time; self.sequence = sequence
    }

    /// Attributes in a new `TaskStateChange`, for readers of stored rows.
    public func with(startedBy: String?) -> TaskStateChange {
        var copy = self
        copy.startedBy = startedBy
        return copy
    }

    /// Reads `detail` of an event whose `detail-type` is "ECS Task State Change".
    static func parse(event: JSONValue, fallbackTime: Timestamp) -> TaskStateChange? {
        guard let detail = event["detail"], detail.isObject,
              let taskArn = detail["taskArn"]?.string, let taskId = taskArn.split(separator: "/").last.map(String.init),
              !taskId.isEmpty else { return nil }
        func time(_ key: String) -> Timestamp? { detail[key]?.string.flatMap(Timestamp.init(iso8601:)) }
        let definition = detail["taskDefinitionArn"]?.string.flatMap { arn in arn.split(separator: "/").last.map(String.init) }
        let containers = (detail["containers"]?.array ?? []).compactMap(ContainerState.parse)
        return TaskStateChange(
            taskId: taskId, taskDefinition: definition, group: detail["group"]?.string,
            lastStatus: detail["lastStatus"]?.string, desiredStatus: detail["desiredStatus"]?.string,
            healthStatus: detail["healthStatus"]?.string, createdAt: time("createdAt"), startedAt: time("startedAt"),
            stoppingAt: time("stoppingAt"), stoppedAt: time("stoppedAt"), stopCode: detail["stopCode"]?.string,
            stoppedReason: detail["stoppedReason"]?.string, containers: containers,
            time: event["time"]?.string.flatMap(Timestamp.init(iso8601:)) ?? fallbackTime,
            sequence: detail["version"]?.int).with(startedBy: detail["startedBy"]?.string)
    }
}

/// One container of an ECS task as a state change reports it.
public struct ContainerState: Sendable, Codable, Equatable {
    public var name: String
    public var lastStatus: String?
    public var exitCode: Int?
    /// e.g. `OutOfMemoryError: Container killed due to memory usage`.
    public var reason: String?
    public var healthStatus: String?
    /// Present only when the event says so (EventBridge events usually do not).
    public var essential: Bool?

    public init(name: String, lastStatus: String?, exitCode: Int?, reason: String?, healthStatus: String?, essential: Bool? = nil) {
        self.name = name; self.lastStatus = lastStatus; self.exitCode = exitCode; self.reason = reason
        self.healthStatus = healthStatus; self.essential = essential
    }

    static func parse(_ value: JSONValue) -> ContainerState? {
        guard let name = value["name"]?.string else { return nil }
        return ContainerState(name: name, lastStatus: value["lastStatus"]?.string, exitCode: value["exitCode"]?.int,
                              reason: value["reason"]?.string, healthStatus: value["healthStatus"]?.string,
                              essential: value["essential"]?.bool)
    }
}
