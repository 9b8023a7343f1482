import Replay

/// What changed: deployments, and the tasks whose configuration drifted from them.
extension ReportFacts {
    var deploymentRows: [ReportContext.DeploymentRow] {
        deployments.enumerated().map { index, deployment in
            let gap = index == 0 ? "first in window"
                : "\(DurationText.short(deployment.at.secondsSince(deployments[index - 1].at))) after D\(index)"
            return ReportContext.DeploymentRow(
                id: "D\(index + 1)", at: deployment.at.iso8601,
                taskDefinition: Self.cell(deployment.taskDefinition), version: Self.cell(deployment.version),
                deploymentId: Self.cell(deployment.deploymentId), gap: gap)
        }
    }

    /// One sentence on the tasks seen: how many, which revisions and environments, how many stale.
    var tasksSummary: String {
        let tasks = document.tasks
        guard !tasks.isEmpty else { return "The logs name no tasks." }
        var text = "\(NumberText.count(tasks.count, "task", "tasks")) ran in the window"
        let revisions = Self.tally(tasks.map { $0.taskDefinition ?? "" }.filter { !$0.isEmpty })
        if !revisions.isEmpty {
            text += ", from " + revisions.map { "\(MarkdownText.codeSpan($0.value)) (\($0.count))" }.joined(separator: ", ")
        }
        let environments = Self.tally(tasks.map { $0.environment ?? "" }.filter { !$0.isEmpty })
        if !environments.isEmpty {
            text += "; environment " + environments.map { "\(MarkdownText.codeSpan($0.value)) (\($0.count))" }.joined(separator: ", ")
        }
        let stale = findings.staleTasks.count
        text += ". "
        text += stale == 0
            ? "None started from a stale task definition."
            : "\(NumberText.count(stale, "task", "tasks")) started from a task definition revision older than the one deployed at the time (stale):"
        return text
    }

    var staleTaskRows: [ReportContext.TaskRow] {
        findings.staleTasks.map { task in
            let exposures = document.exposures.enumerated()
                .filter { ($0.element.tasks ?? []).contains(task.id) }
                .map { MarkdownText.escape($0.element.id ?? "E\($0.offset + 1)") }
            return ReportContext.TaskRow(
                id: MarkdownText.tableCodeSpan(task.id), taskDefinition: Self.cell(task.taskDefinition),
                environment: Self.cell(task.environment), version: Self.cell(task.version),
                startedAt: task.startedAt?.iso8601 ?? "–", stoppedAt: task.stoppedAt?.iso8601 ?? "still running",
                exposures: exposures.isEmpty ? "–" : exposures.joined(separator: ", "))
        }
    }

    /// A log-derived value in a table cell: quoted, or `–` when absent.
    static func cell(_ value: String?) -> String {
        guard let value, !value.isEmpty else { return "–" }
        return MarkdownText.tableCodeSpan(value)
    }

    /// Distinct values with their counts, most frequent first, ties alphabetical.
    static func tally(_ values: [String]) -> [(value: String, count: Int)] {
        let distinct = ReportFindings.distinct(values)
        return distinct.map { value in (value: value, count: values.filter { $0 == value }.count) }
            .sorted { ($1.count, $0.value) < ($0.count, $1.value) }
    }
}
