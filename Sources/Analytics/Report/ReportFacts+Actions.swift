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

    /// Names the revision to roll back to: the deployment before the newest one, when the window shows it.
    private var rollbackTarget: String? {
        guard deployments.count >= 2 else { return nil }
        let previous = deployments[deployments.count - 2]
        return "The window's previous deployment, D\(deployments.count - 1), ran \(Self.describe(previous))."
    }

    static func capitalizedFirst(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }
}
