import Analytics
import Foundation
import Replay
import Testing

@Suite("Postmortem report")
struct PostmortemReportTests {
    static let sections = [
        "Executive summary", "What happened", "Timeline", "What changed", "Root causes", "Impact",
        "What to do next", "Lessons", "Appendix: every incident", "Method",
    ]

    func render(_ document: IncidentsDocument, settings: ReportSettings = .init(),
                previous: IncidentsDocument? = nil) throws -> String {
        try PostmortemReport(document: document, settings: settings, previous: previous).markdown()
    }

    @Test func theSmallIncidentRendersExactlyAsTheGoldenFile() throws {
        let markdown = try render(ReportFixtures.smallIncident, previous: ReportFixtures.previousNight)
        try GoldenFile.check(markdown, named: "small-incident.md")
    }

    @Test func theQuietDayRendersExactlyAsTheGoldenFile() throws {
        try GoldenFile.check(try render(ReportFixtures.quietDay), named: "quiet-day.md")
    }

    @Test func everySectionIsPresentInOrder() throws {
        let markdown = try render(ReportFixtures.smallIncident, previous: ReportFixtures.previousNight)
        let headings = markdown.split(separator: "\n").filter { $0.hasPrefix("## ") }.map { String($0.dropFirst(3)) }
        #expect(headings == ["Executive summary", "What's new since the last report"] + Self.sections.dropFirst())
        #expect(markdown.hasPrefix("# Postmortem: merxex-exchange, 22–23 March 2026\n"))
    }

