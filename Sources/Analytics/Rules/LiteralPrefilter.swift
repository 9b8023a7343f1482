/// Finds literal text that every match of a regular expression must contain.
///
/// A conservative reading of ICU syntax: it returns a set of lower-cased literals
/// (at least 3 characters each) such that any match contains at least one of them,
/// or nil when it cannot tell (then the regex always runs). Alternation gives one
/// literal per branch; optional atoms (`?`, `*`, `{0,n}`), classes, escapes like
/// `\d` and lookarounds break literal runs; `\Q…\E` and `(?x)` make it give up.
enum LiteralPrefilter {
    static let minimumLength = 3

    static func requiredLiterals(of pattern: String) -> [String]? {
        if pattern.contains("\\Q") || pattern.contains("(?x") || pattern.contains("(?#") { return nil }
        let chars = Array(pattern)
        guard let set = alternatives(chars, 0, chars.count) else { return nil }
        // Lines are lower-cased byte-wise (ASCII only), so a non-ASCII literal could miss.
        guard set.allSatisfy({ $0.unicodeScalars.allSatisfy(\.isASCII) }) else { return nil }
        return Array(Set(set.map { $0.lowercased() })).sorted()
    }

    /// Literals for `chars[start..<end]`, split on top-level `|`.
    static func alternatives(_ chars: [Character], _ start: Int, _ end: Int) -> [String]? {
        var branches: [(Int, Int)] = []
        var depth = 0, i = start, branchStart = start
        while i < end {
            let c = chars[i]
            if c == "\\" { i += 2; continue }
            if c == "[" { i = skipClass(chars, i, end); continue }
            if c == "(" { depth += 1 } else if c == ")" { depth -= 1 } else if c == "|" && depth == 0 {
                branches.append((branchStart, i)); branchStart = i + 1
            }
            i += 1
        }
        branches.append((branchStart, end))
        var all: [String] = []
        for (s, e) in branches {
            guard let literals = required(chars, s, e) else { return nil }
            all += literals
        }
        return all
    }

    /// The best literal set of one branch (a sequence of atoms).
    static func required(_ chars: [Character], _ start: Int, _ end: Int) -> [String]? {
        var candidates: [[String]] = []
        var run: [Character] = []
        var lastWasLiteral = false
        func flush() {
            if run.count >= minimumLength { candidates.append([String(run)]) }
            run = []
            lastWasLiteral = false
        }
        var i = start
        while i < end {
            let c = chars[i]
            switch c {
            case "\\":
                guard i + 1 < end else { return nil }
                let e = chars[i + 1]
                if e.isLetter || e.isNumber {
                    flush()
                    i = skipEscape(chars, i, end)
                } else {
                    run.append(e); lastWasLiteral = true
                    i += 2
                }
                continue
            case "[":
                flush()
                i = skipClass(chars, i, end)
                continue
            case "(":
                let close = matchingParen(chars, i, end)
                guard close < end else { return nil }
                flush()
                var contentStart = i + 1
                var isContent = true
                if contentStart < close, chars[contentStart] == "?" {
                    let next = contentStart + 1 < close ? chars[contentStart + 1] : ")"
                    if next == ":" || next == ">" || next == "|" {
                        contentStart += 2
                    } else if next == "=" || next == "!" {
                        isContent = false
                    } else if next == "<" {
                        let after = contentStart + 2 < close ? chars[contentStart + 2] : ")"
                        if after == "=" || after == "!" { isContent = false } else {
                            // named group (?<name>...)
                            var j = contentStart + 2
                            while j < close && chars[j] != ">" { j += 1 }
                            contentStart = j + 1
                        }
                    } else {
                        // inline flags: (?i) has no content; (?i:...) does
                        var j = contentStart + 1
                        while j < close && chars[j] != ":" && chars[j] != ")" { j += 1 }
                        if j < close && chars[j] == ":" { contentStart = j + 1 } else { isContent = false }
                    }
                }
                var after = close + 1
                let optional = quantifierIsOptional(chars, after, end)
                after = skipQuantifier(chars, after, end)
                if isContent && !optional, let inner = alternatives(chars, contentStart, close) {
                    candidates.append(inner)
                }
                i = after
                continue
            case ".", "^", "$":
                flush(); i += 1; continue
            case "*", "?", "+", "{":
                if c == "{" && !isCountedQuantifier(chars, i, end) {
                    run.append(c); lastWasLiteral = true; i += 1; continue
                }
                if lastWasLiteral {
                    if quantifierIsOptional(chars, i, end) { run.removeLast() }
                    flush()
                }
                i = skipQuantifier(chars, i, end)
                continue
            default:
                run.append(c); lastWasLiteral = true
                i += 1
            }
        }
        flush()
        // Prefer the set whose shortest literal is longest (fewer false positives).
        return candidates.max { a, b in
            (a.map(\.count).min() ?? 0, -a.count) < (b.map(\.count).min() ?? 0, -b.count)
        }
    }

