/// The contract's closed vocabularies (`../shared/spec/output-contract.md`, "Words").
/// Raw values are the spellings scripts read in the incidents JSON.

/// The deepest likely root cause of a crash.
public enum Cause: String, Codable, CaseIterable, Sendable, Comparable {
    /// The process ran out of memory (kernel or runtime OOM, ECS OutOfMemoryError).
    case oom
    /// The program aborted on a bug (Rust panic, Go panic, uncaught exception).
    case panic
    /// Database or socket connections ran out (pool timeouts, too many clients, EMFILE).
    case connectionExhaustion = "connection_exhaustion"
    /// Killed for failing health checks, and nothing deeper found.
    case healthCheck = "health_check"
    /// No rule had enough evidence.
    case unknown

    public static func < (a: Cause, b: Cause) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// How the process ended, whatever the cause.
public enum Mechanism: String, Codable, CaseIterable, Sendable {
    /// Killed by the kernel or the container runtime for exceeding its memory limit.
    case oomKill = "oom_kill"
    /// The program aborted itself (panic, fatal error, uncaught exception).
    case panic
    /// The scheduler stopped it because its health checks failed.
    case healthCheckKill = "health_check_kill"
    /// Ended by a signal with no better explanation (SIGKILL, SIGSEGV, SIGABRT).
    case signal
    /// Exited on its own with an exit status.
    case exit
}

/// What made an exposure window.
public enum ExposureKind: String, Codable, CaseIterable, Sendable {
    /// A task ran with a non-production configuration (e.g. `ENVIRONMENT=development`).
    case nonProductionConfig = "non_production_config"
    /// A probe got a 2xx answer from a path production must not serve, and no task explains it.
    case sensitivePathServed = "sensitive_path_served"
}
