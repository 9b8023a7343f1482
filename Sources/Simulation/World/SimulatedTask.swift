import Replay

/// One ECS task as the simulated scheduler saw it, from creation to stop.
///
/// Every instant is the simulator's truth; the ECS events, the application logs,
/// the probes and `truth.json` are all derived from these fields, never from each other.
struct SimulatedTask: Sendable {
    /// Creation order, stable across runs.
    let index: Int
    /// 32 lowercase hex digits, the last part of the task ARN.
    let id: String
    let definition: TaskDefinition
    /// Started from a revision older than the newest deployed at its start.
    let stale: Bool
    /// The deployment (`ecs-svc/...`) that owns the task.
    let deploymentId: String
    let createdAt: Timestamp
    var pendingAt: Timestamp?
    /// `startedAt` in ECS: the task reached RUNNING.
    var startedAt: Timestamp?
    /// ECS health status turned HEALTHY; the load balancer starts routing to it.
    var healthyAt: Timestamp?
    /// The process stopped answering requests (still RUNNING).
    var hangAt: Timestamp?
    /// The first ECS event showing `healthStatus` UNHEALTHY.
    var unhealthyAt: Timestamp?
    /// The process ended by itself (OOM kill, panic, exit).
    var deathAt: Timestamp?
    var stoppingAt: Timestamp?
    var stoppedAt: Timestamp?
    var stopCause: StopCause?
    var exitCode: Int?
    /// When the task's STOPPED event should carry the OOM reason string.
    var containerReason: String?
    /// The failure planned for this task, set when it is chosen as the victim.
    var plannedFailure: Failure?
    /// Set for a health-check kill: the replacement was started before this task stopped.
    var replacedBeforeStop = false

    /// False once the scheduler has decided to stop the task (desiredStatus STOPPED).
    var desiredRunning: Bool { stoppingAt == nil && stoppedAt == nil }

    /// When the task stops answering requests: hang, death or deregistration, whichever first.
    var servingEnd: Timestamp? {
        [hangAt, deathAt, stoppingAt, unhealthyAt, stoppedAt].compactMap { $0 }.min()
    }

    /// Whether the task answers requests at `t`: healthy and not yet hung, dead or draining.
    func isServing(at t: Timestamp) -> Bool {
        guard let healthyAt, healthyAt <= t else { return false }
        if let end = servingEnd, end <= t { return false }
        return true
    }

    /// Whether ECS counts the task healthy at `t` (HEALTHY, not yet UNHEALTHY or stopped).
    func isECSHealthy(at t: Timestamp) -> Bool {
        guard let healthyAt, healthyAt <= t else { return false }
        if let u = unhealthyAt, u <= t { return false }
        if let s = stoppedAt, s <= t { return false }
        return true
    }

    /// Whether the task is RUNNING (started and not yet stopped) at `t`.
    func isRunning(at t: Timestamp) -> Bool {
        guard let startedAt, startedAt <= t else { return false }
        if let s = stoppedAt, s <= t { return false }
        return true
    }
}
