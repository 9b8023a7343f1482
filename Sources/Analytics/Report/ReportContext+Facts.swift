import Replay

extension ReportContext {
    /// Builds every section's values from the facts; the template decides the layout.
    ///
    /// The crash and exposure details, the longest sections, are written on a second core
    /// while the rest is: each section is a function of the facts alone.
    init(facts: ReportFacts) {
        let details = ConcurrentWork { (crashes: facts.crashDetails, exposures: facts.exposureDetails) }
        let document = facts.document
        let figures = facts.figures
        let windowTitle = figures.window.map { DateText.range($0.start, $0.end) } ?? "no time window"
        title = "Postmortem: \(facts.serviceName), \(windowTitle)"
        windowText = facts.windowText
        generatedAt = document.generatedAt?.iso8601 ?? ""
        hasGeneratedAt = document.generatedAt != nil

        headline = facts.headline
        verdict = facts.verdict
        summaryItems = facts.summaryItems
        isQuiet = facts.isQuiet

        hasPrevious = facts.previous != nil
        whatsNew = facts.whatsNew

        narrative = facts.narrative

        let gantt = MermaidGantt(document: document, windowEnd: figures.window?.end)
        self.gantt = gantt.markdown(title: "\(Self.plain(facts)) incident")
        hasGantt = gantt.hasContent
        days = facts.days
        hasTimeline = !days.isEmpty
        episodeNote = facts.episodeNote

        deployments = facts.deploymentRows
        hasDeployments = !deployments.isEmpty
        tasksSummary = facts.tasksSummary
        staleTasks = facts.staleTaskRows
        hasStaleTasks = !staleTasks.isEmpty

        hasCrashes = !document.crashes.isEmpty
        causeFamilies = facts.causeFamilyRows

        impactItems = facts.impactItems
        costFormula = facts.costFormula

        actions = facts.actions
        hasActions = !actions.isEmpty
        lessons = facts.lessons

        crashRows = facts.crashRows
        outageRows = facts.outageRows
        hasOutages = !outageRows.isEmpty
        exposureRows = facts.exposureRows
        hasExposures = !exposureRows.isEmpty

        inputText = facts.inputText
        formulas = facts.formulas
        settingsItems = facts.settingsItems
        disagreements = figures.metricsDisagreements
        hasDisagreements = !disagreements.isEmpty
        (crashDetails, exposureDetails) = try! details.value()  // writing details does not throw
    }

    /// The service name for the chart title, before Markdown escaping (the chart sanitises its own labels).
    private static func plain(_ facts: ReportFacts) -> String {
        ReportFacts.inferServiceName(document: facts.document, settings: facts.settings)
    }
}
