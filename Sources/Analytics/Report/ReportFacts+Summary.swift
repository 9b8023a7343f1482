import Replay

/// The executive summary, the "what happened" narrative and the impact section.
extension ReportFacts {
    var isQuiet: Bool { document.crashes.isEmpty && document.outages.isEmpty && document.exposures.isEmpty }

    var windowLength: String { DurationText.short(figures.windowSeconds) }

    var crashesText: String { NumberText.count(figures.crashCount, "crash", "crashes") }
    var outagesText: String { NumberText.count(figures.outageCount, "outage", "outages") }
    var exposuresText: String { NumberText.count(figures.exposureCount, "exposure", "exposures") }

    var headline: String {
        if isQuiet { return "**A quiet window: no crashes, no outages and no exposures in \(windowLength).**" }
        return "**\(crashesText), \(outagesText) with \(DurationText.short(figures.downtimeSeconds)) of downtime, and \(exposuresText) lasting \(DurationText.short(figures.exposureSeconds)) in total, in \(windowLength).**"
    }

    /// The most serious state first: down, rollback due, exposed, unstable, stable.
    var verdict: String {
        if let open = figures.openOutages.first {
            return "**Verdict: down.** Outage \(MarkdownText.escape(open.id ?? "?")) was still open when the window ended; restore service first."
        }
        if let crash = figures.rollbackMetBy {
            return "**Verdict: roll back.** Crash \(MarkdownText.escape(crash.id)) met the rollback trigger at \(crash.at.iso8601); this is a failing release, not a transient issue."
        }
        if let open = figures.openExposures.first {
            return "**Verdict: serving, but not safe.** Exposure \(MarkdownText.escape(open.id ?? "?")) was still open when the window ended."
        }
        if let rate = figures.crashesPerHour, figures.crashCount > 0, rate > settings.acceptableCrashesPerHour {
            return "**Verdict: unstable.** The service crashed at \(NumberText.multiple(rate, of: settings.acceptableCrashesPerHour)) the acceptable rate, and recovered each time."
        }
        return "**Verdict: stable.**" + (isQuiet ? "" : " Nothing was still wrong when the window ended.")
    }

    var crashRateText: String {
        guard let rate = figures.crashesPerHour else { return "no rate (the window has no length)" }
        let acceptable = settings.acceptableCrashesPerHour
        var text = "\(NumberText.rate(rate)) crashes per hour over the window, **\(NumberText.multiple(rate, of: acceptable))** the acceptable \(NumberText.rate(acceptable)) per hour"
        if let sinceDeployment = figures.crashesPerHourSinceDeployment, NumberText.rate(sinceDeployment) != NumberText.rate(rate) {
            text += " (\(NumberText.rate(sinceDeployment)) per hour since deployment D1, \(NumberText.multiple(sinceDeployment, of: acceptable)))"
        }
        return text
    }

    var rollbackText: String {
        let rule = "\(settings.rollbackCrashes) crashes within \(settings.rollbackWithinHours) h"
        if let crash = figures.rollbackMetBy {
            return "**Rollback trigger** (\(rule)): **met** at \(crash.at.iso8601) by crash \(MarkdownText.escape(crash.id)); roll back."
        }
        return "**Rollback trigger** (\(rule)): not met; at most \(NumberText.count(figures.mostCrashesWithinRollbackSpan, "crash", "crashes")) within any \(settings.rollbackWithinHours) h."
    }

    var stateAtEndText: String {
        var parts: [String] = []
        if let open = figures.openOutages.first {
            parts.append("the service was **down** (outage \(MarkdownText.escape(open.id ?? "?")) open since \(open.start.iso8601))")
        } else {
            parts.append("the service was **healthy** (no outage open)")
        }
        if figures.openExposures.isEmpty {
            parts.append(figures.exposureCount > 0 ? "every exposure had closed" : "nothing was exposed")
        } else {
            let ids = figures.openExposures.map { MarkdownText.escape($0.id ?? "?") }.joined(separator: ", ")
            parts.append("exposure \(ids) was **still open**")
        }
        return "**State at the end of the window:** " + parts.joined(separator: "; ") + "."
    }

    var costText: String {
        "\(NumberText.dollars(figures.costLow))–\(NumberText.dollars(figures.costHigh)) (\(DurationText.hours(figures.downOrExposedSeconds)) h down or exposed × \(NumberText.dollars(settings.costPerHourLow))–\(NumberText.dollars(settings.costPerHourHigh)) per hour)"
    }

