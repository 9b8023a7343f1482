import Foundation
import Replay
import Testing
@testable import Simulation

/// `truth.json` and the simulated probes and ECS events must tell the same story,
/// or a perfect analyzer could not score perfectly.
@Suite struct TruthConsistencyTests {
    @Test(arguments: Simulator.scenarioNames)
    func probesSucceedExactlyOutsideOutagesAndExposuresMatchGraphqlAnswers(_ name: String) throws {
        let run = try #require(try ScenarioOutput.shared(name).run)
        let end = run.world.windowEnd
        func inside(_ t: Timestamp, _ spans: [(Timestamp, Timestamp?)]) -> Bool {
            spans.contains { t >= $0.0 && t < ($0.1 ?? end) }
        }
        let outages = run.truth.outages.map { ($0.start, $0.end) }
        let exposures = run.truth.exposures.map { ($0.start, $0.end) }
        for probe in run.probes where probe.check == .health {
            #expect(probe.succeeded != inside(probe.at, outages), "\(name): health probe at \(probe.at.iso8601Millis)")
        }
        for probe in run.probes where probe.check == .graphqlExposure {
            if probe.status == 200 { #expect(inside(probe.at, exposures), "\(name): /graphql 200 at \(probe.at.iso8601)") }
            if probe.status == 404 { #expect(!inside(probe.at, exposures), "\(name): /graphql 404 at \(probe.at.iso8601)") }
        }
    }

    @Test(arguments: Simulator.scenarioNames)
    func everyOutageStartsAtOrBeforeTheUnhealthyEventAndEndsAtAHealthyOne(_ name: String) throws {
        let run = try #require(try ScenarioOutput.shared(name).run)
        let healthy = Set(run.world.stateChanges.filter { $0.healthStatus == "HEALTHY" && $0.lastStatus == "RUNNING" }.map(\.at))
        for outage in run.truth.outages {
            if let end = outage.end { #expect(healthy.contains(end), "\(name): outage end \(end.iso8601Millis)") }
            #expect(run.world.stateChanges.contains { change in
                        change.at >= outage.start && (outage.end.map { change.at < $0 } ?? true) },
                    "\(name): outage at \(outage.start.iso8601) shows in no ECS event")
        }
    }

    @Test(arguments: Array(UInt64(1)...UInt64(25)))
    func theReferenceIncidentFitsTheSchedulerForManySeeds(_ seed: UInt64) throws {
        var scheduler = ServiceScheduler(scenario: ReferenceScenario.scenario, seed: seed)
        let world = try scheduler.run()
        #expect(world.crashedTasks.count == 19)
        #expect(world.crashedTasks.map { String($0.stoppedAt!.iso8601.prefix(16)) } == ReferenceScenarioTests.seedCrashMinutes)
    }

    @Test(arguments: Array(UInt64(1)...UInt64(10)))
    func everyScenarioFitsTheSchedulerForManySeeds(_ seed: UInt64) throws {
        for scenario in ScenarioCatalog.all {
            var scheduler = ServiceScheduler(scenario: scenario, seed: seed)
            let world = try scheduler.run()
            let planned = scenario.happenings.filter { if case .crash = $0.action { return true } else { return false } }
            #expect(world.crashedTasks.map(\.stoppedAt) == planned.map(\.at), "\(scenario.name) seed \(seed)")
        }
    }

    @Test func scorePyReadsTheTruthAndScoresItPerfectAgainstItself() throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../shared/tools/score.py").standardizedFileURL
        guard FileManager.default.fileExists(atPath: script.path) else { return }
        let truth = try ScenarioOutput.shared("reference").directory.appendingPathComponent("truth.json")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, truth.path, truth.path, "--json",
                             "--min-crash-f1", "1", "--min-cause-accuracy", "1", "--min-downtime-iou", "1",
                             "--min-exposure-iou", "1", "--min-deployment-recall", "1"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
    }
}
