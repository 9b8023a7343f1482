import Replay

/// The incident as a Mermaid gantt chart: deployments as milestones, outages and exposures as bars.
///
/// GitHub, GitLab and most Markdown viewers draw a ```` ```mermaid ```` block, so the
/// picture travels inside the Markdown file with no image to host. Mermaid parses its
/// own syntax, where `:` separates a label from its data, `;` and newlines end a
/// statement, `#` starts an entity and `%%` a directive, and `click` binds a
/// callback: labels are therefore ids plus, for deployments, the task definition
/// reduced to letters, digits, space, `.`, `_` and `-` (see ``label(_:)``). Times are
/// whole UTC seconds in `YYYY-MM-DDTHH:mm:ss`; an outage or exposure still open is
/// drawn to the window's end.
struct MermaidGantt {
    let document: IncidentsDocument
    let windowEnd: Timestamp?

    /// True when there is something to draw.
    var hasContent: Bool {
        !document.deployments.isEmpty || !document.outages.isEmpty || !document.exposures.isEmpty
    }

    /// The fenced block, ending with a newline; empty when there is nothing to draw.
    func markdown(title: String) -> String {
        guard hasContent else { return "" }
        var lines = ["```mermaid", "gantt", "    title \(Self.label(title))",
                     "    dateFormat YYYY-MM-DDTHH:mm:ss", "    axisFormat \(axisFormat)"]
        if !document.deployments.isEmpty {
            lines.append("    section Deployments")
            for (index, deployment) in document.deployments.enumerated() {
                let name = "D\(index + 1)" + (deployment.taskDefinition.map { " " + Self.label($0) } ?? "")
                lines.append("    \(Self.label(name)) :milestone, d\(index + 1), \(Self.time(deployment.at)), 0m")
            }
        }
        if !document.outages.isEmpty {
            lines.append("    section Outages")
            for (index, outage) in document.outages.enumerated() {
                lines.append(bar(id: outage.id, fallback: "O\(index + 1)", tag: "crit", key: "o\(index + 1)",
                                 start: outage.start, end: outage.end))
            }
        }
        if !document.exposures.isEmpty {
            lines.append("    section Exposures")
            for (index, exposure) in document.exposures.enumerated() {
                lines.append(bar(id: exposure.id, fallback: "E\(index + 1)", tag: "active", key: "e\(index + 1)",
                                 start: exposure.start, end: exposure.end))
            }
        }
        lines.append("```")
        return lines.joined(separator: "\n") + "\n"
    }

    /// `%H:%M` for a chart within one day, `%m-%d %H:%M` across days.
    var axisFormat: String {
        var times = document.deployments.map(\.at) + document.outages.map(\.start) + document.exposures.map(\.start)
        if let windowEnd { times.append(windowEnd) }
        guard let first = times.min(), let last = times.max(), first.day != last.day else { return "%H:%M" }
        return "%m-%d %H:%M"
    }

    private func bar(id: String?, fallback: String, tag: String, key: String, start: Timestamp, end: Timestamp?) -> String {
        let stillOpen = end == nil
        let drawnEnd = max(end ?? windowEnd ?? start, start)
        let name = Self.label(id ?? fallback) + (stillOpen ? " still open" : "")
        return "    \(name) :\(tag), \(key), \(Self.time(start)), \(Self.time(drawnEnd))"
    }

    /// `2026-03-22T12:53:04`: the chart's `dateFormat`, UTC.
    static func time(_ t: Timestamp) -> String { String(t.iso8601.dropLast()) }

    /// Redacts, then keeps letters, digits, space, `.`, `_`, `-`; turns `:`, `/` into a space; drops the
    /// rest; cuts to 40 characters. `merxex-exchange:15` -> `merxex-exchange 15`.
    static func label(_ text: String) -> String {
        var result = ""
        for character in Redactor.standard.redact(text) {
            if character.isASCII && (character.isLetter || character.isNumber || " ._-".contains(character)) {
                result.append(character)
            } else if character == ":" || character == "/" {
                result.append(" ")
            }
        }
        let collapsed = result.split(separator: " ").joined(separator: " ")
        let cut = String(collapsed.prefix(40))
        // `click`, `section` and the like are Mermaid keywords only at the start of a line.
        let reserved = ["click", "section", "title", "dateformat", "axisformat", "excludes", "includes", "todaymarker", "tickinterval", "weekday", "gantt"]
        let firstWord = cut.split(separator: " ").first.map { $0.lowercased() } ?? ""
        let safe = reserved.contains(firstWord) ? "x " + cut : cut
        return safe.isEmpty ? "unnamed" : safe
    }
}