    static func skipEscape(_ chars: [Character], _ i: Int, _ end: Int) -> Int {
        let e = chars[i + 1]
        var j = i + 2
        if "pPNkgxu".contains(e), j < end, chars[j] == "{" || chars[j] == "<" {
            let close: Character = chars[j] == "{" ? "}" : ">"
            while j < end && chars[j] != close { j += 1 }
            return min(j + 1, end)
        }
        if e == "x" { j = min(j + 2, end) } else if e == "u" { j = min(j + 4, end) }
        return j
    }

    static func skipClass(_ chars: [Character], _ i: Int, _ end: Int) -> Int {
        var j = i + 1
        if j < end && chars[j] == "^" { j += 1 }
        if j < end && chars[j] == "]" { j += 1 }
        var depth = 1
        while j < end {
            let c = chars[j]
            if c == "\\" { j += 2; continue }
            if c == "[" { depth += 1 } else if c == "]" { depth -= 1; if depth == 0 { return j + 1 } }
            j += 1
        }
        return end
    }

    static func matchingParen(_ chars: [Character], _ i: Int, _ end: Int) -> Int {
        var depth = 0, j = i
        while j < end {
            let c = chars[j]
            if c == "\\" { j += 2; continue }
            if c == "[" { j = skipClass(chars, j, end); continue }
            if c == "(" { depth += 1 } else if c == ")" { depth -= 1; if depth == 0 { return j } }
            j += 1
        }
        return end
    }

    static func isCountedQuantifier(_ chars: [Character], _ i: Int, _ end: Int) -> Bool {
        var j = i + 1, sawDigit = false
        while j < end, chars[j].isNumber || chars[j] == "," { sawDigit = sawDigit || chars[j].isNumber; j += 1 }
        return sawDigit && j < end && chars[j] == "}"
    }

    /// Whether the quantifier at `i` (if any) allows zero repetitions.
    static func quantifierIsOptional(_ chars: [Character], _ i: Int, _ end: Int) -> Bool {
        guard i < end else { return false }
        switch chars[i] {
        case "?", "*": return true
        case "{":
            guard isCountedQuantifier(chars, i, end) else { return false }
            var j = i + 1, digits = ""
            while j < end, chars[j].isNumber { digits.append(chars[j]); j += 1 }
            return digits.isEmpty || Int(digits) == 0
        default: return false
        }
    }

    /// The index after the quantifier at `i` (and its lazy/possessive suffix), or `i` if there is none.
    static func skipQuantifier(_ chars: [Character], _ i: Int, _ end: Int) -> Int {
        guard i < end else { return i }
        var j = i
        switch chars[i] {
        case "?", "*", "+": j = i + 1
        case "{":
            guard isCountedQuantifier(chars, i, end) else { return i }
            while j < end && chars[j] != "}" { j += 1 }
            j += 1
        default: return i
        }
        if j < end && (chars[j] == "?" || chars[j] == "+") { j += 1 }
        return j
    }
}
