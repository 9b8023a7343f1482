import Analytics
import Foundation
import Replay
import Testing

/// The shape of the reference postmortem's incident (`shared/seed/`): 19 crashes in 38 hours
/// after a deployment, 13 of them from 06:00 on day two onwards in rapid bursts.
@Suite("The reference incident's numbers")
struct ReportReferenceIncidentTests {
    static let crashTimes = [
        "2026-03-22T12:53:04Z", "2026-03-22T13:12:00Z", "2026-03-22T14:15:40Z", "2026-03-22T14:58:00Z",
        "2026-03-22T15:55:00Z", "2026-03-22T16:48:00Z", "2026-03-22T17:38:00Z", "2026-03-22T18:17:00Z",
        "2026-03-22T19:01:00Z", "2026-03-23T00:25:00Z", "2026-03-23T01:36:00Z", "2026-03-23T01:40:00Z",
        "2026-03-23T01:41:00Z", "2026-03-23T01:45:00Z", "2026-03-23T06:10:00Z", "2026-03-23T06:29:00Z",
        "2026-03-23T11:03:00Z", "2026-03-23T16:40:00Z", "2026-03-23T19:14:00Z",
    ]

    static var document: IncidentsDocument {
        var document = IncidentsDocument()
        let deployed = ReportFixtures.time("2026-03-22T04:34:00Z")
        document.window = .init(start: deployed, end: deployed.adding(seconds: 38 * 3600))
        document.deployments = [.init(at: ReportFixtures.time("2026-03-22T04:34:00Z"), taskDefinition: "merxex-exchange:15", version: "0.2.0")]
        document.crashes = crashTimes.enumerated().map { index, time in
            .init(id: "C\(index + 1)", task: "task-\(index + 1)", at: ReportFixtures.time(time), cause: .connectionExhaustion, mechanism: .panic)
        }
        // Window ends 2026-03-23T18:34:00Z: drop the crash after it so the count is the window's.
        document.crashes.removeAll { $0.at > document.window!.end }
        return document
    }

    @Test func theCrashRateIsAMultipleOfTheAcceptableRate() throws {
        let document = Self.document
        #expect(document.crashes.count == 18)
        let markdown = try PostmortemReport(document: document).markdown()
        // 18 crashes / 38 h = 0.47 per hour = 47x the acceptable 0.01.
        #expect(markdown.contains("**Crashes:** 18 in "))
        #expect(markdown.contains("0.47 crashes per hour over the window, **47x** the acceptable 0.01 per hour"))
    }

    @Test func theRollbackTriggerIsMetAtTheFifteenthCrash() throws {
        let markdown = try PostmortemReport(document: Self.document).markdown()
        #expect(markdown.contains("**met** at 2026-03-23T06:10:00Z by crash C15; roll back."))
        #expect(markdown.contains("**Now:** Roll back to the last known good revision"))
    }

    @Test func theBurstOnDayTwoIsOneEpisode() throws {
        let markdown = try PostmortemReport(document: Self.document).markdown()
        #expect(markdown.contains("**4 crashes in 9m 00s: C11–C14**"))
    }
}
