import Foundation
import Testing
@testable import Simulation

@Suite struct SupportTests {
    @Test func quotedStringsEscapeWhatJSONRequiresAndParseBack() throws {
        let original = "say \"hi\"\\ \n\t\r \u{01} café ✓"
        let text = "[" + JSONText.quoted(original) + "]"
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String]
        #expect(parsed == [original])
        #expect(JSONText.quoted("plain") == "\"plain\"")
    }

    @Test func twoGzipMembersBackToBackDecompressToBothHalvesWithATimeOfZero() throws {
        let bytes = try GzipWriter.compress(Array("first\n".utf8)) + GzipWriter.compress(Array("second\n".utf8))
        #expect(Array(bytes[4..<8]) == [0, 0, 0, 0], "gzip MTIME must be 0 for byte-identical output")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("replay-sim-\(UUID().uuidString).gz")
        try Data(bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let report = try MinimalExportReader.read(file, path: "two-members.gz")
        #expect(report.textLines.isEmpty && report.badLines == [1, 2] && !report.truncatedGzip)
    }

    @Test func theSameSeedDrawsTheSameNumbersAndDerivedStreamsDiffer() {
        var a = SeededRandom(seed: 7), b = SeededRandom(seed: 7)
        #expect((0..<100).map { _ in a.int(0...1000) } == (0..<100).map { _ in b.int(0...1000) })
        var c = SeededRandom(seed: 7).derived(1), d = SeededRandom(seed: 7).derived(2)
        #expect(c.hex(32) != d.hex(32))
        var e = SeededRandom(seed: 9)
        #expect((0..<1000).allSatisfy { _ in (3...5).contains(e.int(3...5)) })
    }
}
