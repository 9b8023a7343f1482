import Analytics
import Foundation
import Replay
import Simulation
import Testing

/// `replay analyze` builds the timeline beside the end of its ingest and hands it to
/// `IncidentAnalysis.analyse`: the analysis must be the one it builds for itself.
@Suite struct PrebuiltTimelineTests {
    @Test(arguments: [("oom-leak", UInt64(1)), ("messy-export", UInt64(2))])
    func anAnalysisOfATimelineBuiltAheadEqualsOneThatBuildsItsOwn(scenario: String, seed: UInt64) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("replay-prebuilt-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let logs = folder.appendingPathComponent("input")
        _ = try Simulator.write(scenario: scenario, seed: seed, to: logs)
        try FileManager.default.removeItem(at: logs.appendingPathComponent("truth.json"))
        let database = try ReplayDatabase(path: folder.appendingPathComponent("replay.sqlite").path)
        let ingest = try Ingestor(database: database).ingest([logs.path])
        let configuration = try ReplayConfiguration.defaults()
        let at = Timestamp(iso8601: "2026-04-01T00:00:00Z")!
        // The whole span, and a window that starts and ends inside it (crashes and exposures cut by it).
        let first = try #require(ingest.firstEventAt), last = try #require(ingest.lastEventAt)
        let third = (last.millis - first.millis) / 3
        for (from, to) in [(first, last), (Timestamp(millis: first.millis + third), Timestamp(millis: last.millis - third))] {
            let source = try IncidentAnalysis.loadSource(from: database, from: from, to: to)
            let ahead = IncidentAnalysis.timeline(of: source, settings: configuration.timeline, from: from, to: to)
            let withAhead = try IncidentAnalysis.analyse(source, timeline: ahead, database: database, configuration: configuration,
                                                         from: from, to: to, input: ingest, generatedAt: at)
            let own = try IncidentAnalysis.analyse(source, database: database, configuration: configuration,
                                                   from: from, to: to, input: ingest, generatedAt: at)
            #expect(!own.document.crashes.isEmpty || from != first, "the scenario has crashes")
            #expect(try withAhead.document.encodedJSON() == own.document.encodedJSON(), "\(scenario) from \(from.iso8601) to \(to.iso8601)")
        }
    }
}
