/// What happened, rebuilt from the stored events: the value every later stage reads.
public struct Timeline: Sendable {
    /// The span analysed: `--from/--to`, else the span the stored events cover.
    public var window: Span?
    /// Tasks that ran in the window, by start time.
    public var tasks: [TaskRecord] = []
    public var deployments: [DeploymentRecord] = []
    public var crashes: [CrashRecord] = []
    public var outages: [OutageRecord] = []
    public var exposures: [ExposureRecord] = []
    /// Stops that were not crashes, with why (deployment, scale-in, user, failed start), for the timeline view.
    public var otherStops: [(taskId: String, at: Timestamp, why: StopClassifier.Verdict)] = []

    public init() {}

    public var windowStart: Timestamp? { window?.start }
    public var windowEnd: Timestamp? { window?.end ?? window?.start }

    public func task(_ id: String) -> TaskRecord? { tasks.first { $0.id == id } }

    /// The latest deployment at or before `at`.
    public func deployment(before at: Timestamp) -> DeploymentRecord? {
        deployments.last { $0.at <= at }
    }
}
