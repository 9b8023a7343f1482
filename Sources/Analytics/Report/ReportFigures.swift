import Replay

/// Every number the postmortem prints, computed once from the document's lists.
///
/// The lists (crashes, outages, exposures) are the single source: counts are their
/// lengths, durations come from their spans, so a figure in the summary always agrees
/// with the rows of the appendix. The formulas are the contract's and are written out
/// in the report's method section:
/// - window: the document's `window`, else first to last time in the document;
/// - downtime = length of the union of outage spans (an outage still open ends at the window's end);
/// - exposure time = length of the union of exposure spans (same rule);
/// - MTTR = mean duration of the closed outages; MTBF = mean gap between consecutive crashes;
/// - crash rate = crashes / window hours, and since the first deployment = crashes after it / hours from it to the window's end;
/// - cost = hours of the union of outage and exposure spans x the configured rate range;
/// - rollback trigger: see ``ReportSettings/rollbackCrashes``.
/// If the document's own `metrics` disagree with these, ``metricsDisagreements`` says how.
struct ReportFigures {
    let window: IncidentsDocument.Window?
    let windowSeconds: Int64
    let crashCount: Int
    let outageCount: Int
    let exposureCount: Int
    let downtimeSeconds: Int64
    let exposureSeconds: Int64
    /// Seconds in which the service was down, exposed or both (the union).
    let downOrExposedSeconds: Int64
    let mttrSeconds: Int64?
    let mtbfSeconds: Int64?
    /// Nil when the window has no length.
    let crashesPerHour: Double?
    /// Crashes at or after the first deployment in the window, per hour from it to the window's end;
    /// nil without a deployment or when it is at the window's end. The reference postmortem's
    /// "19 crashes in 38 hours" is this rate: the clock starts with the change.
    let crashesPerHourSinceDeployment: Double?
    let costLow: Double
    let costHigh: Double
    /// The crash that met the rollback trigger, nil if never met.
    let rollbackMetBy: IncidentsDocument.Crash?
    /// The most crashes found within any `rollbackWithinHours` span.
    let mostCrashesWithinRollbackSpan: Int
    let openOutages: [IncidentsDocument.Outage]
    let openExposures: [IncidentsDocument.Exposure]
    let metricsDisagreements: [String]

    init(document: IncidentsDocument, settings: ReportSettings) {
        let window = document.window ?? Self.inferredWindow(document)
        self.window = window
        let windowEnd = window?.end
        windowSeconds = window.map { max($0.end.secondsSince($0.start), 0) } ?? 0
        crashCount = document.crashes.count
        outageCount = document.outages.count
        exposureCount = document.exposures.count

        let outageSpans = document.outages.map { Self.span($0.start, $0.end, windowEnd: windowEnd) }
        let exposureSpans = document.exposures.map { Self.span($0.start, $0.end, windowEnd: windowEnd) }
        downtimeSeconds = Self.unionLength(outageSpans)
        exposureSeconds = Self.unionLength(exposureSpans)
        downOrExposedSeconds = Self.unionLength(outageSpans + exposureSpans)

        let closed = document.outages.compactMap { outage in outage.end.map { $0.secondsSince(outage.start) } }
        mttrSeconds = closed.isEmpty ? nil : closed.reduce(0, +) / Int64(closed.count)
        let crashTimes = document.crashes.map(\.at).sorted()
        if crashTimes.count >= 2 {
            mtbfSeconds = crashTimes[crashTimes.count - 1].secondsSince(crashTimes[0]) / Int64(crashTimes.count - 1)
        } else {
            mtbfSeconds = nil
        }
        crashesPerHour = windowSeconds > 0 ? Double(crashCount) * 3600 / Double(windowSeconds) : nil
        if let firstDeployment = document.deployments.map(\.at).min(), let end = windowEnd, end > firstDeployment {
            let seconds = end.secondsSince(firstDeployment)
            let crashes = document.crashes.filter { $0.at >= firstDeployment }.count
            crashesPerHourSinceDeployment = seconds > 0 ? Double(crashes) * 3600 / Double(seconds) : nil
        } else {
            crashesPerHourSinceDeployment = nil
        }

        let costHours = Double(downOrExposedSeconds) / 3600
        costLow = costHours * settings.costPerHourLow
        costHigh = costHours * settings.costPerHourHigh

        let ordered = document.crashes.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
        let span = Int64(settings.rollbackWithinHours) * 3600
        var metBy: IncidentsDocument.Crash?
        var most = 0
        var startIndex = 0
        for (index, crash) in ordered.enumerated() {
            while crash.at.secondsSince(ordered[startIndex].at) > span { startIndex += 1 }
            let inSpan = index - startIndex + 1
            most = max(most, inSpan)
            if metBy == nil, inSpan >= settings.rollbackCrashes { metBy = crash }
        }
        rollbackMetBy = metBy
        mostCrashesWithinRollbackSpan = most

        openOutages = document.outages.filter { $0.end == nil }
        openExposures = document.exposures.filter { $0.end == nil }

        var disagreements: [String] = []
        if let metrics = document.metrics {
            func check(_ name: String, _ stated: Int64, _ computed: Int64) {
                if stated != computed { disagreements.append("`\(name)` is \(stated), the lists give \(computed)") }
            }
            check("crashes", Int64(metrics.crashes), Int64(crashCount))
            check("outages", Int64(metrics.outages), Int64(outageCount))
            check("exposures", Int64(metrics.exposures), Int64(exposureCount))
            check("downtimeSeconds", metrics.downtimeSeconds, downtimeSeconds)
            check("exposureSeconds", metrics.exposureSeconds, exposureSeconds)
        }
        metricsDisagreements = disagreements
    }

    /// A span `[start, end)`, an open one ending at the window's end (or at its start without a window).
    static func span(_ start: Timestamp, _ end: Timestamp?, windowEnd: Timestamp?) -> (start: Int64, end: Int64) {
        let endSeconds = (end ?? windowEnd ?? start).seconds
        return (start.seconds, max(endSeconds, start.seconds))
    }

    /// Total seconds covered by the spans, overlaps counted once.
    static func unionLength(_ spans: [(start: Int64, end: Int64)]) -> Int64 {
        let sorted = spans.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
        var total: Int64 = 0
        var current: (start: Int64, end: Int64)?
        for span in sorted {
            if let open = current, span.start <= open.end {
                current = (open.start, max(open.end, span.end))
            } else {
                if let open = current { total += open.end - open.start }
                current = span
            }
        }
        if let open = current { total += open.end - open.start }
        return total
    }

    /// First to last time mentioned in the document, for documents without a `window`.
    static func inferredWindow(_ document: IncidentsDocument) -> IncidentsDocument.Window? {
        var times: [Timestamp] = []
        times += document.deployments.map(\.at)
        times += document.crashes.map(\.at)
        times += document.outages.flatMap { [$0.start] + ($0.end.map { [$0] } ?? []) }
        times += document.exposures.flatMap { [$0.start] + ($0.end.map { [$0] } ?? []) }
        times += document.tasks.flatMap { [$0.startedAt, $0.stoppedAt].compactMap { $0 } }
        guard let first = times.min(), let last = times.max() else { return nil }
        return IncidentsDocument.Window(start: first, end: last)
    }
}
