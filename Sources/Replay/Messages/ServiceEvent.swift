/// An ECS deployment or service event ("ECS Deployment State Change", "ECS Service Action").
///
/// Deployment events do not name the task definition: the timeline infers it from
/// the tasks started after them.
public struct ServiceEvent: Sendable, Codable, Equatable {
    /// `ECS Deployment State Change` or `ECS Service Action`.
    public var detailType: String
    /// e.g. `SERVICE_DEPLOYMENT_IN_PROGRESS`, `SERVICE_DEPLOYMENT_FAILED`, `SERVICE_STEADY_STATE`.
    public var eventName: String?
    /// `INFO`, `WARN` or `ERROR`.
    public var eventType: String?
    /// `ecs-svc/5163846224357213640`.
    public var deploymentId: String?
    public var reason: String?
    /// The service's name (last part of the service ARN in `resources`).
    public var service: String?
    /// `detail.updatedAt` when present, else the event's `time`.
    public var at: Timestamp

    public init(detailType: String, eventName: String?, eventType: String?, deploymentId: String?, reason: String?,
                service: String?, at: Timestamp) {
        self.detailType = detailType; self.eventName = eventName; self.eventType = eventType
        self.deploymentId = deploymentId; self.reason = reason; self.service = service; self.at = at
    }

    static func parse(event: JSONValue, detailType: String, fallbackTime: Timestamp) -> ServiceEvent? {
        let detail = event["detail"]
        let time = event["time"]?.string.flatMap(Timestamp.init(iso8601:)) ?? fallbackTime
        let updated = detail?["updatedAt"]?.string.flatMap(Timestamp.init(iso8601:))
        let service = event["resources"]?.array?.first?.string?.split(separator: "/").last.map(String.init)
        return ServiceEvent(detailType: detailType, eventName: detail?["eventName"]?.string,
                            eventType: detail?["eventType"]?.string, deploymentId: detail?["deploymentId"]?.string,
                            reason: detail?["reason"]?.string, service: service, at: updated ?? time)
    }
}
