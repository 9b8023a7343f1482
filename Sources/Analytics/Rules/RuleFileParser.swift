import Foundation
import Replay

/// Reads one rule file: JSON syntax, known keys only, known causes and mechanisms,
/// types, regexes that compile, then every sample and counter-sample proven.
///
/// Errors name the file, the line of the rule's id (or of the offending key), the
/// rule id and the JSON path, so a bad rule reads like a compiler error.
enum RuleFileParser {
    /// A rule file's entry: a rule, or the removal of one by id (`"disabled": true`).
    enum Entry {
        case rule(CauseRule)
        case disable(id: String, line: Int?)
    }

    static let fileKeys: Set<String> = ["family", "description", "rules"]

    static func parse(_ data: Data, source: String) throws -> [Entry] {
        let text = String(decoding: data, as: UTF8.self)
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: data) } catch {
            throw RuleLoadError(file: source, line: errorLine(error, in: text), message: "not valid JSON: \(describe(error))")
        }
        guard let file = object as? [String: Any] else {
            throw RuleLoadError(file: source, line: 1, message: "expected a JSON object with a \"rules\" array")
        }
        for key in file.keys.sorted() where !fileKeys.contains(key) {
            throw RuleLoadError(file: source, line: lineOf("\"\(key)\"", in: text), field: key,
                                message: "unknown key (expected one of \(fileKeys.sorted().joined(separator: ", ")))")
        }
        guard let rules = file["rules"] as? [Any] else {
            throw RuleLoadError(file: source, line: 1, field: "rules", message: "missing or not an array")
        }
        var entries: [Entry] = []
        var seen = Set<String>()
        for (index, element) in rules.enumerated() {
            guard let dict = element as? [String: Any] else {
                throw RuleLoadError(file: source, field: "rules[\(index)]", message: "expected a rule object")
            }
            guard let id = dict["id"] as? String, !id.isEmpty else {
                throw RuleLoadError(file: source, field: "rules[\(index)].id", message: "missing or not a string")
            }
            let line = lineOf("\"\(id)\"", in: text)
            func fail(_ field: String?, _ message: String) -> RuleLoadError {
                var fieldLine = line
                if let key = field?.split(separator: ".").last.map({ String($0.split(separator: "[").first ?? $0) }),
                   let l = lineOf("\"\(key)\"", in: text, fromLine: line ?? 1) {
                    fieldLine = l
                }
                return RuleLoadError(file: source, line: fieldLine, ruleId: id, field: field, message: message)
            }
            guard seen.insert(id).inserted else { throw fail(nil, "duplicate rule id") }
            try checkKeys(dict, RuleSpec.keys, path: "", fail: fail)
            if dict["disabled"] as? Bool == true {
                guard dict.keys.allSatisfy({ ["id", "disabled", "description"].contains($0) }) else {
                    throw fail("disabled", "a disabled rule has only id, description and disabled")
                }
                entries.append(.disable(id: id, line: line))
                continue
            }
            let spec: RuleSpec
            do {
                let ruleData = try JSONSerialization.data(withJSONObject: dict)
                spec = try JSONDecoder().decode(RuleSpec.self, from: ruleData)
            } catch let error as DecodingError {
                let (field, message) = describe(error)
                throw fail(field, message)
            }
            let rule = try compile(spec, source: source, line: line, fail: fail)
            try verify(rule, fail: fail)
            entries.append(.rule(rule))
        }
        return entries
    }

    // MARK: keys

    static func checkKeys(_ rule: [String: Any], _ allowed: Set<String>, path: String,
                          fail: (String?, String) -> RuleLoadError) throws {
        func check(_ dict: [String: Any], _ allowed: Set<String>, _ path: String) throws {
            for key in dict.keys.sorted() where !allowed.contains(key) {
                throw fail(path.isEmpty ? key : "\(path).\(key)",
                           "unknown key (expected one of \(allowed.sorted().joined(separator: ", ")))")
            }
        }
        func condition(_ value: Any?, _ path: String) throws {
            guard let c = value as? [String: Any] else { return }
            try check(c, ConditionSpec.keys, path)
            for (i, l) in ((c["lines"] as? [Any]) ?? []).enumerated() {
                if let l = l as? [String: Any] { try check(l, LinePatternSpec.keys, "\(path).lines[\(i)]") }
            }
            if let m = c["memory"] as? [String: Any] { try check(m, MemorySpec.keys, "\(path).memory") }
            if let p = c["pool"] as? [String: Any] { try check(p, PoolSpec.keys, "\(path).pool") }
            if let p = c["probeFailures"] as? [String: Any] { try check(p, ProbeFailureSpec.keys, "\(path).probeFailures") }
            if let h = c["unhealthyBeforeStop"] as? [String: Any] { try check(h, HealthSpec.keys, "\(path).unhealthyBeforeStop") }
        }
        func samples(_ value: Any?, _ path: String) throws {
            for (i, s) in ((value as? [Any]) ?? []).enumerated() {
                guard let s = s as? [String: Any] else { continue }
                try check(s, SampleSpec.keys, "\(path)[\(i)]")
                for (j, l) in ((s["lines"] as? [Any]) ?? []).enumerated() {
                    if let l = l as? [String: Any] { try check(l, SampleLine.keys, "\(path)[\(i)].lines[\(j)]") }
                }
                for (j, h) in ((s["health"] as? [Any]) ?? []).enumerated() {
                    if let h = h as? [String: Any] { try check(h, SampleHealth.keys, "\(path)[\(i)].health[\(j)]") }
                }
            }
        }
        try check(rule, allowed, path)
        if let cause = rule["cause"] as? String, Cause(rawValue: cause) == nil || cause == Cause.unknown.rawValue {
            let known = Cause.allCases.filter { $0 != .unknown }.map(\.rawValue).joined(separator: ", ")
            throw fail("cause", "unknown cause \"\(cause)\" (expected one of \(known))")
        }
        if let mechanism = rule["mechanism"] as? String, Mechanism(rawValue: mechanism) == nil {
            let known = Mechanism.allCases.map(\.rawValue).joined(separator: ", ")
            throw fail("mechanism", "unknown mechanism \"\(mechanism)\" (expected one of \(known))")
        }
        try condition(rule["when"], "when")
        for (i, c) in ((rule["unless"] as? [Any]) ?? []).enumerated() { try condition(c, "unless[\(i)]") }
        try samples(rule["samples"], "samples")
        try samples(rule["counterSamples"], "counterSamples")
    }

    // MARK: compile

    static func compile(_ spec: RuleSpec, source: String, line: Int?,
                        fail: (String?, String) -> RuleLoadError) throws -> CauseRule {
        guard spec.cause != nil || spec.mechanism != nil else { throw fail(nil, "states neither a cause nor a mechanism") }
        guard let confidence = spec.confidence else { throw fail("confidence", "missing (a number from 0 to 1)") }
        guard (0...1).contains(confidence) else { throw fail("confidence", "\(confidence) is not between 0 and 1") }
        guard let whenSpec = spec.when else { throw fail("when", "missing: a rule needs at least one condition") }
        let when = try compile(whenSpec, path: "when", fail: fail)
        guard !when.isEmpty else { throw fail("when", "empty: a rule needs at least one condition") }
        var unless: [Condition] = []
        for (i, c) in (spec.unless ?? []).enumerated() {
            let condition = try compile(c, path: "unless[\(i)]", fail: fail)
            guard !condition.isEmpty else { throw fail("unless[\(i)]", "empty counter-pattern") }
            unless.append(condition)
        }
        guard let samples = spec.samples, !samples.isEmpty else {
            throw fail("samples", "missing: every rule proves itself with at least one sample that fires it")
        }
        return CauseRule(id: spec.id, description: spec.description, cause: spec.cause, mechanism: spec.mechanism,
                         confidence: confidence, source: source, line: line, samples: samples,
                         counterSamples: spec.counterSamples ?? [], when: when, unless: unless)
    }

    static func compile(_ spec: ConditionSpec, path: String, fail: (String?, String) -> RuleLoadError) throws -> Condition {
        func regex(_ source: String?, _ field: String) throws -> CompiledRegex? {
            guard let source else { return nil }
            do { return try CompiledRegex(source) } catch {
                throw fail("\(path).\(field)", "not a valid regular expression: \(source)")
            }
        }
        var c = Condition()
        if let codes = spec.exitCodes {
            guard !codes.isEmpty else { throw fail("\(path).exitCodes", "empty list") }
            c.exitCodes = Set(codes)
        }
        c.noExitCode = spec.noExitCode
        c.stopCode = try regex(spec.stopCode, "stopCode")
        c.stoppedReason = try regex(spec.stoppedReason, "stoppedReason")
        c.containerReason = try regex(spec.containerReason, "containerReason")
        for (i, l) in (spec.lines ?? []).enumerated() {
            let field = "\(path).lines[\(i)]"
            var minLevel: Int?
            if let name = l.minLevel {
                guard let rank = PreparedSignals.levelRank(name) else {
                    throw fail("\(field).minLevel", "unknown level \"\(name)\" (expected trace, debug, info, warn, error or fatal)")
                }
                minLevel = rank
            }
            let minCount = l.minCount ?? 1, window = l.window ?? 1
            guard minCount >= 1 else { throw fail("\(field).minCount", "must be at least 1") }
            guard (1...20).contains(window) else { throw fail("\(field).window", "must be from 1 to 20") }
            if let n = l.lastLines, n < 1 { throw fail("\(field).lastLines", "must be at least 1") }
            if let s = l.withinSeconds, s <= 0 { throw fail("\(field).withinSeconds", "must be positive") }
            c.lines.append(Condition.LinePattern(
                regex: try regex(l.regex, "lines[\(i)].regex")!, minLevel: minLevel, minLevelName: l.minLevel,
                lastLines: l.lastLines, withinMillis: l.withinSeconds.map { Int64($0 * 1000) },
                minCount: minCount, window: window))
        }
        if let m = spec.memory {
            guard m.minRatio > 0 else { throw fail("\(path).memory.minRatio", "must be positive") }
            c.memory = m
        }
        c.pool = spec.pool
        if let p = spec.probeFailures {
            guard p.min >= 1 else { throw fail("\(path).probeFailures.min", "must be at least 1") }
            c.probeFailures = p
        }
        c.unhealthyBeforeStop = spec.unhealthyBeforeStop
        return c
    }

    // MARK: verify

    /// Verifies the literal pre-checks on the sample lines, then that samples fire and counter-samples do not.
    static func verify(_ rule: CauseRule, fail: (String?, String) -> RuleLoadError) throws {
        let all = rule.samples + rule.counterSamples
        for pattern in rule.allLinePatterns {
            var texts: [String] = []
            for sample in all {
                let lines = (sample.lines ?? []).map(\.text)
                for start in lines.indices {
                    texts.append(lines[start..<min(lines.count, start + pattern.window)].joined(separator: "\n"))
                }
            }
            pattern.regex.verifyPrefilter(on: texts)
        }
        for (i, sample) in rule.samples.enumerated() {
            if let why = rule.whyNot(on: sample.signals()) {
                throw fail("samples[\(i)]", "does not fire: \(why)" + (sample.note.map { " [\($0)]" } ?? ""))
            }
        }
        for (i, sample) in rule.counterSamples.enumerated() where rule.fires(on: sample.signals()) {
            throw fail("counterSamples[\(i)]", "fires, but must not" + (sample.note.map { " [\($0)]" } ?? ""))
        }
    }

    // MARK: messages

    /// 1-based line of the first occurrence of `needle` at or after `fromLine`.
    ///
    /// Asked once per rule (and per key of a failing one): searched as bytes when text and
    /// needle are ASCII without a carriage return, where a byte is a Character and `\n` ends
    /// every line, so the answer is the one the Character search below gives. The bundled
    /// files are such text, and the Character search cost 180 M instructions on every run.
    static func lineOf(_ needle: String, in text: String, fromLine: Int = 1) -> Int? {
        if !needle.isEmpty, isPlainASCII(needle), isPlainASCII(text) { return asciiLineOf(needle, in: text, fromLine: fromLine) }
        var number = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            if number >= fromLine && line.contains(needle) { return number }
        }
        return nil
    }

    /// ASCII without a `\r` (which would join `\r\n` into one Character): a byte is a Character.
    static func isPlainASCII(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var highBits: UInt8 = 0
            for byte in bytes { highBits |= byte }
            return highBits < 0x80 && (bytes.isEmpty || memchr(bytes.baseAddress!, Int32(UInt8(ascii: "\r")), bytes.count) == nil)
        }
    }

    /// `lineOf` on the bytes of plain ASCII text and needle.
    static func asciiLineOf(_ needle: String, in text: String, fromLine: Int) -> Int? {
        let pattern = Array(needle.utf8)
        let bytes = Array(text.utf8)
        let newline = UInt8(ascii: "\n")
        var number = 1
        var lineStart = 0
        while lineStart <= bytes.count {
            let lineEnd = bytes[lineStart...].firstIndex(of: newline) ?? bytes.count
            if number >= fromLine, contains(pattern, in: bytes[lineStart..<lineEnd]) { return number }
            number += 1
            lineStart = lineEnd + 1
        }
        return nil
    }

    private static func contains(_ pattern: [UInt8], in line: ArraySlice<UInt8>) -> Bool {
        guard line.count >= pattern.count else { return false }
        var start = line.startIndex
        while start + pattern.count <= line.endIndex {
            if line[start] == pattern[0], line[start..<start + pattern.count].elementsEqual(pattern) { return true }
            start += 1
        }
        return false
    }

    /// The line a JSON syntax error points at: Foundation names a line on some platforms
    /// and a character offset ("around character 30") on others.
    static func errorLine(_ error: Error, in text: String) -> Int? {
        let message = describe(error)
        if let range = message.range(of: #"line (\d+)"#, options: .regularExpression) {
            return Int(message[range].dropFirst(5))
        }
        guard let range = message.range(of: #"character (\d+)"#, options: .regularExpression),
              let offset = Int(message[range].dropFirst(10)) else { return nil }
        return text.utf8.prefix(offset).reduce(1) { $0 + ($1 == 10 ? 1 : 0) }
    }

    static func describe(_ error: Error) -> String {
        let ns = error as NSError
        if let debug = ns.userInfo[NSDebugDescriptionErrorKey] as? String { return debug }
        return ns.localizedDescription
    }

    /// (JSON path, message) for a decoding error.
    static func describe(_ error: DecodingError) -> (String?, String) {
        func path(_ keys: [CodingKey]) -> String? {
            var text = ""
            for key in keys {
                if let i = key.intValue { text += "[\(i)]" } else { text += text.isEmpty ? key.stringValue : ".\(key.stringValue)" }
            }
            return text.isEmpty ? nil : text
        }
        switch error {
        case .typeMismatch(let type, let context):
            return (path(context.codingPath), "expected \(typeName(type))")
        case .valueNotFound(let type, let context):
            return (path(context.codingPath), "expected \(typeName(type)), found null")
        case .keyNotFound(let key, let context):
            return (path(context.codingPath + [key]), "missing")
        case .dataCorrupted(let context):
            return (path(context.codingPath), context.debugDescription)
        @unknown default:
            return (nil, "\(error)")
        }
    }

    static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type: return "an integer"
        case is Double.Type: return "a number"
        case is Bool.Type: return "true or false"
        default:
            let name = String(describing: type)
            return name.hasPrefix("Array") ? "an array" : name.hasPrefix("Dictionary") ? "an object" : "\(name)"
        }
    }
}
