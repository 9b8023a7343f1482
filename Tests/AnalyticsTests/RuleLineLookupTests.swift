import Foundation
import Testing
@testable import Analytics

/// The line a rule or key is reported at is the same whether it is found on bytes or on Characters.
struct RuleLineLookupTests {
    /// `RuleFileParser.lineOf` as it was before the byte search: lines split on Characters.
    static func lineByCharacters(_ needle: String, in text: String, fromLine: Int = 1) -> Int? {
        var number = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            if number >= fromLine && line.contains(needle) { return number }
        }
        return nil
    }

    /// Every quoted string of the text, as the parser asks for ids and keys: `"id"`.
    static func quotedStrings(_ text: String) -> [String] {
        text.split(separator: "\"", omittingEmptySubsequences: false).enumerated()
            .filter { $0.offset % 2 == 1 && !$0.element.contains("\\") }.map { "\"\($0.element)\"" }
    }

    @Test func everyIdAndKeyOfTheBundledFilesIsFoundOnTheSameLine() throws {
        let directory = try #require(RuleSet.bundledDirectory)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") }
        #expect(names.count >= 5)
        var compared = 0
        for name in names {
            let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            #expect(RuleFileParser.isPlainASCII(text), "\(name) is searched on bytes")
            for needle in Set(Self.quotedStrings(text)) {
                for fromLine in [1, 40] {
                    #expect(RuleFileParser.lineOf(needle, in: text, fromLine: fromLine)
                            == Self.lineByCharacters(needle, in: text, fromLine: fromLine), "\(name): \(needle) from \(fromLine)")
                    compared += 1
                }
            }
        }
        #expect(compared > 500)
    }

    @Test func textTheBytesCannotDecideIsSearchedByCharacters() {
        let texts = [
            "{\r\n  \"id\": \"a\",\r\n  \"when\": {}\r\n}",   // \r\n is one Character: no line break for split("\n")
            "{\n  \"description\": \"≥ 90%\",\n  \"id\": \"b\"\n}",
            "{\n  \"id\": \"e\u{301}\"\n}",
        ]
        for text in texts {
            #expect(!RuleFileParser.isPlainASCII(text))
            for needle in ["\"id\"", "\"a\"", "\"b\"", "\"when\"", "\"e\"", "\"e\u{301}\"", "\"missing\""] {
                #expect(RuleFileParser.lineOf(needle, in: text) == Self.lineByCharacters(needle, in: text), "\(needle)")
            }
        }
    }

    @Test func aNeedleOnTheLastLineWithoutANewlineIsFound() {
        let text = "{\n\"rules\": []}"
        #expect(RuleFileParser.lineOf("\"rules\"", in: text) == 2)
        #expect(RuleFileParser.lineOf("\"rules\"", in: text, fromLine: 3) == nil)
        #expect(RuleFileParser.lineOf("\"id\"", in: text) == nil)
    }
}
