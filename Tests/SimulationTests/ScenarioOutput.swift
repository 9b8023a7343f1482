import Foundation
import Replay
@testable import Simulation

/// Writes each scenario once per test process and hands out the result, so that
/// several tests can look at the same files without paying for them again.
final class ScenarioOutput: @unchecked Sendable {
    let directory: URL
    let summary: SimulationSummary
    /// The in-memory run the files were written from (nil for `fresh`, which goes through the public API).
    let run: SimulationRun?

    private static let lock = NSLock()
    nonisolated(unsafe) private static var cache: [String: ScenarioOutput] = [:]

    private init(directory: URL, summary: SimulationSummary, run: SimulationRun?) {
        self.directory = directory
        self.summary = summary
        self.run = run
    }

    static let defaultSeed: UInt64 = 42

    /// The scenario written with the default seed into a temporary folder.
    static func shared(_ name: String) throws -> ScenarioOutput {
        lock.lock()
        defer { lock.unlock() }
        if let done = cache[name] { return done }
        let scenario = ScenarioCatalog.named(name)!
        let run = try SimulationRun(scenario, seed: defaultSeed)
        let directory = temporaryDirectory(name, seed: defaultSeed)
        let summary = try Simulator.write(run, scenario: scenario, seed: defaultSeed, to: directory)
        let output = ScenarioOutput(directory: directory, summary: summary, run: run)
        cache[name] = output
        return output
    }

    /// The scenario written into a new temporary folder.
    static func fresh(_ name: String, seed: UInt64) throws -> ScenarioOutput {
        let directory = temporaryDirectory(name, seed: seed)
        let summary = try Simulator.write(scenario: name, seed: seed, to: directory)
        return ScenarioOutput(directory: directory, summary: summary, run: nil)
    }

    private static func temporaryDirectory(_ name: String, seed: UInt64) -> URL {
        FileManager.default.temporaryDirectory
            .appendingPathComponent("replay-sim-\(name)-\(seed)-\(UUID().uuidString)", isDirectory: true)
    }

    /// Every file under the output folder, as sorted relative paths.
    var relativePaths: [String] { ScenarioOutput.files(under: directory) }

    static func files(under directory: URL) -> [String] {
        let root = directory.standardizedFileURL.path
        let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey])
        var paths: [String] = []
        while let url = walker?.nextObject() as? URL {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            paths.append(String(url.standardizedFileURL.path.dropFirst(root.count + 1)))
        }
        return paths.sorted()
    }
}
