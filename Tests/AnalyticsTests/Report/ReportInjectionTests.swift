import Analytics
import Foundation
import Replay
import Testing

@Suite("Untrusted text in the report")
struct ReportInjectionTests {
    func hostileReport() throws -> String {
        try PostmortemReport(document: ReportFixtures.injection).markdown()
    }

    @Test func hostileLogTextRendersNoLiveHTMLTag() throws {
        let live = MarkdownInspection.liveText(try hostileReport())
        for tag in ["<script", "<img", "<b>", "<i>", "</"] {
            #expect(!live.contains(tag), "live \(tag) outside code spans")
        }
        // No raw `<` at all outside code: every one from the logs became `&lt;`.
        #expect(!live.contains("<"))
    }

    @Test func hostileLogTextRendersNoLinkAndNoImage() throws {
        let live = MarkdownInspection.liveText(try hostileReport())
        #expect(!live.contains("]("), "a link or image would need `](`")
        #expect(!live.contains("!["))
        #expect(!live.contains("javascript:"))
        #expect(!live.contains("http://"))
    }

    @Test func hostileLogTextStartsNoBlock() throws {
        let markdown = try hostileReport()
        for line in markdown.split(separator: "\n") {
            #expect(!line.hasPrefix("> "), "a quote from the logs: \(line)")
            #expect(!line.hasPrefix("# heading"), "a heading from the logs: \(line)")
            #expect(!line.hasPrefix("- item"), "a list item from the logs: \(line)")
        }
    }

    @Test func plantedSecretsNeverReachThePage() throws {
        let markdown = try hostileReport()
        for secret in ReportFixtures.plantedSecrets { #expect(!markdown.contains(secret), "leaked \(secret)") }
        #expect(markdown.contains("[REDACTED:"))
    }

    @Test func evidenceIsQuotedVerbatimInCodeSpans() throws {
        let markdown = try hostileReport()
        #expect(markdown.contains("`<script>alert(1)</script>`"))
        #expect(markdown.contains("`[x](javascript:alert(1))`"))
        #expect(markdown.contains("```` ``` fenced ``` and `single` backticks ````"))
        #expect(markdown.contains("`# heading⏎> quote⏎- item⏎⏎<b>after a blank line</b>`"))
    }

    @Test func theMermaidChartCarriesNoHostileCharacters() throws {
        let markdown = try hostileReport()
        let chart = try #require(markdown.components(separatedBy: "```mermaid\n").dropFirst().first?.components(separatedBy: "```").first)
        for forbidden in ["<", ">", "`", "|", "[", "(", "#", ";", "%%"] {
            #expect(!chart.contains(forbidden), "\(forbidden) in the chart")
        }
        #expect(chart.contains("    D1 evilscriptalert1 script 3 :milestone, d1, 2026-03-22T01:00:00, 0m\n"))
    }
}

@Suite("Markdown escaping")
struct MarkdownTextTests {
    @Test func escapeTurnsHTMLIntoEntitiesAndPunctuationIntoEscapes() {
        #expect(MarkdownText.escape("<b>[x](javascript:alert(1))</b>")
            == "&lt;b&gt;\\[x\\]\\(javascript\\:alert\\(1\\)\\)&lt;/b&gt;")
        #expect(MarkdownText.escape("a & b | c") == "a &amp; b \\| c")
        #expect(MarkdownText.escape("# not a heading") == "\\# not a heading")
        #expect(MarkdownText.escape("- not an item") == "\\- not an item")
        #expect(MarkdownText.escape("merxex-exchange") == "merxex-exchange")
    }

    @Test func escapeKeepsTextOnOneLine() {
        #expect(MarkdownText.escape("one\ntwo\r\nthree") == "one⏎two⏎three")
        #expect(MarkdownText.escape("bell\u{07} rtl\u{202E}") == "bell\u{FFFD} rtl\u{FFFD}")
    }

    @Test func codeSpanFenceOutgrowsTheLongestBacktickRun() {
        #expect(MarkdownText.codeSpan("plain") == "`plain`")
        #expect(MarkdownText.codeSpan("a `b` c") == "``a `b` c``")
        #expect(MarkdownText.codeSpan("```x```") == "```` ```x``` ````")
        #expect(MarkdownText.codeSpan("`edge") == "`` `edge ``")
        #expect(MarkdownText.codeSpan("") == "` `")
    }

    @Test func codeSpanRedactsBeforeCutting() {
        let span = MarkdownText.codeSpan("postgres://app:hunter2@db:5432/x", maxLength: 20)
        #expect(!span.contains("hunter"))
        #expect(span.hasSuffix("…`"))
    }

    @Test func tableCodeSpansEscapePipes() {
        #expect(MarkdownText.tableCodeSpan("a|b") == "`a\\|b`")
    }
}
