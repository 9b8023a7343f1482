import Replay

/// What to do next and the lessons, from the findings through the rule table.
extension ReportFacts {
    /// The rules that fired, most urgent first, in table order within an urgency.
    private var firedRules: [(rule: RecommendationRule, because: String)] {
        Recommendations.rules.enumerated().compactMap { index, rule -> (Int, RecommendationRule, String)? in
            guard let item = findings.items.first(where: { $0.finding == rule.finding }) else { return nil }
            return (index, rule, item.because)
        }
        .sorted { ($0.1.urgency, $0.0) < ($1.1.urgency, $1.0) }
        .map { (rule: $0.1, because: $0.2) }
    }

    var actions: [ReportContext.Action] {
        firedRules.enumerated().map { index, fired in
            var action = fired.rule.action
            if fired.rule.finding == .rollbackTriggerMet, let target = rollbackTarget { action += " " + target }
            return ReportContext.Action(number: "\(index + 1)", urgency: fired.rule.urgency.label,
                                        action: action, because: Self.capitalizedFirst(fired.because))
        }
    }

    var lessons: [String] { firedRules.map(\.rule.lesson) }

    /// Names the revision to roll back to: what ran before the deployment the crashes followed.
    ///
    /// The crashes began after some deployment; the last known good revision is the one
    /// the service ran before it: a task that started earlier from another revision, else
    /// the deployment before it. Redeploying the same revision again is not a rollback.
    private var rollbackTarget: String? {
        guard let firstCrash = document.crashes.first,
              let index = deployments.lastIndex(where: { $0.at <= firstCrash.at }) else { return nil }
        let culprit = deployments[index]
        let name = "D\(index + 1)"
        if let good = document.tasks.last(where: { task in
            (task.startedAt.map { $0 < culprit.at } ?? false) && task.taskDefinition != nil
                && task.taskDefinition != culprit.taskDefinition && task.stale != true
        }), let definition = good.taskDefinition {
            let version = good.version.map { " (version \(MarkdownText.codeSpan($0)))" } ?? ""
            return "The crashes began after \(name) deployed \(Self.describe(culprit)); before it the service ran \(MarkdownText.codeSpan(definition))\(version)."
        }
        if let previous = deployments[..<index].last(where: { $0.taskDefinition != culprit.taskDefinition }) {
            return "The crashes began after \(name) deployed \(Self.describe(culprit)); the deployment before it ran \(Self.describe(previous))."
        }
        return nil
    }

    static func capitalizedFirst(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }
}