    var summaryItems: [String] {
        if isQuiet {
            return ["**Crashes, outages, exposures:** none; the acceptable crash rate is \(NumberText.rate(settings.acceptableCrashesPerHour)) per hour.",
                    "**Rollback trigger** (\(settings.rollbackCrashes) crashes within \(settings.rollbackWithinHours) h): not met, no crashes.",
                    stateAtEndText]
        }
        let rapid = episodes.filter(\.isRapidFire)
        var items: [String] = []
        var crashes = "**Crashes:** \(NumberText.grouped(figures.crashCount))"
        if figures.crashCount > 0 {
            crashes += rapid.isEmpty ? "" : " in \(NumberText.count(episodes.count, "episode", "episodes"))"
            crashes += "; \(crashRateText)."
        } else {
            crashes += "."
        }
        items.append(crashes)
        if let main = findings.causeFamilies.first {
            items.append("**Main cause:** \(Self.words(main.cause)), \(main.crashes.count) of \(figures.crashCount) crashes.")
        }
        var outages = "**Outages:** \(NumberText.grouped(figures.outageCount))"
        if figures.outageCount > 0 {
            outages += ", \(DurationText.precise(figures.downtimeSeconds)) of downtime in total"
            if let mttr = figures.mttrSeconds { outages += "; mean time to recover \(DurationText.short(mttr))" }
        }
        items.append(outages + ".")
        var exposures = "**Exposures:** \(NumberText.grouped(figures.exposureCount))"
        if figures.exposureCount > 0 { exposures += ", \(DurationText.precise(figures.exposureSeconds)) in total" }
        items.append(exposures + ".")
        items.append(rollbackText)
        items.append(stateAtEndText)
        items.append("**Cost:** \(costText).")
        return items
    }

    // MARK: - What happened

    var narrative: [String] {
        var paragraphs: [String] = []
        if deployments.isEmpty {
            paragraphs.append(isQuiet ? "No deployment falls in the window."
                              : "No deployment falls in the window, so times below are not measured from one.")
        } else {
            let described = deployments.enumerated().map { index, deployment in
                "D\(index + 1) at \(deployment.at.clock) UTC on \(DateText.long(deployment.at)), \(Self.describe(deployment))"
            }
            let lead = deployments.count == 1 ? "One deployment falls in the window:" : "\(deployments.count) deployments fall in the window:"
            paragraphs.append("\(lead) \(described.joined(separator: "; ")).")
        }
        if isQuiet {
            paragraphs.append("Nothing went wrong: no task crashed, the service always had a healthy task, and nothing production must not serve was reachable.")
            return paragraphs
        }
        if let first = document.crashes.min(by: { $0.at < $1.at }), let last = document.crashes.max(by: { $0.at < $1.at }) {
            var text = "The service crashed \(figures.crashCount == 1 ? "once" : "\(figures.crashCount) times")"
            let since = first.sinceDeploymentSeconds ?? secondsSinceDeployment(at: first.at)
            text += ", first at \(first.at.iso8601) (\(MarkdownText.escape(first.id))"
            text += since.map { ", \(DurationText.short($0)) after deployment)" } ?? ")"
            if figures.crashCount > 1 { text += " and last at \(last.at.iso8601) (\(MarkdownText.escape(last.id)))" }
            text += "."
            let bursts = episodes.filter(\.isRapidFire)
            if let largest = bursts.max(by: { $0.crashes.count < $1.crashes.count }) {
                let what = "\(largest.crashes.count) crashes in \(DurationText.short(largest.spanSeconds)) (\(MarkdownText.escape(largest.idsText)))"
                text += bursts.count == 1
                    ? " One burst was rapid-fire, \(what): replacement tasks died as fast as they started."
                    : " \(bursts.count) bursts were rapid-fire, the largest \(what): replacement tasks died as fast as they started."
            }
            let causes = findings.causeFamilies.map { "\(Self.words($0.cause)) \($0.crashes.count)" }
            text += " By cause: \(causes.joined(separator: ", "))."
            paragraphs.append(text)
        }
        if figures.outageCount > 0 {
            let longest = document.outages.max { Self.outageSeconds($0, figures) < Self.outageSeconds($1, figures) }!
            paragraphs.append("\(figures.outageCount == 1 ? "One outage" : "\(figures.outageCount) outages") left the service without a healthy task for \(DurationText.short(figures.downtimeSeconds)) in total; the longest, \(MarkdownText.escape(longest.id ?? "?")), lasted \(DurationText.short(Self.outageSeconds(longest, figures))).")
        } else if figures.crashCount > 0 {
            paragraphs.append("No crash took the service down: another healthy task was always serving.")
        }
        if figures.exposureCount > 0 || !findings.staleTasks.isEmpty {
            var text = ""
            if !findings.staleTasks.isEmpty {
                let revisions = ReportFindings.distinct(findings.staleTasks.compactMap(\.taskDefinition)).map { MarkdownText.codeSpan($0) }
                let environments = ReportFindings.distinct(findings.staleTasks.compactMap(\.environment)).map { MarkdownText.codeSpan($0) }
                text += "\(NumberText.count(findings.staleTasks.count, "replacement task", "replacement tasks")) started from a stale task definition"
                if !revisions.isEmpty { text += " (\(revisions.joined(separator: ", ")))" }
                if !environments.isEmpty { text += " with environment \(environments.joined(separator: ", "))" }
                text += ". "
            }
            if figures.exposureCount > 0 {
                text += "Something production must not serve was reachable \(figures.exposureCount == 1 ? "once" : "\(figures.exposureCount) times"), for \(DurationText.short(figures.exposureSeconds)) in total."
            }
            paragraphs.append(text.trimmingSuffixSpace)
        }
        var end = stateAtEndText.replacingOccurrences(of: "**State at the end of the window:** ", with: "At the end of the window ")
        if let crash = figures.rollbackMetBy {
            end += " The rollback trigger of \(settings.rollbackCrashes) crashes within \(settings.rollbackWithinHours) h was met at \(crash.at.iso8601)."
        }
        paragraphs.append(end)
        return paragraphs
    }

