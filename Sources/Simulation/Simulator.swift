import Foundation
import Replay

/// Writes realistic synthetic CloudWatch exports of an ECS service, with their ground truth.
///
/// `replay simulate` calls this. Output is deterministic: the same scenario and seed
/// give byte-identical files, because every random draw comes from one seeded
/// generator, JSON is written key by key, and gzip headers carry no time.
public enum Simulator {
    /// The scenario names, in the order `--help` lists them.
    public static let scenarioNames: [String] = ScenarioCatalog.all.map(\.name)

    /// One line per scenario for `--help`.
    public static func describe(_ scenario: String) -> String? {
        ScenarioCatalog.named(scenario)?.summary
    }

    /// Writes the scenario's log files under `directory/logs/` and `directory/truth.json`
    /// (the folder is created if missing).
    public static func write(scenario name: String, seed: UInt64, to directory: URL) throws -> SimulationSummary {
        guard let scenario = ScenarioCatalog.named(name) else {
            throw SimulationError.unknownScenario(name, valid: scenarioNames)
        }
        return try write(SimulationRun(scenario, seed: seed), scenario: scenario, seed: seed, to: directory)
    }

    /// Writes an already simulated run (tests reuse one run for files and for in-memory checks).
    static func write(_ run: SimulationRun, scenario: Scenario, seed: UInt64, to directory: URL) throws -> SimulationSummary {
        var writer = ExportWriter(plan: scenario.export, random: SeededRandom(seed: seed).derived(0xF11E))
        let files = try writer.files(for: run.records)
        let logs = directory.appendingPathComponent("logs", isDirectory: true)
        for file in files { try store(file.bytes, at: logs.appendingPathComponent(file.path)) }
        try store(Array(try truthJSON(run.truth)), at: directory.appendingPathComponent("truth.json"))
        return SimulationSummary(files: files.count, events: run.records.count, truth: run.truth)
    }

    /// `truth.json`'s bytes: pretty-printed with sorted keys, so they never vary.
    static func truthJSON(_ truth: IncidentsDocument) throws -> Data {
        try truth.encodedJSON()
    }

    private static func store(_ bytes: [UInt8], at url: URL) throws {
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        } catch {
            throw SimulationError.cannotWrite(path: url.path, reason: "\(error)")
        }
    }
}
