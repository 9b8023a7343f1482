import Replay

/// Root causes: per cause family, then crash by crash with the evidence quoted.
extension ReportFacts {
    /// Evidence lines are cut to this many characters (after redaction) so one stack trace cannot swamp the page.
    static let evidenceMaxLength = 240

    var causeFamilyRows: [ReportContext.CauseFamilyRow] {
        findings.causeFamilies.map { family in
            ReportContext.CauseFamilyRow(
                cause: Self.code(family.cause.rawValue), meaning: Self.words(family.cause),
                count: NumberText.grouped(family.crashes.count),
                share: NumberText.percent(family.crashes.count, of: figures.crashCount),
                mechanisms: family.mechanisms.map { "\(Self.code($0.mechanism.rawValue)) ×\($0.count)" }.joined(separator: ", "),
                crashIds: family.crashes.map { MarkdownText.escape($0.id) }.joined(separator: ", "))
        }
    }

    var crashDetails: [ReportContext.CrashDetail] {
        document.crashes.map { crash in
            var facts = ["at \(crash.at.iso8601)", "task \(MarkdownText.codeSpan(crash.task))"]
            if let exit = crash.exitCode { facts.append("exit code \(exit)") }
            facts.append("mechanism \(Self.code(crash.mechanism.rawValue))")
            if let rule = crash.rule { facts.append("rule \(MarkdownText.codeSpan(rule))") }
            if let since = crash.sinceDeploymentSeconds ?? secondsSinceDeployment(at: crash.at) {
                facts.append("\(DurationText.short(since)) after deployment")
            }
            if let outage = outageId(forCrash: crash.id) { facts.append("outage \(MarkdownText.escape(outage))") }
            if let task = task(crash.task) {
                if let definition = task.taskDefinition { facts.append("from \(MarkdownText.codeSpan(definition))") }
                if task.stale == true { facts.append("**stale task definition**") }
            }
            let evidence = (crash.evidence ?? []).map(Self.evidenceLine)
            let stopped = crash.stoppedReason ?? ""
            return ReportContext.CrashDetail(
                id: MarkdownText.escape(crash.id), cause: Self.words(crash.cause),
                confidence: crash.confidence.map { "\(NumberText.confidence($0)) confidence" } ?? "confidence not given",
                facts: facts.joined(separator: " · "),
                hasStoppedReason: !stopped.isEmpty, stoppedReason: MarkdownText.codeSpan(stopped, maxLength: Self.evidenceMaxLength),
                hasEvidence: !evidence.isEmpty, evidence: evidence)
        }
    }

    var exposureDetails: [ReportContext.ExposureDetail] {
        document.exposures.enumerated().map { index, exposure in
            var facts = ["from \(exposure.start.iso8601)"]
            facts.append(exposure.end.map { "to \($0.iso8601)" } ?? "**still open** at the end of the window")
            facts.append(DurationText.short(Self.exposureSeconds(exposure, figures)) + (exposure.end == nil ? " so far" : ""))
            for id in exposure.tasks ?? [] {
                var text = "task \(Self.shortTask(id))"
                if let task = task(id) {
                    let configuration = [task.taskDefinition.map { MarkdownText.codeSpan($0) },
                                         task.environment.map { "environment \(MarkdownText.codeSpan($0))" },
                                         task.version.map { "version \(MarkdownText.codeSpan($0))" }].compactMap { $0 }
                    if !configuration.isEmpty { text += " (\(configuration.joined(separator: ", ")))" }
                }
                facts.append(text)
            }
            let evidence = (exposure.evidence ?? []).map(Self.evidenceLine)
            return ReportContext.ExposureDetail(
                id: MarkdownText.escape(exposure.id ?? "E\(index + 1)"), kind: Self.words(exposure.kind),
                facts: facts.joined(separator: " · "), hasEvidence: !evidence.isEmpty, evidence: evidence)
        }
    }

    /// `2026-03-22T12:53:04Z `/aws/events/ecs`: `OutOfMemoryError: ...``: time, log group, the line quoted verbatim.
    static func evidenceLine(_ line: EvidenceLine) -> String {
        var source = ""
        if let group = line.logGroup { source += " " + MarkdownText.codeSpan(group) }
        return "\(line.at.iso8601)\(source): \(MarkdownText.codeSpan(line.text, maxLength: evidenceMaxLength))"
    }
}