    /// `` `merxex-exchange:15` `` (version `` `0.2.0` ``), escaped.
    static func describe(_ deployment: IncidentsDocument.Deployment) -> String {
        var text = deployment.taskDefinition.map { MarkdownText.codeSpan($0) } ?? "an unnamed task definition"
        if let version = deployment.version { text += " (version \(MarkdownText.codeSpan(version)))" }
        return text
    }

    /// An outage's length, an open one measured to the window's end.
    static func outageSeconds(_ outage: IncidentsDocument.Outage, _ figures: ReportFigures) -> Int64 {
        let span = ReportFigures.span(outage.start, outage.end, windowEnd: figures.window?.end)
        return span.end - span.start
    }

    /// An exposure's length, an open one measured to the window's end.
    static func exposureSeconds(_ exposure: IncidentsDocument.Exposure, _ figures: ReportFigures) -> Int64 {
        let span = ReportFigures.span(exposure.start, exposure.end, windowEnd: figures.window?.end)
        return span.end - span.start
    }

    // MARK: - Impact

    var impactItems: [String] {
        if isQuiet { return ["No downtime and no exposure in the window."] }
        var items: [String] = []
        var downtime = "**Downtime:** \(DurationText.precise(figures.downtimeSeconds)) over \(outagesText)"
        if let mttr = figures.mttrSeconds { downtime += "; mean time to recover (MTTR) \(DurationText.short(mttr))" }
        if !figures.openOutages.isEmpty { downtime += "; still down at the end of the window" }
        items.append(downtime + ".")
        var exposure = "**Exposure:** \(DurationText.precise(figures.exposureSeconds)) over \(exposuresText)"
        if let longest = document.exposures.max(by: { Self.exposureSeconds($0, figures) < Self.exposureSeconds($1, figures) }) {
            exposure += "; the longest, \(MarkdownText.escape(longest.id ?? "?")), \(DurationText.short(Self.exposureSeconds(longest, figures)))"
            exposure += longest.end == nil ? " and counting" : ""
        }
        items.append(exposure + ".")
        items.append("**Down or exposed:** \(DurationText.precise(figures.downOrExposedSeconds)), each second counted once.")
        if let mtbf = figures.mtbfSeconds {
            items.append("**Mean time between crashes (MTBF):** \(DurationText.short(mtbf)).")
        }
        return items
    }

    var costFormula: String {
        "cost = hours down or exposed × cost per hour = \(DurationText.hours(figures.downOrExposedSeconds)) h × \(NumberText.dollars(settings.costPerHourLow)) to \(NumberText.dollars(settings.costPerHourHigh)) = **\(NumberText.dollars(figures.costLow)) to \(NumberText.dollars(figures.costHigh))**"
    }
}

private extension String {
    var trimmingSuffixSpace: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