    @Test func theWhatsNewSectionIsLeftOutWithoutAPreviousReport() throws {
        let markdown = try render(ReportFixtures.smallIncident)
        #expect(!markdown.contains("## What's new since the last report"))
        for section in Self.sections { #expect(markdown.contains("\n## \(section)\n"), "missing \(section)") }
    }

    @Test func everyCrashOutageAndExposureIdAppearsInTheAppendix() throws {
        let document = ReportFixtures.smallIncident
        let appendix = try #require(MarkdownInspection.section("Appendix: every incident", in: try render(document)))
        let rows = appendix.split(separator: "\n").filter { $0.hasPrefix("| ") }
        for id in document.crashes.map(\.id) + document.outages.compactMap(\.id) + document.exposures.compactMap(\.id) {
            #expect(rows.filter { $0.hasPrefix("| \(id) |") }.count == 1, "\(id) should have exactly one appendix row")
        }
        #expect(rows.filter { $0.hasPrefix("| C") }.count == document.crashes.count)
        #expect(rows.filter { $0.hasPrefix("| O") }.count == document.outages.count)
        #expect(rows.filter { $0.hasPrefix("| E") }.count == document.exposures.count)
    }

    @Test func theHeadlineCountsEqualTheDocumentsListLengths() throws {
        let document = ReportFixtures.smallIncident
        let summary = try #require(MarkdownInspection.section("Executive summary", in: try render(document)))
        #expect(summary.contains("**\(document.crashes.count) crashes, \(document.outages.count) outages with "))
        #expect(summary.contains("**Crashes:** \(document.crashes.count) in 3 episodes"))
        #expect(summary.contains("**Outages:** \(document.outages.count), 1h 24m (5,076 s) of downtime"))
        #expect(summary.contains("**Exposures:** \(document.exposures.count), 5h 34m (20,092 s) in total"))
        #expect(summary.contains("E2 was **still open**"))
    }

    @Test func durationsAgreeBetweenSummaryAndAppendix() throws {
        let markdown = try render(ReportFixtures.smallIncident)
        // O1 996 s + O2 4,080 s = 5,076 s of downtime (no overlap); E1 292 s + E2 19,800 s so far = 20,092 s.
        #expect(markdown.contains("| O1 | 2026-03-22T12:53:04Z | 2026-03-22T13:09:40Z | 16m 36s | 996 | C1 |"))
        #expect(markdown.contains("| O2 | 2026-03-22T14:15:10Z | 2026-03-22T15:23:10Z | 1h 08m | 4,080 | C2, C3, C4 |"))
        #expect(markdown.contains("| E2 | 2026-03-22T22:30:00Z | still open | 5h 30m so far | 19,800 |"))
        #expect(markdown.contains("1h 24m (5,076 s)"))
        // Cost: union of O1∪E1 (1,260 s), O2 (4,080 s), E2 (19,800 s) = 25,140 s = 6.98 h.
        #expect(markdown.contains("6.98 h × $10.00 to $20.00 = **$69.83 to $139.67**"))
    }

    @Test func theRapidFireEpisodeIsOneTimelineLine() throws {
        let timeline = try #require(MarkdownInspection.section("Timeline", in: try render(ReportFixtures.smallIncident)))
        #expect(timeline.contains("- **14:15:10–14:20:12** · 9h 41m after deployment · **3 crashes in 5m 02s: C2–C4**"))
        #expect(!timeline.contains("**Crash C3**"))
        #expect(timeline.contains("**Crash C1**"))
    }

    @Test func theTimelineMeasuresFromTheNewestDeployment() throws {
        let timeline = try #require(MarkdownInspection.section("Timeline", in: try render(ReportFixtures.smallIncident)))
        #expect(timeline.contains("- **21:05:00** · 3h 05m after deployment · **Crash C5**"))
        #expect(timeline.contains("**Window ends** with exposure E2 still open."))
    }

    @Test func theGanttChartDrawsDeploymentsOutagesAndExposuresWithSafeLabels() throws {
        let markdown = try render(ReportFixtures.smallIncident)
        #expect(markdown.contains("```mermaid\ngantt\n"))
        #expect(markdown.contains("    dateFormat YYYY-MM-DDTHH:mm:ss\n"))
        #expect(markdown.contains("    D1 merxex-exchange 15 :milestone, d1, 2026-03-22T04:34:00, 0m\n"))
        #expect(markdown.contains("    O2 :crit, o2, 2026-03-22T14:15:10, 2026-03-22T15:23:10\n"))
        #expect(markdown.contains("    E2 still open :active, e2, 2026-03-22T22:30:00, 2026-03-23T04:00:00\n"))
    }

    @Test func recommendationsFollowTheFindings() throws {
        let next = try #require(MarkdownInspection.section("What to do next", in: try render(ReportFixtures.smallIncident)))
        #expect(next.contains("1. **Now:** Close the exposure"))
        #expect(next.contains("`ENVIRONMENT=production`"))
        #expect(next.contains("Pin the service to an explicit task definition revision"))
        #expect(next.contains("Size the database pool"))
        #expect(next.contains("memory leak"))
        #expect(next.contains("grace period"))
        #expect(!next.contains("Roll back"), "the trigger (15 crashes in 48 h) is not met by 5 crashes")
    }

    @Test func theRollbackTriggerIsReportedWhenMet() throws {
        var settings = ReportSettings()
        settings.rollbackCrashes = 4
        settings.rollbackWithinHours = 2
        let markdown = try render(ReportFixtures.smallIncident, settings: settings)
        #expect(markdown.contains("**Rollback trigger** (4 crashes within 2 h): **met** at 2026-03-22T14:20:12Z by crash C4"))
        #expect(markdown.contains("**Now:** Roll back to the last known good revision"))
    }

    @Test func aQuietDaySaysSoInAShortReport() throws {
        let markdown = try render(ReportFixtures.quietDay)
        #expect(markdown.contains("**A quiet window: no crashes, no outages and no exposures in 24h 00m.**"))
        #expect(markdown.contains("No crashes in the window, so there is no cause to find."))
        #expect(markdown.contains("No crashes.\n"))
        #expect(markdown.contains("No outages.\n"))
        #expect(markdown.contains("No exposures.\n"))
        #expect(!markdown.contains("```mermaid"))
        #expect(!markdown.contains("| id | at | task |"))
        #expect(markdown.split(separator: "\n").count < 80)
    }

    @Test func anEmptyDocumentStillRenders() throws {
        let report = try PostmortemReport(document: IncidentsDocument())
        let markdown = try report.markdown()
        #expect(markdown.contains("# Postmortem: the service, no time window"))
        #expect(report.suggestedFileName == "postmortem.md")
    }

    @Test func theSuggestedFileNameIsTheFirstDayOfTheWindow() throws {
        #expect(try PostmortemReport(document: ReportFixtures.smallIncident).suggestedFileName == "postmortem-2026-03-22.md")
    }

    @Test func theSameInputGivesTheSameReport() throws {
        let first = try render(ReportFixtures.smallIncident, previous: ReportFixtures.previousNight)
        let second = try render(ReportFixtures.smallIncident, previous: ReportFixtures.previousNight)
        #expect(first == second)
    }

    @Test func everyTableRowHasAsManyCellsAsItsHeader() throws {
        for document in [ReportFixtures.smallIncident, ReportFixtures.injection] {
            for table in MarkdownInspection.tables(try render(document)) {
                let columns = MarkdownInspection.cellCount(table[0])
                for row in table { #expect(MarkdownInspection.cellCount(row) == columns, "\(row)") }
            }
        }
    }

    @Test func metricsThatDisagreeWithTheListsAreCalledOut() throws {
        var document = ReportFixtures.smallIncident
        document.metrics?.crashes = 6
        let method = try #require(MarkdownInspection.section("Method", in: try render(document)))
        #expect(method.contains("`crashes` is 6, the lists give 5"))
    }

    @Test func whatsNewComparesWithThePreviousReport() throws {
        let markdown = try render(ReportFixtures.smallIncident, previous: ReportFixtures.previousNight)
        let new = try #require(MarkdownInspection.section("What's new since the last report", in: markdown))
        #expect(new.contains("**Crashes:** 5 in this window, 2 in the previous report's (+3)."))
        #expect(new.contains("**New crash causes:** connection exhaustion (C2, C3); failed health checks (C4); unknown cause (C5)."))
        #expect(new.contains("**Exposures open now:** E2 since 2026-03-22T22:30:00Z."))
    }

    @Test func aUserTemplateIsUsedWhenGiven() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("replay-report-\(UUID().uuidString).mustache")
        try "Custom {{title}}\n{{#crashRows}}{{id}};{{/crashRows}}\n".write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let markdown = try PostmortemReport(document: ReportFixtures.smallIncident, template: url).markdown()
        #expect(markdown == "Custom Postmortem: merxex-exchange, 22–23 March 2026\nC1;C2;C3;C4;C5;\n")
    }

    @Test func aBrokenUserTemplateIsReportedWithItsLine() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("replay-broken-\(UUID().uuidString).mustache")
        try "line one\n{{#crashRows}}never closed\n".write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: ReportError.self) { try PostmortemReport(document: ReportFixtures.smallIncident, template: url) }
    }

    @Test func aMissingUserTemplateIsAnError() throws {
        let url = URL(fileURLWithPath: "/nonexistent/replay/template.mustache")
        #expect(throws: ReportError.templateUnreadable(path: url.path, reason: "no such file")) {
            try PostmortemReport(document: ReportFixtures.smallIncident, template: url)
        }
    }

    @Test func invalidSettingsAreRefused() throws {
        var settings = ReportSettings()
        settings.costPerHourHigh = 1
        #expect(throws: ReportError.self) { try PostmortemReport(document: ReportFixtures.smallIncident, settings: settings) }
    }
}
