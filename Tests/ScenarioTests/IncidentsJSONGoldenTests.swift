import Foundation
import Replay
import Testing

/// Same input, same JSON: the incidents JSON of a fixed scenario and seed is compared byte for byte
/// with a golden file. Re-record on purpose only: `RECORD_GOLDEN=1 swift test --filter IncidentsJSONGoldenTests`.
@Suite struct IncidentsJSONGoldenTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/oom-leak-seed-1.json")

    @Test func theIncidentsJSONOfAFixedScenarioMatchesItsGoldenFile() throws {
        let run = try ScenarioRun(scenario: "oom-leak", seed: 1)
        defer { run.cleanUp() }
        let json = String(decoding: try run.document.encodedJSON(), as: UTF8.self)
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
            try json.write(to: Self.golden, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: Self.golden, encoding: .utf8)
        #expect(json == expected, "the incidents JSON changed; if on purpose, re-record with RECORD_GOLDEN=1")
    }

    @Test func twoAnalysesOfTheSameInputGiveTheSameReport() throws {
        let a = try ScenarioRun(scenario: "messy-export", seed: 2)
        defer { a.cleanUp() }
        let b = try ScenarioRun(scenario: "messy-export", seed: 2)
        defer { b.cleanUp() }
        #expect(a.markdown == b.markdown)
        #expect(a.document == b.document)
    }
}
