import Foundation

/// Removes secrets from log text before it leaves the tool (report, incidents JSON, terminal).
///
/// Every quoted line passes through `redact(_:)`. The secret kinds are a table of
/// data (`Redactor.standardPatterns`, in `Redactor+Patterns.swift`): each entry has
/// a kind, cheap lower-case substrings of which at least one must occur before its
/// regular expression runs, and a replacement that keeps the surrounding text, e.g.
/// `postgres://app:hunter2@db:5432/x` becomes `postgres://app:[REDACTED:url-password]@db:5432/x`.
///
/// Patterns run in table order, so specific kinds (a JWT, an AWS key) are named
/// before the generic `password=`/`token=` fields see them. The redactor errs on
/// the side of removing: a field named like a secret loses its value whatever it holds.
/// What it cannot see: secrets with no recognisable shape and no telling name
/// (a bare password on its own line), and passwords containing spaces or `;`.
public struct Redactor: Sendable {
    /// One kind of secret: how to find it cheaply, how to match it, what to put instead.
    public struct Pattern: Sendable {
        /// The marker's name: the text is replaced by `[REDACTED:<kind>]`.
        public let kind: String
        /// Lower-case substrings; the regex runs only when the lower-cased text contains one of them.
        public let hints: [String]
        /// ICU regular expression (`NSRegularExpression` syntax).
        public let regex: String
        /// Replacement template: `$1`… refer to groups; `{marker}` is `[REDACTED:<kind>]`.
        public let replacement: String

        let compiled: CompiledPattern

        public init(kind: String, hints: [String], regex: String, replacement: String = "{marker}") {
            self.kind = kind
            self.hints = hints.map { $0.lowercased() }
            self.regex = regex
            let marker = "[REDACTED:\(kind)]"
            self.replacement = replacement
            let template = replacement.replacingOccurrences(of: "{marker}", with: NSRegularExpression.escapedTemplate(for: marker))
            // The table is code, covered by tests: a bad pattern is a programming error.
            self.compiled = CompiledPattern(
                regex: try! NSRegularExpression(pattern: regex, options: [.anchorsMatchLines]),
                template: template,
                hints: self.hints.map { Array($0.utf8) })
        }
    }

    /// `NSRegularExpression` is immutable and safe to share between threads once built.
    final class CompiledPattern: @unchecked Sendable {
        let regex: NSRegularExpression
        let template: String
        let hints: [[UInt8]]
        init(regex: NSRegularExpression, template: String, hints: [[UInt8]]) {
            self.regex = regex; self.template = template; self.hints = hints
        }
    }

    /// The table in use, in the order it runs.
    public let patterns: [Pattern]

    public init(patterns: [Pattern]) { self.patterns = patterns }

    /// Every kind in `standardPatterns`.
    public static let standard = Redactor(patterns: Redactor.standardPatterns)

    /// The kinds this redactor knows, in table order (a kind may have several patterns).
    public var kinds: [String] {
        var seen = Set<String>()
        return patterns.compactMap { seen.insert($0.kind).inserted ? $0.kind : nil }
    }

    /// `text` with every secret replaced by `[REDACTED:<kind>]`; text without secrets comes back unchanged.
    public func redact(_ text: String) -> String {
        guard !text.isEmpty else { return text }
        var lower = ByteSearch.lowercased(text)
        var current = text
        for pattern in patterns {
            let compiled = pattern.compiled
            guard compiled.hints.isEmpty || compiled.hints.contains(where: { ByteSearch.contains(lower, $0) }) else { continue }
            let range = NSRange(location: 0, length: current.utf16.count)
            let replaced = compiled.regex.stringByReplacingMatches(in: current, options: [], range: range,
                                                                   withTemplate: compiled.template)
            if replaced != current {
                current = replaced
                lower = ByteSearch.lowercased(current)
            }
        }
        return current
    }
}
