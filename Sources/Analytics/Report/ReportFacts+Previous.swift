import Replay

/// What's new since the previous report: crash count delta, new causes, exposures left open.
extension ReportFacts {
    var whatsNew: [String] {
        guard let previous else { return [] }
        var items: [String] = []
        let before = previous.crashes.count, now = figures.crashCount
        let delta = now - before
        let deltaText = delta == 0 ? "no change" : (delta > 0 ? "+\(delta)" : "\(delta)")
        items.append("**Crashes:** \(NumberText.grouped(now)) in this window, \(NumberText.grouped(before)) in the previous report's (\(deltaText)).")

        let previousCauses = Set(previous.crashes.map(\.cause))
        let newCauses = Cause.allCases.filter { cause in !previousCauses.contains(cause) && document.crashes.contains { $0.cause == cause } }
        if newCauses.isEmpty {
            items.append("**New crash causes:** none; every cause was already seen in the previous report.")
        } else {
            let described = newCauses.map { cause in
                let ids = document.crashes.filter { $0.cause == cause }.map { MarkdownText.escape($0.id) }
                return "\(Self.words(cause)) (\(ids.joined(separator: ", ")))"
            }
            items.append("**New crash causes:** \(described.joined(separator: "; ")).")
        }

        let leftOpen = previous.exposures.filter { $0.end == nil }
        if leftOpen.isEmpty {
            items.append("**Exposures left open by the previous report:** none.")
        } else {
            let statuses = leftOpen.map { old -> String in
                let id = MarkdownText.escape(old.id ?? "?")
                // The same exposure, seen again: same start, or open across this window's start.
                let same = document.exposures.first { $0.start == old.start }
                    ?? document.exposures.first { exposure in figures.window.map { exposure.start <= $0.start } ?? false }
                guard let same else { return "\(id) (opened \(old.start.iso8601)): not seen again in this window's logs" }
                if let end = same.end { return "\(id) (opened \(old.start.iso8601)): closed at \(end.iso8601)" }
                return "\(id) (opened \(old.start.iso8601)): **still open**"
            }
            items.append("**Exposures left open by the previous report:** \(statuses.joined(separator: "; ")).")
        }
        let stillOpen = figures.openExposures.map { "\(MarkdownText.escape($0.id ?? "?")) since \($0.start.iso8601)" }
        items.append("**Exposures open now:** \(stillOpen.isEmpty ? "none" : stillOpen.joined(separator: ", ")).")
        return items
    }
}
