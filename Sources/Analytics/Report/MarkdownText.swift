import Replay

/// Turns untrusted, log-derived text into Markdown that renders as inert text.
///
/// Everything a log line, an ECS event or a probe wrote (evidence, `stoppedReason`,
/// task ids, versions, environment strings) can contain Markdown or HTML that would
/// render: `<script>`, `<img onerror=...>`, `[x](javascript:...)`, `![](http://evil)`,
/// backticks that close a code span early, pipes that split a table cell, a leading
/// `#` or `>` that turns a line into a heading or a quote, and newlines that start a
/// new block. Every function here first redacts secrets with `Redactor.standard`, so
/// a caller that forgets to redact can never put a password on the page, then folds
/// the text onto one line (newlines become `⏎`, control and bidi-override characters
/// become `�`), then escapes.
///
/// Two forms:
/// - ``codeSpan(_:)`` quotes text verbatim in a code span whose backtick fence is
///   longer than any backtick run inside, so nothing inside is parsed. Used for evidence
///   and identifiers: the reader sees exactly what the log said.
/// - ``escape(_:)`` keeps text as prose: `&`, `<`, `>` become HTML entities and every
///   Markdown punctuation character is backslash-escaped.
///
/// Inside a GFM table cell a raw `|` ends the cell even inside a code span, so table
/// cells use ``tableCodeSpan(_:)``, which also escapes pipes (`\|`, which GFM turns
/// back into `|` before parsing the span).
public enum MarkdownText {
    /// What replaces a line break: the text stays on one line, the break stays visible.
    static let lineBreakMark: Character = "⏎"
    /// What replaces control characters and bidirectional overrides.
    static let replacementMark: Character = "\u{FFFD}"

    /// Redacts and escapes `untrusted` for use as Markdown prose.
    ///
    /// Example: `<b>[x](javascript:alert(1))</b>` becomes
    /// `&lt;b&gt;\[x\]\(javascript:alert\(1\)\)&lt;/b&gt;`, which renders as the original
    /// characters and links nowhere.
    public static func escape(_ untrusted: String) -> String {
        escapeWithoutRedacting(redactedLine(untrusted, maxLength: nil))
    }

    /// Redacts `untrusted` and quotes it verbatim in a code span.
    ///
    /// The fence is one backtick longer than the longest run of backticks in the text,
    /// and a space pads text that starts or ends with a backtick, as CommonMark requires.
    /// `maxLength` (characters, after redaction) cuts long lines with `…`.
    public static func codeSpan(_ untrusted: String) -> String {
        codeSpan(untrusted, maxLength: nil)
    }

    /// ``codeSpan(_:)`` cut to `maxLength` characters after redaction.
    public static func codeSpan(_ untrusted: String, maxLength: Int?) -> String {
        fencedCodeSpan(redactedLine(untrusted, maxLength: maxLength))
    }

    /// ``codeSpan(_:)`` for a GFM table cell: pipes are escaped so they cannot end the cell.
    public static func tableCodeSpan(_ untrusted: String, maxLength: Int? = nil) -> String {
        let span = fencedCodeSpan(redactedLine(untrusted, maxLength: maxLength))
        return span.replacingOccurrences(of: "|", with: "\\|")
    }

    // MARK: - Steps

    /// Redacts, folds onto one line, and cuts to `maxLength` characters.
    ///
    /// Redaction comes first so a secret cannot survive by being cut in half.
    static func redactedLine(_ untrusted: String, maxLength: Int?) -> String {
        var line = singleLine(Redactor.standard.redact(untrusted))
        // A line has no more Characters than bytes: counting them is needed only past `maxLength` bytes.
        if let maxLength, line.utf8.count > maxLength, line.count > maxLength {
            line = String(line.prefix(max(maxLength - 1, 0))) + "…"
        }
        return line
    }

