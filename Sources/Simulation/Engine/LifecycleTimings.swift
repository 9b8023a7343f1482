/// How long ECS takes for each step of a task's life, in seconds (drawn uniformly).
///
/// The values follow what Fargate shows in practice. They are kept short enough that
/// a replacement reaches RUNNING within a minute of its predecessor's stop, which the
/// rapid-fire crashes of the reference incident (01:40, 01:41, 01:45) need.
enum LifecycleTimings {
    /// Stop of a crashed task to creation of its replacement.
    static let replacementDelay: ClosedRange<Double> = 2...8
    /// PROVISIONING to PENDING.
    static let provisioning: ClosedRange<Double> = 3...10
    /// PENDING to RUNNING (image pull and container start).
    static let pull: ClosedRange<Double> = 18...30
    /// RUNNING to HEALTHY (start period plus the first passing checks).
    static let healthGrace: ClosedRange<Double> = 20...40
    /// A hung task: first failed check to UNHEALTHY (three failures, 30 s apart).
    static let healthDetection: ClosedRange<Double> = 65...110
    /// UNHEALTHY to the scheduler's stop.
    static let schedulerReaction: ClosedRange<Double> = 3...15
    /// UNHEALTHY to the stop when a replacement is started first and must become healthy.
    static let replaceFirstReaction: ClosedRange<Double> = 115...135
    /// Process death to ECS noticing (stoppingAt).
    static let deathNoticed: ClosedRange<Double> = 0.4...2
    /// stoppingAt to stoppedAt after a death.
    static let deathCleanup: ClosedRange<Double> = 1...3
    /// A new task HEALTHY to the scheduler stopping an old one during a deployment.
    static let deregistration: ClosedRange<Double> = 5...15
    /// Stop durations by behaviour: graceful drain, death by SIGTERM, SIGKILL after the 30 s timeout.
    static let gracefulStop: ClosedRange<Double> = 1...4
    static let sigtermStop: ClosedRange<Double> = 0.3...1.5
    static let stopTimeout: ClosedRange<Double> = 30...31
    /// Deployment start to the creation of its first task.
    static let deploymentStart: ClosedRange<Double> = 5...15
    /// Last old task stopped to SERVICE_DEPLOYMENT_COMPLETED.
    static let deploymentSettle: ClosedRange<Double> = 10...40

    static func stopDuration(_ behavior: StopBehavior) -> ClosedRange<Double> {
        switch behavior {
        case .graceful: return gracefulStop
        case .terminated: return sigtermStop
        case .killedAfterTimeout: return stopTimeout
        }
    }
}
