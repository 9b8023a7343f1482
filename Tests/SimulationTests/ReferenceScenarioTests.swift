import Foundation
import Replay
import Testing
@testable import Simulation

/// The reference scenario must be the seed incident (`../shared/seed/000_15aed08a853954cd.md`).
@Suite struct ReferenceScenarioTests {
    var truth: IncidentsDocument { get throws { try ScenarioOutput.shared("reference").summary.truth } }

    /// The crash times the seed post gives (UTC, to the minute), plus 08:47 for the one it leaves undated.
    static let seedCrashMinutes = [
        "2026-03-22T12:53", "2026-03-22T13:12", "2026-03-22T14:15", "2026-03-22T14:58", "2026-03-22T15:55",
        "2026-03-22T16:48", "2026-03-22T17:38", "2026-03-22T18:17", "2026-03-22T19:01",
        "2026-03-23T00:25", "2026-03-23T01:36", "2026-03-23T01:40", "2026-03-23T01:41", "2026-03-23T01:45",
        "2026-03-23T06:10", "2026-03-23T06:29", "2026-03-23T08:47", "2026-03-23T11:03", "2026-03-23T19:14",
    ]

    @Test func theFirstDeploymentIsRevision15At0434() throws {
        let first = try #require(try truth.deployments.first)
        #expect(first.at.iso8601 == "2026-03-22T04:34:00Z")
        #expect(first.taskDefinition == "merxex-exchange:15")
        #expect(first.version == "0.2.0")
    }

    @Test func theFixDeploysRevision16At2336() throws {
        let last = try #require(try truth.deployments.last)
        #expect(last.at.iso8601 == "2026-03-23T23:36:00Z")
        #expect(last.taskDefinition == "merxex-exchange:16")
    }

    @Test func thereAreNineteenCrashesAtTheSeedsTimesSpanningAtLeast36Hours() throws {
        let crashes = try truth.crashes
        #expect(crashes.count == 19)
        #expect(crashes.map { String($0.at.iso8601.prefix(16)) } == Self.seedCrashMinutes)
        let span = crashes.last!.at.secondsSince(crashes.first!.at)
        let sinceDeployment = crashes.last!.at.secondsSince(try truth.deployments[0].at)
        #expect(span >= 30 * 3600)
        #expect(sinceDeployment >= 36 * 3600)
        #expect(crashes.map(\.id) == (1...19).map { "C\($0)" })
    }

    @Test func causesMixOomPanicConnectionExhaustionAndHealthChecks() throws {
        let causes = Set(try truth.crashes.map(\.cause))
        #expect(causes == [.oom, .panic, .connectionExhaustion, .healthCheck])
        let mechanisms = Set(try truth.crashes.filter { $0.cause == .connectionExhaustion }.map(\.mechanism))
        #expect(mechanisms == [.panic, .healthCheckKill, .exit])
    }

    @Test func staleReplacementsMakeAtLeastSixExposuresOneLastingUntilTheFix() throws {
        let exposures = try truth.exposures
        #expect(exposures.count >= 6)
        let durations = exposures.map { $0.end!.secondsSince($0.start) }
        #expect(durations.min()! < 10 * 60)
        let longest = try #require(exposures.max { $0.end!.secondsSince($0.start) < $1.end!.secondsSince($1.start) })
        #expect(longest.end!.secondsSince(longest.start) >= 7 * 3600)
        #expect(longest.start.iso8601 < "2026-03-23T13:00:00Z")
        #expect(longest.end!.iso8601 > "2026-03-23T23:36:00Z")
        #expect(exposures.allSatisfy { $0.kind == .nonProductionConfig })
    }

    @Test func staleTasksAreTheDevelopmentRevision14Ones() throws {
        let stale = try truth.tasks.filter { $0.stale == true }
        #expect(!stale.isEmpty)
        #expect(stale.allSatisfy { $0.taskDefinition == "merxex-exchange:14" && $0.environment == "development" })
        let before = try #require(try truth.tasks.first)
        #expect(before.environment == "production" && before.stale == false)
    }

    @Test func theWholeExportStaysUnder15MB() throws {
        let output = try ScenarioOutput.shared("reference")
        let bytes = try output.relativePaths.reduce(0) { total, path in
            total + (try Data(contentsOf: output.directory.appendingPathComponent(path)).count)
        }
        #expect(bytes < 15 * 1024 * 1024)
    }
}
