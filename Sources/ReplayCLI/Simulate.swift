import ArgumentParser

/// `replay simulate --scenario NAME --out DIR`: synthetic exports with ground truth.
struct Simulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write realistic synthetic exports of a scenario, plus truth.json.")
    @Option(help: "The scenario to simulate.") var scenario: String
    @Option(help: "The folder to write into.") var out: String
    @Option(help: "Random seed; the same seed gives byte-identical files.") var seed: UInt64 = 1
    func run() throws { throw NotYet.fail("simulate") }
}
