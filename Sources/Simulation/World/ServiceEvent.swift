import Replay

/// A service-level ECS event: a deployment state change or a service action.
struct ServiceEvent: Sendable {
    enum Kind: String, Sendable {
        case deploymentInProgress = "SERVICE_DEPLOYMENT_IN_PROGRESS"
        case deploymentCompleted = "SERVICE_DEPLOYMENT_COMPLETED"
        case deploymentFailed = "SERVICE_DEPLOYMENT_FAILED"
        case steadyState = "SERVICE_STEADY_STATE"
        case taskStartImpaired = "SERVICE_TASK_START_IMPAIRED"

        /// `ECS Deployment State Change` or `ECS Service Action`.
        var detailType: String {
            switch self {
            case .deploymentInProgress, .deploymentCompleted, .deploymentFailed: return "ECS Deployment State Change"
            case .steadyState, .taskStartImpaired: return "ECS Service Action"
            }
        }
    }

    var at: Timestamp
    var kind: Kind
    /// The deployment concerned, for deployment events.
    var deploymentId: String?
}

/// One ECS task state change event: which task, and the status it reported.
struct TaskStateChange: Sendable {
    var at: Timestamp
    var taskIndex: Int
    var lastStatus: String
    var desiredStatus: String
    var healthStatus: String
    /// `detail.version`: counts the task's events, as ECS does.
    var version: Int
}

/// A deployment the scenario made, as truth records it.
struct DeploymentRecord: Sendable {
    var at: Timestamp
    var id: String
    var definition: TaskDefinition
}
