import Foundation
import Testing
@testable import Simulation

@Suite struct DeterminismTests {
    @Test(arguments: Simulator.scenarioNames)
    func writingAScenarioTwiceWithOneSeedGivesByteIdenticalFiles(_ name: String) throws {
        let first = try ScenarioOutput.shared(name)
        let second = try ScenarioOutput.fresh(name, seed: ScenarioOutput.defaultSeed)
        defer { try? FileManager.default.removeItem(at: second.directory) }
        #expect(first.relativePaths == second.relativePaths)
        for path in first.relativePaths {
            let a = try Data(contentsOf: first.directory.appendingPathComponent(path))
            let b = try Data(contentsOf: second.directory.appendingPathComponent(path))
            #expect(a == b, "\(name): \(path) differs between two runs")
        }
    }

    @Test func anotherSeedGivesOtherTaskIdsButTheSameCrashTimes() throws {
        var first = ServiceScheduler(scenario: ReferenceScenario.scenario, seed: 1)
        var second = ServiceScheduler(scenario: ReferenceScenario.scenario, seed: 2)
        let a = try first.run(), b = try second.run()
        #expect(a.tasks.map(\.id) != b.tasks.map(\.id))
        #expect(a.crashedTasks.map(\.stoppedAt) == b.crashedTasks.map(\.stoppedAt))
    }
}
