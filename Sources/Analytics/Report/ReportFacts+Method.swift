import Replay

/// The method section: what was read and how every figure is computed.
extension ReportFacts {
    var inputText: String {
        guard let input = document.input else {
            return "The incidents document does not say what was read (it has no `input`)."
        }
        return "This run read \(NumberText.count(input.files, "file", "files")): \(NumberText.count(input.events, "new event", "new events")), \(NumberText.count(input.duplicates, "duplicate", "duplicates")) dropped, \(NumberText.count(input.rejectedLines, "rejected line", "rejected lines"))."
    }

    var windowText: String {
        guard let window = figures.window else { return "The document holds no times, so it has no window." }
        return "\(window.start.iso8601) to \(window.end.iso8601) (\(DurationText.short(figures.windowSeconds)))"
    }

    var formulas: [String] {
        [
            "**Crash:** a task that stopped when nobody asked it to, at its `stoppedAt`; stops for deployments and scale-in are not crashes, stops for failed health checks are.",
            "**Downtime** = length of the union of outage spans; an outage still open counts up to the window's end.",
            "**Exposure time** = length of the union of exposure spans, same rule.",
            "**MTTR** = mean duration of the closed outages. **MTBF** = mean gap between consecutive crashes = (last crash − first crash) / (crashes − 1).",
            "**Crash rate** = crashes / window hours = \(NumberText.grouped(figures.crashCount)) / \(DurationText.hours(figures.windowSeconds)) h; compared with the acceptable rate as a multiple. Since deployment: crashes at or after the first deployment / hours from it to the window's end.",
            "**Cost** = (hours down or exposed, the union of outage and exposure spans) × the cost per hour range.",
            "**Rollback trigger:** met at the first crash that makes \(settings.rollbackCrashes) crashes within \(settings.rollbackWithinHours) h, counting back from that crash.",
            "**Rapid-fire episode:** crashes each less than \(DurationText.short(settings.episodeWindowSeconds)) after the one before.",
            "**After deployment:** time since the newest deployment at that moment, as the incidents JSON's `sinceDeploymentSeconds` for crashes.",
            "Durations are cut to whole minutes (`1h 08m`) or seconds (`16m 36s`); seconds in brackets are exact. Log-derived text is redacted of secrets before it is quoted.",
        ]
    }

    var settingsItems: [String] {
        [
            "`costPerHourLow` = \(NumberText.dollars(settings.costPerHourLow)), `costPerHourHigh` = \(NumberText.dollars(settings.costPerHourHigh))",
            "`acceptableCrashesPerHour` = \(NumberText.rate(settings.acceptableCrashesPerHour))",
            "`episodeWindowSeconds` = \(settings.episodeWindowSeconds)",
            "`rollbackCrashes` = \(settings.rollbackCrashes), `rollbackWithinHours` = \(settings.rollbackWithinHours)",
        ]
    }
}
