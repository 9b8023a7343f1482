import Foundation
import Mustache
import Replay

/// The blog-style Markdown postmortem of an incidents document.
///
/// Built like the hand-written reference postmortem (`shared/seed/`) and the Google SRE
/// book's example postmortem: executive summary with the headline numbers, what's new
/// since the previous report, what happened, a timeline by UTC day with a Mermaid
/// chart, what changed, root causes with evidence, impact and cost, what to do next
/// and lessons (from ``Recommendations``'s rule table), an appendix with every crash,
/// outage and exposure under the incidents JSON's ids, and the method.
///
/// The same document and settings always give the same text: lists are sorted stably,
/// no dictionary order leaks, and no clock is read (`generatedAt` comes from the document).
///
/// Layout lives in a Mustache template: `Templates/postmortem.md.mustache` in this
/// module's bundle, or the user's file (`--template FILE`). Values come from
/// ``ReportContext``, already escaped Markdown; see there for the template contract.
public struct PostmortemReport {
    public let document: IncidentsDocument
    public let settings: ReportSettings
    public let previous: IncidentsDocument?
    private let template: ReportTemplate

    /// - Parameters:
    ///   - document: the incidents to write up.
    ///   - settings: thresholds and rates; invalid ones throw ``ReportError/invalidSettings(_:)``.
    ///   - previous: the previous nightly report's document, for "what's new"; nil leaves that section out.
    ///   - template: a Mustache template file to use instead of the default.
    public init(document: IncidentsDocument, settings: ReportSettings = .init(), previous: IncidentsDocument? = nil,
                template: URL? = nil) throws {
        try self.init(document: document, settings: settings, previous: previous,
                      loadTemplate: { try ReportTemplate.load(from: template) })
    }

    /// As `init(document:settings:previous:template:)` with the template read elsewhere (it can be
    /// parsed while the analysis runs): `loadTemplate` gives it, or throws what reading it threw,
    /// and is asked after the settings are checked, so errors come in the same order.
    public init(document: IncidentsDocument, settings: ReportSettings, previous: IncidentsDocument?,
                loadTemplate: () throws -> ReportTemplate) throws {
        let problems = settings.validationProblems()
        guard problems.isEmpty else { throw ReportError.invalidSettings(problems) }
        self.document = document
        self.settings = settings
        self.previous = previous
        self.template = try loadTemplate()
    }

    /// The postmortem as Markdown, ending with one newline.
    public func markdown() throws -> String {
        let facts = ReportFacts(document: document, settings: settings, previous: previous)
        let rendered = template.mustache.render(ReportContext(facts: facts))
        return Self.tidy(rendered)
    }

    /// `postmortem-2026-03-22.md`: the first day of the window (or of the first event), else `postmortem.md`.
    public var suggestedFileName: String {
        let start = document.window?.start ?? ReportFigures.inferredWindow(document)?.start
        return start.map { "postmortem-\($0.day).md" } ?? "postmortem.md"
    }

    /// Collapses runs of blank lines left by empty sections, trims trailing spaces, ends with one newline.
    ///
    /// Outside fenced code blocks only, so a quoted block keeps its exact text.
    ///
    /// Works on the UTF-8 bytes (the Character walk cost 95 M instructions on the benchmark's
    /// 215 KB report) and gives the Character walk's answer: a `\n` Character is an LF byte
    /// not preceded by CR (`\r\n` is one Character); a fence starts with three backticks
    /// followed by an ASCII byte or nothing (else the third backtick may carry a combining
    /// mark, and the line is asked by Characters); a line ending in a space with any
    /// non-ASCII byte in it is trimmed by Characters, since a space can belong to the
    /// Character before it.
    static func tidy(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes -> String in
            let newline = UInt8(ascii: "\n"), space = UInt8(ascii: " "), carriageReturn = UInt8(ascii: "\r")
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count + 1)
            var endOfLastNonEmptyLine = 0
            var lastLineEmpty = true  // before the first line: leading blank lines are dropped
            var inFence = false
            var lineStart = 0
            while true {
                // The line ends at the next LF that is not the second half of a CR LF, or at the end.
                var lineEnd = lineStart
                while lineEnd < bytes.count, !(bytes[lineEnd] == newline && (lineEnd == 0 || bytes[lineEnd - 1] != carriageReturn)) {
                    lineEnd += 1
                }
                let line = UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd])
                if startsFence(line) { inFence.toggle() }
                var kept = line.count
                if !inFence, kept > 0, line[kept - 1] == space {
                    if line.allSatisfy({ $0 < 0x80 }) {
                        while kept > 0, line[kept - 1] == space { kept -= 1 }
                    } else {
                        var characters = Substring(String(decoding: line, as: UTF8.self))
                        while characters.last == " " { characters = characters.dropLast() }
                        kept = characters.utf8.count
                    }
                }
                if inFence || kept > 0 || !lastLineEmpty {
                    output.append(contentsOf: line[0..<kept])
                    output.append(newline)
                    lastLineEmpty = kept == 0
                    if kept > 0 { endOfLastNonEmptyLine = output.count }
                }
                guard lineEnd < bytes.count else { break }
                lineStart = lineEnd + 1
            }
            // No blank line at the end: the text ends with its last non-blank line and one newline.
            output.removeSubrange(endOfLastNonEmptyLine...)
            if output.isEmpty { output.append(newline) }
            return String(decoding: output, as: UTF8.self)
        }
    }

    /// Whether the line starts with three backtick Characters: three backtick bytes followed by an
    /// ASCII byte or nothing; otherwise the Characters decide (a combining mark joins the third one).
    private static func startsFence(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        let backtick = UInt8(ascii: "`")
        guard line.count >= 3, line[0] == backtick, line[1] == backtick, line[2] == backtick else { return false }
        if line.count == 3 || line[3] < 0x80 { return true }
        return String(decoding: line, as: UTF8.self).hasPrefix("```")
    }
}
