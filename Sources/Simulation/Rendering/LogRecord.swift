import Replay

/// One CloudWatch log event as the simulator writes it: the unit every export shape carries.
struct LogRecord: Sendable {
    var timestamp: Timestamp
    var group: String
    var stream: String
    var message: String
    /// CloudWatch's 56-digit event id, the same in every shape that carries one.
    var eventId: String = ""
    /// Milliseconds between the event and its ingestion (`ingestionTime`).
    var ingestionDelay: Int64 = 0
}

/// The log groups and stream names of the simulated account.
enum LogGroups {
    /// The application's awslogs group; streams are `ecs/<container>/<task id>`.
    static let application = "/ecs/merxex-exchange"
    /// EventBridge rule target for `aws.ecs` events; one stream per event, named by the event id.
    static let ecsEvents = "/aws/events/ecs"
    /// The external monitor's results.
    static let heartbeat = "/monitoring/heartbeat"
    /// The monitor's single stream.
    static let heartbeatStream = "exchange-prober/us-east-1"

    static func appStream(container: String, taskId: String) -> String { "ecs/\(container)/\(taskId)" }
}

/// Names of the simulated AWS account, for ARNs.
enum AWSAccount {
    static let id = "123456789012"
    static let region = "us-east-1"
    static let cluster = "prod"
    static let service = "merxex-exchange"
    static let clusterArn = "arn:aws:ecs:\(region):\(id):cluster/\(cluster)"
    static let serviceArn = "arn:aws:ecs:\(region):\(id):service/\(cluster)/\(service)"
    static let targetGroupArn = "arn:aws:elasticloadbalancing:\(region):\(id):targetgroup/merxex-exchange-tg/6d0ecf831eec9f09"
    static func taskArn(_ taskId: String) -> String { "arn:aws:ecs:\(region):\(id):task/\(cluster)/\(taskId)" }
    static func taskDefinitionArn(_ name: String) -> String { "arn:aws:ecs:\(region):\(id):task-definition/\(name)" }
    static func image(_ version: String) -> String { "\(id).dkr.ecr.\(region).amazonaws.com/merxex-exchange:v\(version)" }
}
