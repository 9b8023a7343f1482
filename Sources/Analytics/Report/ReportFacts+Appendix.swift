import Replay

/// The appendix: every crash, outage and exposure with the same ids as the incidents JSON.
extension ReportFacts {
    var crashRows: [ReportContext.CrashRow] {
        document.crashes.map { crash in
            ReportContext.CrashRow(
                id: MarkdownText.escape(crash.id), at: crash.at.iso8601, task: MarkdownText.tableCodeSpan(crash.task),
                cause: Self.code(crash.cause.rawValue), mechanism: Self.code(crash.mechanism.rawValue),
                confidence: crash.confidence.map(NumberText.confidence) ?? "–",
                exitCode: crash.exitCode.map(String.init) ?? "–",
                outage: outageId(forCrash: crash.id).map(MarkdownText.escape) ?? "–")
        }
    }

    var outageRows: [ReportContext.OutageRow] {
        document.outages.enumerated().map { index, outage in
            let seconds = Self.outageSeconds(outage, figures)
            return ReportContext.OutageRow(
                id: MarkdownText.escape(outage.id ?? "O\(index + 1)"), start: outage.start.iso8601,
                end: outage.end?.iso8601 ?? "still open",
                duration: DurationText.short(seconds) + (outage.end == nil ? " so far" : ""),
                seconds: NumberText.grouped(seconds),
                crashes: (outage.crashes ?? []).isEmpty ? "–" : (outage.crashes ?? []).map(MarkdownText.escape).joined(separator: ", "))
        }
    }

    var exposureRows: [ReportContext.ExposureRow] {
        document.exposures.enumerated().map { index, exposure in
            let seconds = Self.exposureSeconds(exposure, figures)
            let tasks = exposure.tasks ?? []
            return ReportContext.ExposureRow(
                id: MarkdownText.escape(exposure.id ?? "E\(index + 1)"), start: exposure.start.iso8601,
                end: exposure.end?.iso8601 ?? "still open",
                duration: DurationText.short(seconds) + (exposure.end == nil ? " so far" : ""),
                seconds: NumberText.grouped(seconds), kind: Self.code(exposure.kind.rawValue),
                tasks: tasks.isEmpty ? "–" : tasks.map { MarkdownText.tableCodeSpan($0) }.joined(separator: ", "))
        }
    }
}
