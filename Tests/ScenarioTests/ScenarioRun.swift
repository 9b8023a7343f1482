import Analytics
import Foundation
import Replay
import Simulation

/// Simulates a scenario into a temporary folder, analyses it with the library, and scores it.
struct ScenarioRun {
    let folder: URL
    let truth: IncidentsDocument
    let document: IncidentsDocument
    let ingest: IngestSummary
    let markdown: String

    /// `../shared/tools/score.py` beside the package (CI lays `shared/` next to the clone).
    static var scorer: String {
        if let path = ProcessInfo.processInfo.environment["REPLAY_SCORE_PY"] { return path }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/tools/score.py").path
    }

    /// - Parameter dropping: path fragments of log files to delete before ingest (to simulate an incomplete export).
    init(scenario: String, seed: UInt64, dropping: [String] = []) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("replay-scenario-\(scenario)-\(seed)-\(UUID().uuidString)")
        let logs = folder.appendingPathComponent("input")
        let summary = try Simulator.write(scenario: scenario, seed: seed, to: logs)
        truth = summary.truth
        // truth.json is not a log: keep it out of what is read.
        try FileManager.default.moveItem(at: logs.appendingPathComponent("truth.json"), to: folder.appendingPathComponent("truth.json"))
        if !dropping.isEmpty, let files = FileManager.default.enumerator(atPath: logs.path)?.allObjects as? [String] {
            for file in files where dropping.contains(where: file.contains) {
                try? FileManager.default.removeItem(at: logs.appendingPathComponent(file))
            }
        }
        let database = try ReplayDatabase(path: folder.appendingPathComponent("replay.sqlite").path)
        ingest = try Ingestor(database: database).ingest([logs.path])
        let configuration = try ReplayConfiguration.defaults()
        let analysis = try IncidentAnalysis.run(database: database, configuration: configuration, input: ingest,
                                                generatedAt: Timestamp(iso8601: "2026-04-01T00:00:00Z")!)
        document = analysis.document
        try document.encodedJSON().write(to: folder.appendingPathComponent("incidents.json"))
        markdown = try PostmortemReport(document: document, settings: configuration.report).markdown()
    }

    /// Runs score.py with the floors; returns its exit status and output.
    func score(floors: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", ScenarioRun.scorer, folder.appendingPathComponent("truth.json").path,
                             folder.appendingPathComponent("incidents.json").path] + floors
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    func cleanUp() { try? FileManager.default.removeItem(at: folder) }
}
