import Replay

/// Everything the report's sections are built from, computed once: the document, the
/// settings, the figures, the findings, the episodes, and lookups between them.
///
/// Sections are built in `ReportFacts+<Section>.swift`, each a function from these
/// facts to finished Markdown values of ``ReportContext``.
struct ReportFacts {
    let document: IncidentsDocument
    let settings: ReportSettings
    let previous: IncidentsDocument?
    let figures: ReportFigures
    let findings: ReportFindings
    let episodes: [CrashEpisode]
    /// Deployments in time order (ties in document order), numbered D1, D2, ... in this order.
    let deployments: [IncidentsDocument.Deployment]
    /// The service name as printed (escaped).
    let serviceName: String

    private let tasksById: [String: IncidentsDocument.Task]
    private let outageIdByCrashId: [String: String]

    init(document: IncidentsDocument, settings: ReportSettings, previous: IncidentsDocument?) {
        self.document = document
        self.settings = settings
        self.previous = previous
        let figures = ReportFigures(document: document, settings: settings)
        self.figures = figures
        findings = ReportFindings(document: document, figures: figures, settings: settings)
        episodes = CrashEpisode.group(document.crashes, window: settings.episodeWindowSeconds)
        deployments = document.deployments.enumerated()
            .sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
        var tasks: [String: IncidentsDocument.Task] = [:]
        for task in document.tasks where tasks[task.id] == nil { tasks[task.id] = task }
        tasksById = tasks
        var outages: [String: String] = [:]
        for (index, outage) in document.outages.enumerated() {
            for crash in outage.crashes ?? [] where outages[crash] == nil { outages[crash] = outage.id ?? "O\(index + 1)" }
        }
        outageIdByCrashId = outages
        serviceName = MarkdownText.escape(Self.inferServiceName(document: document, settings: settings))
    }

    func task(_ id: String) -> IncidentsDocument.Task? { tasksById[id] }
    func outageId(forCrash id: String) -> String? { outageIdByCrashId[id] }

    /// The newest deployment at or before `time`, with its label (`D2`).
    func deployment(before time: Timestamp) -> (label: String, deployment: IncidentsDocument.Deployment)? {
        guard let index = deployments.lastIndex(where: { $0.at <= time }) else { return nil }
        return ("D\(index + 1)", deployments[index])
    }

    /// Seconds since the newest deployment at `time`; nil before the first one.
    func secondsSinceDeployment(at time: Timestamp) -> Int64? {
        deployment(before: time).map { time.secondsSince($0.deployment.at) }
    }

    /// `8h 19m after deployment`, or empty before any deployment.
    func sinceDeploymentText(_ seconds: Int64?) -> String {
        seconds.map { "\(DurationText.short($0)) after deployment" } ?? ""
    }

    /// `merxex-exchange`: the setting, else the family of the newest deployment's task
    /// definition, else the most common family among tasks (ties alphabetical), else `the service`.
    static func inferServiceName(document: IncidentsDocument, settings: ReportSettings) -> String {
        if let name = settings.serviceName, !name.isEmpty { return name }
        func family(_ taskDefinition: String?) -> String? {
            guard let definition = taskDefinition, !definition.isEmpty else { return nil }
            let name = definition.split(separator: "/").last.map(String.init) ?? definition
            let family = name.split(separator: ":", maxSplits: 1).first.map(String.init) ?? name
            return family.isEmpty ? nil : family
        }
        let newest = document.deployments.enumerated().max { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }
        if let name = family(newest?.element.taskDefinition) { return name }
        let families = document.tasks.compactMap { family($0.taskDefinition) }
        let counted = Set(families).map { name in (name: name, count: families.filter { $0 == name }.count) }
        if let best = counted.sorted(by: { ($1.count, $0.name) < ($0.count, $1.name) }).first { return best.name }
        return "the service"
    }

    /// Words for a cause in prose.
    static func words(_ cause: Cause) -> String {
        switch cause {
        case .oom: return "out of memory"
        case .panic: return "panic"
        case .connectionExhaustion: return "connection exhaustion"
        case .healthCheck: return "failed health checks"
        case .unknown: return "unknown cause"
        }
    }

    /// Words for an exposure kind in prose.
    static func words(_ kind: ExposureKind) -> String {
        switch kind {
        case .nonProductionConfig: return "non-production configuration"
        case .sensitivePathServed: return "sensitive path served"
        }
    }

    /// A task id shortened for prose (`9c2e1f0a…`), in a code span; the appendix prints it whole.
    static func shortTask(_ id: String) -> String {
        MarkdownText.codeSpan(id, maxLength: 13)
    }

    /// A contract word (`oom_kill`) as code.
    static func code(_ raw: String) -> String { "`\(raw)`" }
}
