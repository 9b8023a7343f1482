/// Reads rendered Markdown the way a CommonMark renderer would, just enough for the tests
/// to ask "what is live here?": what remains outside code spans and fenced blocks.
enum MarkdownInspection {
    /// The text with fenced code blocks removed and every code span replaced by `CODE`.
    ///
    /// Code spans follow CommonMark: a run of N backticks opens, the next run of exactly
    /// N backticks closes; an unmatched run is literal text. Escaped backticks (`\``)
    /// outside code spans are literal.
    static func liveText(_ markdown: String) -> String {
        var output: [String] = []
        var inFence = false
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") { inFence.toggle(); continue }
            if inFence { continue }
            output.append(stripCodeSpans(String(line)))
        }
        return output.joined(separator: "\n")
    }

    static func stripCodeSpans(_ line: String) -> String {
        let characters = Array(line)
        var result = ""
        var i = 0
        while i < characters.count {
            if characters[i] == "\\", i + 1 < characters.count {
                result.append(characters[i]); result.append(characters[i + 1]); i += 2; continue
            }
            guard characters[i] == "`" else { result.append(characters[i]); i += 1; continue }
            var run = 0
            while i + run < characters.count, characters[i + run] == "`" { run += 1 }
            // Find a closing run of exactly `run` backticks.
            var j = i + run
            var closeAt: Int?
            while j < characters.count {
                if characters[j] == "`" {
                    var other = 0
                    while j + other < characters.count, characters[j + other] == "`" { other += 1 }
                    if other == run { closeAt = j; break }
                    j += other
                } else {
                    j += 1
                }
            }
            if let closeAt {
                result += "CODE"
                i = closeAt + run
            } else {
                result += String(repeating: "`", count: run)
                i += run
            }
        }
        return result
    }

    /// Cells of a GFM table row: splits on pipes not escaped by a backslash.
    static func cellCount(_ row: String) -> Int {
        var count = 0
        var previous: Character = " "
        for character in row {
            if character == "|", previous != "\\" { count += 1 }
            previous = character
        }
        return count - 1
    }

    /// Each table as its rows (header first), in order.
    static func tables(_ markdown: String) -> [[String]] {
        var tables: [[String]] = []
        var current: [String] = []
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("|") {
                current.append(String(line))
            } else if !current.isEmpty {
                tables.append(current); current = []
            }
        }
        if !current.isEmpty { tables.append(current) }
        return tables
    }

    /// The text of the section under `## heading`, up to the next `## `.
    static func section(_ heading: String, in markdown: String) -> String? {
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(of: "## \(heading)") else { return nil }
        let rest = lines[(start + 1)...]
        let end = rest.firstIndex { $0.hasPrefix("## ") } ?? lines.endIndex
        return lines[(start + 1)..<end].joined(separator: "\n")
    }
}
