import Replay

/// How a task fails when nobody asked it to stop: the simulator's ground truth for
/// one crash, from which its log signals, ECS stop fields, cause and mechanism follow.
enum Failure: Sendable, Equatable {
    /// Memory climbs to the limit and the kernel kills the container (exit 137).
    /// `ecsReason` false leaves out ECS's "OutOfMemoryError" string, as happens in practice:
    /// then only the exit code and the memory gauges tell.
    case oomKill(ecsReason: Bool)
    /// A bug unrelated to the database: the process panics and exits 101.
    case panic(PanicKind)
    /// The connection pool runs dry and a handler unwraps the `PoolTimedOut` error: exit 101.
    case poolTimeoutPanic
    /// The connection pool runs dry, every request waits, `/health` fails and the
    /// scheduler kills the task for failing its health checks.
    case poolStarvedHang(HealthCheck)
    /// PostgreSQL refuses connections ("too many clients"); the process gives up and exits 1.
    case tooManyClientsExit
    /// The process stops answering (a deadlock) with nothing deeper in its logs;
    /// killed for failing its health checks.
    case hang(HealthCheck)

    /// The panics that are bugs in the program, not resource exhaustion.
    enum PanicKind: Sendable, Equatable {
        /// `called Option::unwrap() on a None value` in the matching engine (current panic format).
        case unwrapNone
        /// Index out of bounds in the order book, in the one-line format of older Rust (v0.1.0 builds).
        case indexOutOfBoundsOldFormat
        /// A slice index panic in the settlement code (current format).
        case sliceIndex
    }

    /// Which health check failed: the load balancer's or the container's own.
    enum HealthCheck: Sendable, Equatable {
        case loadBalancer
        case container
    }

    var cause: Cause {
        switch self {
        case .oomKill: return .oom
        case .panic: return .panic
        case .poolTimeoutPanic, .poolStarvedHang, .tooManyClientsExit: return .connectionExhaustion
        case .hang: return .healthCheck
        }
    }

    var mechanism: Mechanism {
        switch self {
        case .oomKill: return .oomKill
        case .panic, .poolTimeoutPanic: return .panic
        case .poolStarvedHang, .hang: return .healthCheckKill
        case .tooManyClientsExit: return .exit
        }
    }

    /// True when the scheduler stops the task after health checks fail; false when the process dies by itself.
    var isHealthCheckKill: Bool { mechanism == .healthCheckKill }

    /// The container exit code when the process dies by itself (health-check kills are decided at the stop).
    var ownExitCode: Int {
        switch self {
        case .oomKill: return 137
        case .panic, .poolTimeoutPanic: return 101
        case .tooManyClientsExit: return 1
        case .poolStarvedHang, .hang: return 143
        }
    }
}
