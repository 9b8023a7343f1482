import Foundation
import Replay
import Testing

/// Every scenario, with two seeds, is analysed end to end and must reach the contract's floors
/// when `../shared/tools/score.py` compares it with the simulator's truth.
@Suite(.serialized) struct ScenarioScoreTests {
    static let floors = ["--min-crash-f1", "0.95", "--min-cause-accuracy", "0.9", "--min-downtime-iou", "0.85",
                         "--min-exposure-iou", "0.85", "--min-deployment-recall", "0.9"]

    @Test(arguments: [("reference", UInt64(1)), ("reference", 20260322), ("oom-leak", 1), ("oom-leak", 99),
                      ("pool-exhaustion", 1), ("pool-exhaustion", 42), ("messy-export", 1), ("messy-export", 5)])
    func scenarioMeetsTheScoreFloors(scenario: String, seed: UInt64) throws {
        let run = try ScenarioRun(scenario: scenario, seed: seed)
        defer { run.cleanUp() }
        let (status, output) = try run.score(floors: Self.floors)
        #expect(status == 0, "\(scenario) seed \(seed): \(output)")
    }

    /// An export without the ECS events (only app logs and probes): crashes are inferred from a task's
    /// silence followed by failing probes, exposures from configuration lines; deployments cannot be named.
    @Test func withoutAnyECSEventsTheIncidentIsStillReplayedFromLogsAndProbes() throws {
        let run = try ScenarioRun(scenario: "reference", seed: 3, dropping: ["aws-events-ecs"])
        defer { run.cleanUp() }
        #expect(!run.document.crashes.isEmpty)
        let (status, output) = try run.score(floors: ["--min-crash-f1", "0.9", "--min-cause-accuracy", "0.8",
                                                       "--min-downtime-iou", "0.8", "--min-exposure-iou", "0.85"])
        #expect(status == 0, "\(output)")
    }

    /// Silence alone is never a crash: a quiet service's export without its ECS events still reports nothing.
    @Test func withoutECSEventsAQuietServiceStillHasNothingToReport() throws {
        let run = try ScenarioRun(scenario: "quiet", seed: 2, dropping: ["aws-events-ecs", "events-ecs"])
        defer { run.cleanUp() }
        #expect(run.document.crashes.isEmpty, "\(run.document.crashes.map { "\($0.at) \($0.task)" })")
        #expect(run.document.outages.isEmpty)
        #expect(run.document.exposures.isEmpty)
    }

    @Test(arguments: [UInt64(1), 3])
    func aQuietServiceHasNothingToReport(seed: UInt64) throws {
        let run = try ScenarioRun(scenario: "quiet", seed: seed)
        defer { run.cleanUp() }
        #expect(run.document.crashes.isEmpty, "\(run.document.crashes.map { "\($0.at) \($0.stoppedReason ?? "")" })")
        #expect(run.document.outages.isEmpty, "\(run.document.outages.map { "\($0.start)..\(String(describing: $0.end))" })")
        #expect(run.document.exposures.isEmpty)
        #expect(!run.document.deployments.isEmpty)
    }

    @Test func countsInMetricsEqualTheListsAndListsAreSortedByTime() throws {
        let run = try ScenarioRun(scenario: "reference", seed: 1)
        defer { run.cleanUp() }
        let d = run.document
        #expect(d.metrics?.crashes == d.crashes.count)
        #expect(d.metrics?.outages == d.outages.count)
        #expect(d.metrics?.exposures == d.exposures.count)
        #expect(d.crashes.map(\.at) == d.crashes.map(\.at).sorted())
        #expect(d.outages.map(\.start) == d.outages.map(\.start).sorted())
        #expect(d.exposures.map(\.start) == d.exposures.map(\.start).sorted())
        #expect(d.deployments.map(\.at) == d.deployments.map(\.at).sorted())
        let downtime = d.outages.reduce(Int64(0)) { $0 + ($1.durationSeconds ?? 0) }
        #expect(d.metrics?.downtimeSeconds == downtime)
        // every crash is in the report's appendix, and the headline count matches
        for crash in d.crashes { #expect(run.markdown.contains("| \(crash.id) |"), "\(crash.id) missing from the appendix") }
        #expect(run.markdown.contains("\(d.crashes.count) crashes"))
    }

    @Test func theReferenceIncidentHasTheSeedsShape() throws {
        let run = try ScenarioRun(scenario: "reference", seed: 1)
        defer { run.cleanUp() }
        let d = run.document
        #expect(d.deployments.first?.at == Timestamp(iso8601: "2026-03-22T04:34:00Z"))
        #expect(d.deployments.first?.taskDefinition == "merxex-exchange:15")
        #expect(d.crashes.count == 19)
        #expect(d.exposures.count >= 6)
        #expect(d.tasks.contains { $0.stale == true && $0.environment == "development" })
        #expect(Set(d.crashes.map(\.cause)).isSuperset(of: [.oom, .panic, .connectionExhaustion]))
        #expect(d.metrics?.rollbackTrigger.metAt != nil)
    }
}
