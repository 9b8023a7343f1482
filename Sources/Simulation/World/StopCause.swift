/// Why a task stopped, as the simulated scheduler knows it.
///
/// Only `.failure` is a crash in the contract's words; the other three are stops
/// somebody asked for, whatever exit code they end with.
enum StopCause: Sendable, Equatable {
    /// Nobody asked: the process died or was killed for failing health checks.
    case failure(Failure)
    /// The scheduler replaced the task during a deployment (`ecs-svc/...`).
    case deployment(id: String)
    /// The scheduler removed the task because the desired count went down.
    case scaleIn(deploymentId: String)
    /// A person ran `aws ecs stop-task`.
    case user

    var isCrash: Bool { if case .failure = self { return true } else { return false } }

    var failure: Failure? { if case .failure(let f) = self { return f } else { return nil } }
}

/// How a process answers the SIGTERM of a requested stop; decides exit code and stop duration.
enum StopBehavior: Sendable, Equatable {
    /// Drains and exits 0 within a few seconds.
    case graceful
    /// Has no SIGTERM handler: dies of the signal, exit 143.
    case terminated
    /// Ignores SIGTERM; ECS sends SIGKILL after the 30 s stop timeout: exit 137.
    case killedAfterTimeout

    var exitCode: Int {
        switch self {
        case .graceful: return 0
        case .terminated: return 143
        case .killedAfterTimeout: return 137
        }
    }
}
