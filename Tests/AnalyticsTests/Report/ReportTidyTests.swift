import Foundation
import Testing
@testable import Analytics

/// Tidying the rendered report on bytes gives exactly what tidying it Character by Character gave.
struct ReportTidyTests {
    /// `PostmortemReport.tidy` as it was, on Characters.
    static func tidyByCharacters(_ text: String) -> String {
        var lines: [Substring] = []
        var inFence = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = line
            if line.hasPrefix("```") { inFence.toggle() }
            if !inFence { while line.last == " " { line = line.dropLast() } }
            if !inFence, line.isEmpty, lines.last?.isEmpty ?? true { continue }
            lines.append(line)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func blankRunsCollapseAndTrailingSpacesGoOutsideFences() {
        let text = "\n\n# Title  \n\n\n\nText \n```\ncode  \n\n\n```\n\n- item\n\n\n"
        #expect(PostmortemReport.tidy(text) == "# Title\n\nText\n```\ncode  \n\n\n```\n\n- item\n")
        #expect(PostmortemReport.tidy(text) == Self.tidyByCharacters(text))
    }

    @Test func theGoldenReportsAreTidiedAsByCharacters() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".md") }
        #expect(!names.isEmpty)
        for name in names {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            // Golden files are tidy already; loosen them so that tidying has work to do.
            let loose = text.replacingOccurrences(of: "\n", with: "  \n\n")
            #expect(PostmortemReport.tidy(loose) == Self.tidyByCharacters(loose), "\(name)")
            #expect(PostmortemReport.tidy(text) == Self.tidyByCharacters(text), "\(name)")
        }
    }

    @Test func textWhereBytesAndCharactersDifferIsTidiedAsByCharacters() {
        // CR LF is one Character; a combining mark joins the backtick or space before it;
        // U+0600 (a prepended mark) joins the space after it; empty fences; empty text.
        let pieces = ["a", " ", "  ", "\n", "\n\n", "\r", "\r\n", "```", "`", "\u{301}", "\u{600}", "é", "·", "x y"]
        var state: UInt64 = 0xDEAD_BEEF_CAFE_F00D
        func next(_ bound: Int) -> Int {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return Int(state % UInt64(bound))
        }
        #expect(PostmortemReport.tidy("") == Self.tidyByCharacters(""))
        for _ in 0..<5000 {
            let text = (0..<next(24)).map { _ in pieces[next(pieces.count)] }.joined()
            #expect(PostmortemReport.tidy(text) == Self.tidyByCharacters(text), "\(text.debugDescription)")
        }
    }
}
