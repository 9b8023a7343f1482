import Replay

/// The timeline: one entry per thing that happened, grouped by UTC day.
extension ReportFacts {
    /// One timeline line before formatting; sorted by time, then by ``order``, then by sequence.
    private struct Entry {
        var at: Timestamp
        /// At the same second: deployments first, then what ends, then what starts, then the window's end.
        var order: Int
        var sequence: Int
        var time: String
        var sinceDeployment: Int64?
        var text: String
    }

    var days: [ReportContext.TimelineDay] {
        var entries: [Entry] = []
        func add(_ at: Timestamp, _ order: Int, time: String? = nil, since: Int64? = nil, _ text: String) {
            entries.append(Entry(at: at, order: order, sequence: entries.count, time: time ?? at.clockSeconds,
                                 sinceDeployment: since, text: text))
        }
        for (index, deployment) in deployments.enumerated() {
            add(deployment.at, 0, "**Deployment D\(index + 1)** of \(Self.describe(deployment)).")
        }
        for (index, outage) in document.outages.enumerated() {
            let id = MarkdownText.escape(outage.id ?? "O\(index + 1)")
            let crashes = (outage.crashes ?? []).map { MarkdownText.escape($0) }
            let crashText = crashes.isEmpty ? "" : " (\(crashes.count == 1 ? "crash" : "crashes") \(crashes.joined(separator: ", ")))"
            let length = DurationText.short(Self.outageSeconds(outage, figures))
            if let end = outage.end {
                add(outage.start, 3, since: secondsSinceDeployment(at: outage.start),
                    "**Outage \(id) begins**: no healthy task\(crashText); \(length) of downtime, until \(end.clockSeconds).")
                add(end, 1, since: secondsSinceDeployment(at: end), "**Outage \(id) ends**: a task is healthy again after \(length).")
            } else {
                add(outage.start, 3, since: secondsSinceDeployment(at: outage.start),
                    "**Outage \(id) begins**: no healthy task\(crashText); still down at the end of the window (\(length) so far).")
            }
        }
        for (index, exposure) in document.exposures.enumerated() {
            let id = MarkdownText.escape(exposure.id ?? "E\(index + 1)")
            let tasks = (exposure.tasks ?? []).map(Self.shortTask)
            let taskText = tasks.isEmpty ? "" : " (\(tasks.count == 1 ? "task" : "tasks") \(tasks.joined(separator: ", ")))"
            let length = DurationText.short(Self.exposureSeconds(exposure, figures))
            add(exposure.start, 4, since: secondsSinceDeployment(at: exposure.start),
                "**Exposure \(id) opens**: \(Self.words(exposure.kind))\(taskText).")
            if let end = exposure.end {
                add(end, 1, since: secondsSinceDeployment(at: end), "**Exposure \(id) closes** after \(length).")
            }
        }
        for episode in episodes {
            let since = episode.first.sinceDeploymentSeconds ?? secondsSinceDeployment(at: episode.start)
            if episode.isRapidFire {
                let causes = Self.causeTally(episode.crashes)
                add(episode.start, 2, time: "\(episode.start.clockSeconds)–\(episode.end.clockSeconds)", since: since,
                    "**\(episode.crashes.count) crashes in \(DurationText.short(episode.spanSeconds)): \(MarkdownText.escape(episode.idsText))**, rapid-fire; \(causes).")
            } else {
                add(episode.start, 2, since: since, crashLine(episode.first))
            }
        }
        if let window = figures.window, !figures.openOutages.isEmpty || !figures.openExposures.isEmpty {
            let open = figures.openOutages.map { "outage \(MarkdownText.escape($0.id ?? "?"))" }
                + figures.openExposures.map { "exposure \(MarkdownText.escape($0.id ?? "?"))" }
            add(window.end, 9, since: secondsSinceDeployment(at: window.end),
                "**Window ends** with \(open.joined(separator: " and ")) still open.")
        }
        entries.sort { ($0.at, $0.order, $0.sequence) < ($1.at, $1.order, $1.sequence) }

        var result: [ReportContext.TimelineDay] = []
        for entry in entries {
            let line = ReportContext.TimelineEntry(
                time: entry.time, sinceDeployment: sinceDeploymentText(entry.sinceDeployment),
                hasSinceDeployment: entry.sinceDeployment != nil, text: entry.text)
            let heading = DateText.weekdayLong(entry.at)
            if result.last?.heading == heading {
                result[result.count - 1].entries.append(line)
            } else {
                result.append(ReportContext.TimelineDay(heading: heading, entries: [line]))
            }
        }
        return result
    }

    /// `**Crash C1** of task `9c2e…`: out of memory (`oom_kill`, 95% confidence), exit code 137.`
    private func crashLine(_ crash: IncidentsDocument.Crash) -> String {
        var text = "**Crash \(MarkdownText.escape(crash.id))** of task \(Self.shortTask(crash.task)): \(Self.words(crash.cause)) (\(Self.code(crash.mechanism.rawValue))"
        if let confidence = crash.confidence { text += ", \(NumberText.confidence(confidence)) confidence" }
        text += ")"
        if let exit = crash.exitCode { text += ", exit code \(exit)" }
        return text + "."
    }

    /// `connection exhaustion ×2, out of memory ×1`, most frequent first.
    static func causeTally(_ crashes: [IncidentsDocument.Crash]) -> String {
        ReportFindings.causeFamilies(crashes).map { "\(words($0.cause)) ×\($0.crashes.count)" }.joined(separator: ", ")
    }

    var episodeNote: String {
        "Times are UTC; \"after deployment\" is the time since the newest deployment at that moment. Crashes less than \(DurationText.short(settings.episodeWindowSeconds)) apart are shown as one rapid-fire line; the appendix lists each."
    }
}
