import Replay

/// A fact found in the incident that calls for an action.
enum Finding: String, CaseIterable, Sendable {
    /// The service had no healthy task at the end of the window.
    case outageStillOpen
    /// The rollback rule of thumb was met.
    case rollbackTriggerMet
    /// Something production must not serve was still reachable at the end of the window.
    case exposureStillOpen
    /// Something production must not serve was reachable at some point (all closed by the end).
    case exposure
    /// Tasks started from a task definition revision older than the one deployed.
    case staleRevision
    /// Crashes whose cause was running out of connections.
    case connectionExhaustion
    /// Crashes whose cause was running out of memory.
    case oom
    /// Crashes where the scheduler killed a task for failing health checks, nothing deeper found.
    case healthCheckKill
    /// Crashes on a program bug (panic).
    case panic
    /// Crashes no rule could explain.
    case unknownCause
    /// Crashes above the acceptable rate, with nothing to alert on them yet.
    case crashRateAboveAcceptable
}

/// How soon an action is due.
enum Urgency: Int, Comparable, Sendable {
    /// Before anything else: the service is hurting now.
    case now = 0
    /// This week: stops the same incident from happening again.
    case thisWeek = 1
    /// Soon after: makes the next incident smaller or shorter.
    case later = 2

    static func < (a: Urgency, b: Urgency) -> Bool { a.rawValue < b.rawValue }

    var label: String {
        switch self {
        case .now: return "Now"
        case .thisWeek: return "This week"
        case .later: return "Next"
        }
    }
}

/// What to do about one finding, and what it teaches. Trusted text written here, not from logs.
struct RecommendationRule: Sendable {
    let finding: Finding
    let urgency: Urgency
    /// The action, imperative, as Markdown.
    let action: String
    /// The lesson, one or two sentences, as Markdown.
    let lesson: String
}

/// The rule table: findings to actions and lessons, in the order they are printed within an urgency.
///
/// Kept as data so adding a rule is one entry, and so a test can check that every
/// finding has a rule. The "because" that ties a rule to this incident is derived
/// from the document by ``ReportFindings``.
enum Recommendations {
    static let rules: [RecommendationRule] = [
        RecommendationRule(
            finding: .outageStillOpen, urgency: .now,
            action: "Restore service: start a task from the last known good task definition revision and confirm `/health` answers 200.",
            lesson: "An outage that outlives the report window was not noticed by anyone; page on outages, don't read about them."),
        RecommendationRule(
            finding: .rollbackTriggerMet, urgency: .now,
            action: "Roll back to the last known good revision and stop redeploying the current one until its crashes are explained.",
            lesson: "Decide the rollback rule before the incident and follow it when it fires; arguing with it mid-incident costs hours."),
        RecommendationRule(
            finding: .exposureStillOpen, urgency: .now,
            action: "Close the exposure: stop the tasks running with a non-production configuration and verify the sensitive path answers 404.",
            lesson: "An exposure is closed when production says so: a committed fix protects nothing until it is deployed and verified."),
        RecommendationRule(
            finding: .exposure, urgency: .thisWeek,
            action: "Hardcode `ENVIRONMENT=production` in the task definition and make the service fail closed: refuse to enable debug features (GraphQL playground, introspection) unless the environment is explicitly development, and refuse to start on an unknown value.",
            lesson: "A default that exposes debug features turns any configuration slip into a security incident; make the safe setting the default."),
        RecommendationRule(
            finding: .staleRevision, urgency: .thisWeek,
            action: "Pin the service to an explicit task definition revision, verify the running revision after every deployment and every restart, and alert on task definition drift (a task started from an older revision than the service's).",
            lesson: "Auto-recovery restarts whatever it is told to; a replacement task is only as good as the task definition it came from."),
        RecommendationRule(
            finding: .connectionExhaustion, urgency: .thisWeek,
            action: "Size the database pool for the number of tasks and the database's connection limit, set acquire and idle timeouts, and handle a pool timeout as a 503 instead of unwrapping it: a full pool must not kill the process.",
            lesson: "A crash on an exhausted pool turns a slow database into an outage; degrade, don't die."),
        RecommendationRule(
            finding: .oom, urgency: .thisWeek,
            action: "Look for a memory leak in the deployed version (compare the memory gauge over a task's life before and after the deployment), raise the memory limit only as a stopgap, and alarm on the memory gauge at 80% of the limit.",
            lesson: "Memory that only grows ends in a kill; watch the gauge, not just the crashes."),
        RecommendationRule(
            finding: .healthCheckKill, urgency: .thisWeek,
            action: "Review the health check settings: interval, timeout, unhealthy threshold and the start period (grace period), so slow starts and short stalls do not get healthy tasks killed; make `/health` cheap and independent of slow dependencies.",
            lesson: "A health check that is too strict causes the outages it is meant to detect."),
        RecommendationRule(
            finding: .panic, urgency: .thisWeek,
            action: "Fix the panics at their source (the evidence below names the message), and catch errors at request boundaries so one bad request cannot end the process.",
            lesson: "A panic in a request handler is an outage for every user; keep failures as small as the request that caused them."),
        RecommendationRule(
            finding: .unknownCause, urgency: .later,
            action: "Log why the process is about to exit (signal received, last error, memory in use) and keep the container's stop reason, so the next crash of this kind has a cause.",
            lesson: "A crash without evidence will happen again; what was not logged cannot be fixed."),
        RecommendationRule(
            finding: .crashRateAboveAcceptable, urgency: .later,
            action: "Alarm on unexpected task stops (ECS task state change with a non-deployment stop reason) and on the crash rate above the acceptable rate, so the next crash pages someone instead of waiting for a postmortem.",
            lesson: "Crashes that nobody is told about are found in postmortems, hours late."),
    ]

    /// The rule for a finding (every finding has exactly one).
    static func rule(for finding: Finding) -> RecommendationRule? {
        rules.first { $0.finding == finding }
    }
}
