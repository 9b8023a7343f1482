import Replay

/// A scenario: the service's starting state and a list of what happens when.
///
/// Scenarios are declarations, not code: a reader checks a scenario against the
/// incident it imitates by reading its `happenings` top to bottom. The engine
/// (`ServiceScheduler`) turns them into task lifecycles; renderers and writers turn
/// those into files.
struct Scenario: Sendable {
    var name: String
    /// One line for `replay simulate --help`.
    var summary: String
    /// The span the exported logs cover.
    var windowStart: Timestamp
    var windowEnd: Timestamp
    /// The service's desired count at the start.
    var desiredCount: Int
    /// The revision the service runs when the logs begin.
    var initialDefinition: TaskDefinition
    /// When the tasks already running at the start were created (one per desired task; may be before the window).
    var initialTasksCreatedAt: [Timestamp]
    /// What a replacement marked `.stale` starts from: the cached, older revision.
    var staleDefinition: TaskDefinition?
    var happenings: [Happening]
    var volume: LogVolume
    /// Which log groups go to which export shapes, and the deliberate damage.
    var export: ExportPlan
}

/// One thing that happens to the service at a given instant.
struct Happening: Sendable {
    /// For a crash: when the task should reach STOPPED (the crash time in truth);
    /// the engine works back from it to the onset (the hang, the kill). For the rest:
    /// when it happens.
    var at: Timestamp
    var action: Action

    enum Action: Sendable {
        /// A rolling deployment to `definition` (the same revision again for a forced redeploy).
        case deploy(TaskDefinition, oldTasks: StopBehavior?)
        /// A task fails; the scheduler replaces it as `replacement` says.
        case crash(Failure, target: TaskSelector, replacement: Replacement)
        /// The desired count changes (scale-out or scale-in).
        case scale(to: Int, stopping: StopBehavior?)
        /// Someone stops a task by hand; the scheduler replaces it.
        case userStop(target: TaskSelector, behavior: StopBehavior)
    }
}

/// Which running task a happening hits.
enum TaskSelector: Sendable {
    case oldest
    case newest
}

/// How the scheduler replaces a crashed task.
struct Replacement: Sendable {
    /// Start the replacement from the scenario's stale (cached) revision.
    var fromStaleRevision = false
    /// Seconds between the stop and the replacement's creation; nil for the usual few seconds.
    /// Long delays come with a `SERVICE_TASK_START_IMPAIRED` event.
    var delaySeconds: Double?
    /// For health-check kills: start the replacement as soon as the task is UNHEALTHY, and stop the old task only once it is healthy.
    var startsBeforeStop = false

    static let current = Replacement()
    static let stale = Replacement(fromStaleRevision: true)
    static func current(after seconds: Double) -> Replacement { Replacement(delaySeconds: seconds) }
    static func stale(after seconds: Double) -> Replacement { Replacement(fromStaleRevision: true, delaySeconds: seconds) }
}

/// How much routine logging a scenario produces: the bulk of the bytes.
struct LogVolume: Sendable {
    /// Seconds between request lines of one serving task.
    var requestEvery: ClosedRange<Double>
    /// Seconds between memory (and pool) gauges of one task.
    var gaugeEvery: ClosedRange<Double>
    /// Seconds between rounds of the external probes (`/health`, `/graphql`).
    var probeEvery: Double
    /// Probability that a routine line is a warning or a benign error instead.
    var noiseRate: Double
}

extension Happening {
    /// Parses a scenario's literal time; a typo is a programming error caught by the scenario tests.
    static func time(_ text: String) -> Timestamp {
        guard let t = Timestamp(iso8601: text) else { preconditionFailure("bad scenario time \(text)") }
        return t
    }

    static func deploy(_ at: String, _ definition: TaskDefinition, oldTasks: StopBehavior? = nil) -> Happening {
        Happening(at: time(at), action: .deploy(definition, oldTasks: oldTasks))
    }

    static func crash(_ at: String, _ failure: Failure, target: TaskSelector = .oldest,
                      then replacement: Replacement = .current) -> Happening {
        Happening(at: time(at), action: .crash(failure, target: target, replacement: replacement))
    }

    static func scale(_ at: String, to count: Int, stopping: StopBehavior? = nil) -> Happening {
        Happening(at: time(at), action: .scale(to: count, stopping: stopping))
    }

    static func userStop(_ at: String, target: TaskSelector = .oldest, behavior: StopBehavior = .terminated) -> Happening {
        Happening(at: time(at), action: .userStop(target: target, behavior: behavior))
    }
}
