import Foundation
import Replay
import Testing
@testable import Simulation

@Suite struct OtherScenarioTests {
    @Test func theQuietScenarioHasNoCrashOutageOrExposure() throws {
        let truth = try ScenarioOutput.shared("quiet").summary.truth
        #expect(truth.crashes.isEmpty)
        #expect(truth.outages.isEmpty)
        #expect(truth.exposures.isEmpty)
        #expect(truth.deployments.count == 2)
    }

    @Test func theQuietScenarioStillStopsTasksWithSignalExitCodes() throws {
        let run = try #require(try ScenarioOutput.shared("quiet").run)
        let exits = Set(run.world.tasks.compactMap(\.exitCode))
        #expect(exits.isSuperset(of: [143, 137]))
        #expect(run.world.tasks.contains { $0.stopCause == .user })
        #expect(run.world.tasks.contains { if case .scaleIn = $0.stopCause { return true } else { return false } })
    }

    @Test func theOomLeakScenarioHasOomKillsAndOneHealthCheckKill() throws {
        let truth = try ScenarioOutput.shared("oom-leak").summary.truth
        #expect(truth.crashes.filter { $0.cause == .oom }.count == 4)
        #expect(truth.crashes.filter { $0.cause == .healthCheck && $0.mechanism == .healthCheckKill }.count == 1)
        #expect(truth.exposures.isEmpty)
    }

    @Test func thePoolExhaustionScenarioHasCrashesWithoutOutages() throws {
        let truth = try ScenarioOutput.shared("pool-exhaustion").summary.truth
        #expect(truth.crashes.count == 9)
        #expect(truth.crashes.filter { $0.cause == .connectionExhaustion }.count >= 6)
        #expect(truth.crashes.contains { $0.cause == .panic })
        #expect(!truth.outages.isEmpty)
        #expect(truth.outages.count < truth.crashes.count)
    }

    @Test func theMessyExportHasAFewCrashesAndOneExposure() throws {
        let truth = try ScenarioOutput.shared("messy-export").summary.truth
        #expect(truth.crashes.count == 4)
        #expect(truth.exposures.count == 1)
    }

    @Test func anUnknownScenarioNameIsRefusedWithTheValidNames() {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("replay-sim-unknown")
        do {
            _ = try Simulator.write(scenario: "nope", seed: 1, to: directory)
            Issue.record("expected an error")
        } catch let error as SimulationError {
            #expect(error.description.contains("'nope'"))
            for name in Simulator.scenarioNames { #expect(error.description.contains(name)) }
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func everyScenarioHasAOneLineDescription() {
        #expect(Simulator.scenarioNames == ["reference", "oom-leak", "pool-exhaustion", "quiet", "messy-export"])
        for name in Simulator.scenarioNames {
            let line = Simulator.describe(name)
            #expect(line != nil && !line!.contains("\n"))
        }
        #expect(Simulator.describe("nope") == nil)
    }
}
