import ArgumentParser
import Foundation
import Simulation

/// `replay simulate --scenario NAME --out DIR`: synthetic exports with ground truth.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Write realistic synthetic exports of a scenario, plus truth.json.",
        discussion: "Scenarios:\n" + Simulator.scenarioNames.map { "  \($0): \(Simulator.describe($0) ?? "")" }.joined(separator: "\n")
            + "\nThe same scenario and seed give byte-identical files.")

    @Option(help: ArgumentHelp("The scenario to simulate.", valueName: "name")) var scenario: String
    @Option(help: ArgumentHelp("The folder to write into (created if missing).", valueName: "dir")) var out: String
    @Option(help: "Random seed; the same seed gives byte-identical files.") var seed: UInt64 = 1

    func validate() throws {
        guard Simulator.scenarioNames.contains(scenario) else {
            throw ValidationError("unknown scenario '\(scenario)'; known: \(Simulator.scenarioNames.joined(separator: ", "))")
        }
    }

    func run() throws {
        do {
            let summary = try Simulator.write(scenario: scenario, seed: seed, to: URL(fileURLWithPath: out))
            print("wrote \(summary.files) files, \(summary.events) events, and \(out)/truth.json")
            print("truth: \(summary.truth.crashes.count) crashes, \(summary.truth.outages.count) outages, \(summary.truth.exposures.count) exposures")
        } catch {
            throw CommandFailure("\(error)")
        }
    }
}
