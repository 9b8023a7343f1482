import Foundation
import Replay

/// A rule's regular expression, compiled once at load, with a cheap literal pre-check.
///
/// Classification runs every line pattern over a task's last lines for thousands of
/// crashes, and ICU regexes cost microseconds per line. Most lines cannot match:
/// `LiteralPrefilter` reads the pattern for literal text that every match must
/// contain (`panicked at`, `pooltimedout`, ...), and the regex runs only on lines that
/// contain one of them (compared lower-cased, so `(?i)` patterns are safe). The
/// pre-check is verified on the rule's samples at load and dropped if it ever disagrees.
final class CompiledRegex: @unchecked Sendable {
    let source: String
    let regex: NSRegularExpression
    /// Lower-cased UTF-8 literals, one of which every match contains; nil when none was found.
    private(set) var literals: [[UInt8]]?
    /// The byte pairs of each literal (`BytePairs`), in the order of `literals`.
    private let literalPairs: [[(word: Int, bits: UInt64)]]

    /// `/source/`, shortened for messages (made once: nearly every verdict quotes it for some rule).
    let shortDescription: String

    init(_ source: String) throws {
        self.source = source
        self.regex = try NSRegularExpression(pattern: source, options: [.anchorsMatchLines])
        self.literals = LiteralPrefilter.requiredLiterals(of: source)?.map { Array($0.utf8) }
        self.literalPairs = (literals ?? []).map(BytePairs.requirement)
        self.shortDescription = source.count <= 70 ? "/\(source)/" : "/\(source.prefix(67))…/"
    }

    /// Whether the regex matches somewhere in `text` (no pre-check).
    func matches(_ text: String) -> Bool {
        regex.firstMatch(in: text, options: [], range: NSRange(location: 0, length: text.utf16.count)) != nil
    }

    /// False when the pre-check proves that none of the lines `range` of a crash can match:
    /// as `mayMatch(_:_:)`, with lines that lack a literal's byte pairs not searched for it.
    func mayMatch(_ s: PreparedSignals, _ range: Range<Int>) -> Bool {
        guard let literals else { return true }
        for (literal, pairs) in zip(literals, literalPairs) {
            for i in range where BytePairs.mayContain(s.pairs, text: i, pairs) && ByteSearch.contains(s.lowercased[i], literal) {
                return true
            }
        }
        return false
    }

    /// False when the pre-check proves that none of `lowercased[range]` can match.
    func mayMatch(_ lowercased: [[UInt8]], _ range: Range<Int>) -> Bool {
        guard let literals else { return true }
        for literal in literals {
            for i in range where ByteSearch.contains(lowercased[i], literal) { return true }
        }
        return false
    }

    /// Drops the pre-check if it would have skipped a text the regex matches (called at load, on samples).
    func verifyPrefilter(on texts: [String]) {
        guard literals != nil else { return }
        for text in texts where matches(text) && !mayMatch([ByteSearch.lowercased(text)], 0..<1) {
            literals = nil
            return
        }
    }
}
