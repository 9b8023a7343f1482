import Replay

/// What the incident shows, derived from the document: the facts the narrative, the
/// recommendations and the lessons are built on.
///
/// Each finding keeps a "because" in Markdown (log-derived parts escaped), so a
/// recommendation always says which crashes, tasks or windows made it necessary.
struct ReportFindings {
    /// One finding with the evidence that raised it.
    struct Item {
        let finding: Finding
        /// Markdown, safe: numbers, ids and escaped log-derived text.
        let because: String
    }

    /// Crashes with one cause, and how they ended.
    struct CauseFamily {
        let cause: Cause
        let crashes: [IncidentsDocument.Crash]
        /// Mechanisms with their counts, most frequent first (ties in vocabulary order).
        let mechanisms: [(mechanism: Mechanism, count: Int)]
    }

    let items: [Item]
    /// Causes present, most crashes first, ties in vocabulary order.
    let causeFamilies: [CauseFamily]
    let staleTasks: [IncidentsDocument.Task]

    init(document: IncidentsDocument, figures: ReportFigures, settings: ReportSettings) {
        causeFamilies = Self.causeFamilies(document.crashes)
        staleTasks = document.tasks.filter { $0.stale == true }

        var found: [Finding: String] = [:]
        if let open = figures.openOutages.first {
            found[.outageStillOpen] = "outage \(MarkdownText.escape(open.id ?? "?")) began \(open.start.iso8601) and had not ended when the window closed."
        }
        if let crash = figures.rollbackMetBy {
            found[.rollbackTriggerMet] = "\(settings.rollbackCrashes) crashes within \(settings.rollbackWithinHours) h is the trigger, and crash \(MarkdownText.escape(crash.id)) at \(crash.at.iso8601) met it (\(figures.crashCount) crashes in the window)."
        }
        if !figures.openExposures.isEmpty {
            let ids = figures.openExposures.map { MarkdownText.escape($0.id ?? "?") }.joined(separator: ", ")
            found[.exposureStillOpen] = "exposure \(ids) was still open at the end of the window."
        }
        if figures.exposureCount > 0 {
            found[.exposure] = "\(NumberText.count(figures.exposureCount, "exposure", "exposures")) kept something production must not serve reachable for \(DurationText.short(figures.exposureSeconds)) in total."
        }
        if !staleTasks.isEmpty {
            let revisions = Self.distinct(staleTasks.compactMap(\.taskDefinition)).map { MarkdownText.codeSpan($0) }
            let revisionText = revisions.isEmpty ? "" : " (\(revisions.joined(separator: ", ")))"
            found[.staleRevision] = "\(NumberText.count(staleTasks.count, "task", "tasks")) of \(document.tasks.count) started from a stale task definition revision\(revisionText)."
        }
        for family in causeFamilies {
            let share = "\(family.crashes.count) of \(figures.crashCount) crashes"
            let ids = family.crashes.prefix(6).map { MarkdownText.escape($0.id) }.joined(separator: ", ")
                + (family.crashes.count > 6 ? ", …" : "")
            switch family.cause {
            case .connectionExhaustion: found[.connectionExhaustion] = "\(share) ran out of connections (\(ids))."
            case .oom: found[.oom] = "\(share) ran out of memory (\(ids))."
            case .healthCheck: found[.healthCheckKill] = "\(share) \(family.crashes.count == 1 ? "was" : "were") killed for failing health checks with nothing deeper found (\(ids))."
            case .panic: found[.panic] = "\(share) \(family.crashes.count == 1 ? "was a panic" : "were panics") (\(ids))."
            case .unknown: found[.unknownCause] = "\(share) had no cause the evidence could support (\(ids))."
            }
        }
        if let rate = figures.crashesPerHour, figures.crashCount > 0, rate > settings.acceptableCrashesPerHour {
            found[.crashRateAboveAcceptable] = "\(NumberText.rate(rate)) crashes per hour is \(NumberText.multiple(rate, of: settings.acceptableCrashesPerHour)) the acceptable \(NumberText.rate(settings.acceptableCrashesPerHour))."
        }
        // Iterate the vocabulary, not the dictionary, so the order never depends on hashing.
        items = Finding.allCases.compactMap { finding in found[finding].map { Item(finding: finding, because: $0) } }
    }

    func has(_ finding: Finding) -> Bool { items.contains { $0.finding == finding } }

    static func causeFamilies(_ crashes: [IncidentsDocument.Crash]) -> [CauseFamily] {
        let families = Cause.allCases.compactMap { cause -> CauseFamily? in
            let matching = crashes.filter { $0.cause == cause }
            guard !matching.isEmpty else { return nil }
            let mechanisms = Mechanism.allCases.enumerated()
                .map { order, mechanism in
                    (order: order, mechanism: mechanism, count: matching.filter { $0.mechanism == mechanism }.count)
                }
                .filter { $0.count > 0 }
                .sorted { ($1.count, $0.order) < ($0.count, $1.order) }
                .map { (mechanism: $0.mechanism, count: $0.count) }
            return CauseFamily(cause: cause, crashes: matching, mechanisms: mechanisms)
        }
        return families.enumerated()
            .sorted { ($1.element.crashes.count, $0.offset) < ($0.element.crashes.count, $1.offset) }
            .map { $0.element }
    }

    /// Values in first-seen order without repeats.
    static func distinct(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }
}
