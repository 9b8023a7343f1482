import Replay

/// Everything the simulated service did over a scenario's window: the ground truth
/// that every renderer and `truth.json` derive from.
struct SimulatedWorld: Sendable {
    var scenario: Scenario
    var tasks: [SimulatedTask]
    var stateChanges: [TaskStateChange]
    var serviceEvents: [ServiceEvent]
    var deployments: [DeploymentRecord]
    /// The deployment id the initial tasks belong to.
    var initialDeploymentId: String

    var windowStart: Timestamp { scenario.windowStart }
    var windowEnd: Timestamp { scenario.windowEnd }

    /// Tasks the scheduler stopped for no requested reason, by stop time.
    var crashedTasks: [SimulatedTask] {
        tasks.filter { $0.stopCause?.isCrash == true }.sorted { ($0.stoppedAt!, $0.index) < ($1.stoppedAt!, $1.index) }
    }
}