    /// Folds text onto one line: line breaks become `⏎`, tabs a space, other control
    /// characters and bidirectional overrides `�` (they could hide or reorder text).
    static func singleLine(_ text: String) -> String {
        if !hasScalarToFold(text) { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var previousWasCarriageReturn = false
        for scalar in text.unicodeScalars {
            defer { previousWasCarriageReturn = scalar == "\r" }
            switch scalar.value {
            case 0x0A where previousWasCarriageReturn:
                continue  // "\r\n" is one break
            case 0x0A, 0x0D, 0x0B, 0x0C, 0x85, 0x2028, 0x2029:
                result.append(lineBreakMark)
            case 0x09:
                result.append(" ")
            case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F:
                result.append(replacementMark)
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Whether `singleLine` would change anything: a scalar it replaces, found on the UTF-8 bytes.
    ///
    /// Control characters are the bytes below 0x20 and 0x7F; U+0080–U+009F are C2 80–C2 9F;
    /// U+200E, U+200F, U+2028–U+202E are E2 80 8E, 8F, A8–AE; U+2066–U+2069 are E2 81 A6–A9.
    /// Most text has none, and is then its own single line without a walk over its scalars
    /// (that walk was 43 M instructions for the benchmark's report).
    static func hasScalarToFold(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var i = 0
            while i < bytes.count {
                let byte = bytes[i]
                if byte < 0x20 || byte == 0x7F { return true }
                if byte == 0xC2, i + 1 < bytes.count, bytes[i + 1] <= 0x9F { return true }
                if byte == 0xE2, i + 2 < bytes.count {
                    let second = bytes[i + 1], third = bytes[i + 2]
                    if second == 0x80, third == 0x8E || third == 0x8F || (0xA8...0xAE).contains(third) { return true }
                    if second == 0x81, (0xA6...0xA9).contains(third) { return true }
                }
                i += 1
            }
            return false
        }
    }

    /// Whether every byte is printable ASCII (0x20–0x7E): then each byte is one Character,
    /// and Character-wise work can be done on bytes with the same result.
    static func isPrintableASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 <= 0x7E }
    }

    /// ASCII punctuation with a meaning in CommonMark or GFM somewhere in a line.
    ///
    /// `<`, `>`, `&` are not here: they become HTML entities, which is the only escape
    /// that stops raw HTML and autolinks (`<javascript:...>`). `:` and `.` stop GFM's
    /// extended autolinks (`http://...`, `www....`), `@` its e-mail links, `$` GitHub's math.
    static let markdownPunctuation: Set<Character> = [
        "\\", "`", "*", "_", "{", "}", "[", "]", "(", ")", "#", ".", "!", "|", "~", ":", "@", "$",
    ]

    /// Punctuation that means something only at the start of a line (list item, setext
    /// underline, thematic break); escaped when it starts the text, left alone elsewhere so
    /// `merxex-exchange` stays readable in the Markdown source.
    static let lineStartPunctuation: Set<Character> = ["-", "+", "="]

    /// Escapes one already redacted line as prose.
    static func escapeWithoutRedacting(_ line: String) -> String {
        if isPrintableASCII(line) { return escapePrintableASCII(line) }
        var result = ""
        result.reserveCapacity(line.utf8.count + 16)
        for (offset, character) in line.enumerated() {
            if offset == 0, lineStartPunctuation.contains(character) {
                result += "\\" + String(character)
                continue
            }
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            default:
                if markdownPunctuation.contains(character) { result.append("\\") }
                result.append(character)
            }
        }
        return result
    }

    /// `escapeWithoutRedacting` on printable ASCII, byte by byte (the same escapes, as each byte is a Character).
    private static func escapePrintableASCII(_ line: String) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(line.utf8.count + 16)
        for (offset, byte) in line.utf8.enumerated() {
            if offset == 0, byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "=") {
                result += [UInt8(ascii: "\\"), byte]
                continue
            }
            switch byte {
            case UInt8(ascii: "&"): result += Array("&amp;".utf8)
            case UInt8(ascii: "<"): result += Array("&lt;".utf8)
            case UInt8(ascii: ">"): result += Array("&gt;".utf8)
            default:
                if markdownPunctuationBytes[Int(byte)] { result.append(UInt8(ascii: "\\")) }
                result.append(byte)
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// `markdownPunctuation` as a table indexed by byte.
    private static let markdownPunctuationBytes: [Bool] = (0..<256).map { byte in
        byte < 0x80 && markdownPunctuation.contains(Character(Unicode.Scalar(UInt8(byte))))
    }

    /// Wraps one already redacted line in a code span that nothing inside can close.
    static func fencedCodeSpan(_ line: String) -> String {
        if line.isEmpty { return "` `" }
        var longestRun = 0
        var run = 0
        if isPrintableASCII(line) {
            for byte in line.utf8 {
                run = byte == UInt8(ascii: "`") ? run + 1 : 0
                longestRun = max(longestRun, run)
            }
        } else {
            for character in line {
                run = character == "`" ? run + 1 : 0
                longestRun = max(longestRun, run)
            }
        }
        let fence = String(repeating: "`", count: longestRun + 1)
        let needsPadding = line.first == "`" || line.last == "`"
            || (line.first == " " && line.last == " " && line.contains { $0 != " " })
        let padding = needsPadding ? " " : ""
        return fence + padding + line + padding + fence
    }
}
