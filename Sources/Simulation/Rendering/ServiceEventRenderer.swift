import Replay

/// Writes "ECS Deployment State Change" and "ECS Service Action" EventBridge events.
///
/// Deployment events name the deployment, never the task definition: a reader has
/// to infer the revision from the tasks started after them, as in real exports.
struct ServiceEventRenderer {
    let world: SimulatedWorld
    var random: SeededRandom

    mutating func render() -> [LogRecord] {
        world.serviceEvents.map { event in
            let id = random.uuid()
            var detail = JSONText()
            switch event.kind {
            case .deploymentInProgress, .deploymentCompleted, .deploymentFailed:
                let deployment = event.deploymentId ?? ""
                detail.add("eventType", event.kind == .deploymentFailed ? "ERROR" : "INFO")
                detail.add("eventName", event.kind.rawValue)
                detail.add("deploymentId", deployment)
                detail.add("updatedAt", TimeText.millis(event.at))
                switch event.kind {
                case .deploymentInProgress: detail.add("reason", "ECS deployment \(deployment) in progress.")
                case .deploymentCompleted: detail.add("reason", "ECS deployment \(deployment) completed.")
                default: detail.add("reason", "ECS deployment circuit breaker: task failed to start.")
                }
            case .steadyState, .taskStartImpaired:
                detail.add("eventType", event.kind == .taskStartImpaired ? "WARN" : "INFO")
                detail.add("eventName", event.kind.rawValue)
                detail.add("clusterArn", AWSAccount.clusterArn)
                detail.add("createdAt", TimeText.millis(event.at))
                if event.kind == .taskStartImpaired {
                    detail.add("reason", "(service \(AWSAccount.service)) is unable to consistently start tasks successfully.")
                }
            }
            var json = JSONText()
            json.add("version", "0")
            json.add("id", id)
            json.add("detail-type", event.kind.detailType)
            json.add("source", "aws.ecs")
            json.add("account", AWSAccount.id)
            json.add("time", TimeText.seconds(event.at))
            json.add("region", AWSAccount.region)
            json.add("resources", strings: [AWSAccount.serviceArn])
            json.add("detail", detail)
            return LogRecord(timestamp: Timestamp(seconds: event.at.seconds), group: LogGroups.ecsEvents,
                             stream: id, message: json.text)
        }
    }
}
