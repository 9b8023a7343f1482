import Testing
@testable import Analytics

/// Markdown text made on bytes where that is safe is the text the Character walks made.
struct MarkdownTextFastPathTests {
    // The walks as they were before the byte paths, for comparison.
    static func singleLineByScalars(_ text: String) -> String {
        var result = ""
        var previousWasCarriageReturn = false
        for scalar in text.unicodeScalars {
            defer { previousWasCarriageReturn = scalar == "\r" }
            switch scalar.value {
            case 0x0A where previousWasCarriageReturn: continue
            case 0x0A, 0x0D, 0x0B, 0x0C, 0x85, 0x2028, 0x2029: result.append(MarkdownText.lineBreakMark)
            case 0x09: result.append(" ")
            case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F: result.append(MarkdownText.replacementMark)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    static func escapeByCharacters(_ line: String) -> String {
        var result = ""
        for (offset, character) in line.enumerated() {
            if offset == 0, MarkdownText.lineStartPunctuation.contains(character) { result += "\\" + String(character); continue }
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            default:
                if MarkdownText.markdownPunctuation.contains(character) { result.append("\\") }
                result.append(character)
            }
        }
        return result
    }

    static func fencedByCharacters(_ line: String) -> String {
        if line.isEmpty { return "` `" }
        var longestRun = 0, run = 0
        for character in line {
            run = character == "`" ? run + 1 : 0
            longestRun = max(longestRun, run)
        }
        let fence = String(repeating: "`", count: longestRun + 1)
        let needsPadding = line.first == "`" || line.last == "`" || (line.first == " " && line.last == " " && line.contains { $0 != " " })
        let padding = needsPadding ? " " : ""
        return fence + padding + line + padding + fence
    }

    /// Text from pieces where bytes and Characters or scalars part ways: controls, C1 and bidi
    /// scalars and their neighbours, CR LF, combining marks on backticks, Markdown punctuation.
    static func samples() -> [String] {
        let pieces = ["a", "Z", " ", "`", "``", "-", "+", "=", "&", "<", ">", "|", "\\", "[x](y)", ":", ".", "\t", "\n", "\r", "\r\n",
                      "\u{0}", "\u{1F}", "\u{7F}", "\u{80}", "\u{85}", "\u{9F}", "\u{A0}", "·", "é", "\u{301}", "\u{200D}",
                      "\u{200E}", "\u{200F}", "\u{2027}", "\u{2028}", "\u{2029}", "\u{202A}", "\u{202E}", "\u{202F}",
                      "\u{2065}", "\u{2066}", "\u{2069}", "\u{206A}", "…", "≥", "⏎", "\u{FFFD}", "🙂"]
        var state: UInt64 = 0x0123_4567_89AB_CDEF
        func next(_ bound: Int) -> Int {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return Int(state % UInt64(bound))
        }
        return [""] + pieces + (0..<4000).map { _ in (0..<(1 + next(12))).map { _ in pieces[next(pieces.count)] }.joined() }
    }

    @Test func foldingOntoOneLineChangesWhatTheScalarWalkChanges() {
        for text in Self.samples() {
            #expect(MarkdownText.singleLine(text) == Self.singleLineByScalars(text), "\(text.debugDescription)")
        }
    }

    @Test func escapingAsProseGivesWhatTheCharacterWalkGives() {
        for text in Self.samples() {
            #expect(MarkdownText.escapeWithoutRedacting(text) == Self.escapeByCharacters(text), "\(text.debugDescription)")
        }
    }

    @Test func codeSpanFencesAreWhatTheCharacterWalkMakes() {
        for text in Self.samples() {
            #expect(MarkdownText.fencedCodeSpan(text) == Self.fencedByCharacters(text), "\(text.debugDescription)")
        }
    }

    @Test func aLineIsCutAtTheSameCharacterAsBefore() {
        for text in Self.samples() {
            for maxLength in [1, 3, 8] {
                let line = Self.singleLineByScalars(text)
                let expected = line.count > maxLength ? String(line.prefix(max(maxLength - 1, 0))) + "…" : line
                #expect(MarkdownText.redactedLine(text, maxLength: maxLength) == expected, "\(text.debugDescription) \(maxLength)")
            }
        }
    }
}
