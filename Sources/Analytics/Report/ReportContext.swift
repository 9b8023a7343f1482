/// The view model handed to the Mustache template: every value the postmortem prints.
///
/// Contract with template authors: every `String` here is finished, safe Markdown.
/// Log-derived text inside it has been redacted and escaped (``MarkdownText``), numbers
/// and durations formatted (``NumberText``, ``DurationText``). Templates render with
/// Mustache's `TEXT` content type (``PostmortemReport`` sets it), so `{{x}}` and
/// `{{{x}}}` both insert the value unchanged; HTML-escaping it again would print
/// `&amp;lt;` where the reader should see `<`. The default template uses `{{{x}}}`
/// to say so. `Bool` fields (`has…`, `is…`) drive sections and their `{{^…}}` inverses;
/// arrays are rows. Field names are the template's API: rename with care. The template
/// finds them through `child(named:)` (`ReportContext+MustacheParent.swift`), which must
/// list every stored property; a test checks it against `Mirror`.
struct ReportContext {
    // MARK: Header
    var title: String
    /// `2026-03-22T04:34:00Z to 2026-03-23T23:36:00Z (43h 02m)`, or a note that the document has no times.
    var windowText: String
    /// ISO-8601, or empty when the document does not say.
    var generatedAt: String
    var hasGeneratedAt: Bool

    // MARK: Executive summary
    /// One bold sentence with the headline numbers.
    var headline: String
    /// One sentence: what state the service is in and what that calls for.
    var verdict: String
    var summaryItems: [String]
    /// True when nothing happened: no crash, outage or exposure.
    var isQuiet: Bool

    // MARK: What's new since the last report
    var hasPrevious: Bool
    var whatsNew: [String]

    // MARK: What happened
    var narrative: [String]

    // MARK: Timeline
    var hasTimeline: Bool
    /// A fenced ```` ```mermaid ```` block ending with a newline, or empty.
    var gantt: String
    var hasGantt: Bool
    var days: [TimelineDay]
    /// Rapid-fire episodes are one line; this says how they were formed.
    var episodeNote: String

    // MARK: What changed
    var hasDeployments: Bool
    var deployments: [DeploymentRow]
    var tasksSummary: String
    var hasStaleTasks: Bool
    var staleTasks: [TaskRow]

    // MARK: Root causes
    var hasCrashes: Bool
    var causeFamilies: [CauseFamilyRow]
    var crashDetails: [CrashDetail]
    var exposureDetails: [ExposureDetail]

    // MARK: Impact
    var impactItems: [String]
    var costFormula: String

    // MARK: What to do next, lessons
    var hasActions: Bool
    var actions: [Action]
    var lessons: [String]

    // MARK: Appendix
    var crashRows: [CrashRow]
    var hasOutages: Bool
    var outageRows: [OutageRow]
    var hasExposures: Bool
    var exposureRows: [ExposureRow]

    // MARK: Method
    var inputText: String
    var formulas: [String]
    var settingsItems: [String]
    var hasDisagreements: Bool
    var disagreements: [String]

    struct TimelineDay {
        /// `Sunday 22 March 2026`.
        var heading: String
        var entries: [TimelineEntry]
    }

    struct TimelineEntry {
        /// `12:53:04`, or `01:40:11–01:45:13` for an episode.
        var time: String
        /// `8h 19m after deployment`, or empty before the first deployment.
        var sinceDeployment: String
        var hasSinceDeployment: Bool
        var text: String
    }

    struct DeploymentRow {
        var id: String
        var at: String
        var taskDefinition: String
        var version: String
        var deploymentId: String
        /// Time since the deployment before it, or `first in window`.
        var gap: String
    }

    struct TaskRow {
        var id: String
        var taskDefinition: String
        var environment: String
        var version: String
        var startedAt: String
        var stoppedAt: String
        var exposures: String
    }

    struct CauseFamilyRow {
        var cause: String
        var meaning: String
        var count: String
        var share: String
        var mechanisms: String
        var crashIds: String
    }

    struct CrashDetail {
        var id: String
        var cause: String
        var confidence: String
        /// One line of facts: time, task, exit code, mechanism, rule, time since deployment.
        var facts: String
        var hasStoppedReason: Bool
        var stoppedReason: String
        var hasEvidence: Bool
        var evidence: [String]
    }

    struct ExposureDetail {
        var id: String
        var kind: String
        /// One line of facts: start, end, duration, tasks and their configuration.
        var facts: String
        var hasEvidence: Bool
        var evidence: [String]
    }

    struct Action {
        var number: String
        var urgency: String
        var action: String
        var because: String
    }

    struct CrashRow {
        var id: String
        var at: String
        var task: String
        var cause: String
        var mechanism: String
        var confidence: String
        var exitCode: String
        var outage: String
    }

    struct OutageRow {
        var id: String
        var start: String
        var end: String
        var duration: String
        var seconds: String
        var crashes: String
    }

    struct ExposureRow {
        var id: String
        var start: String
        var end: String
        var duration: String
        var seconds: String
        var kind: String
        var tasks: String
    }
}
