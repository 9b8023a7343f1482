import Foundation

/// Seeded export lines and application messages in the variety the readers meet, for the
/// differential tests that hold every shortcut of the reading to the general path.
///
/// Messages are mostly near-routine structured lines (the shortcuts' territory: one key or
/// value away from being kept or counted), plus plain text, ECS events and probes. Keys are
/// drawn from every name the message reader knows (levels, configuration, gauges, probes,
/// `fields`/`attrs`) and unknown ones; values of every JSON kind, with escapes, `\u`
/// sequences, raw Unicode, odd numbers and whitespace. A share of messages and lines is
/// damaged byte by byte, so malformed input is compared too.
struct LineGenerator {
    var rng: SeededGenerator

    init(seed: UInt64) { rng = SeededGenerator(seed: seed) }

    static let topKeys = [
        "timestamp", "time", "level", "lvl", "severity", "log.level", "msg", "message", "fields", "attrs", "target",
        "span", "env", "ENV", "app_env", "APP_ENV", "NODE_ENV", "node_env", "RAILS_ENV", "rails_env", "environment",
        "ENVIRONMENT", "Environment", "deployment.environment", "graphiql", "playground", "graphql_playground", "idle",
        "waiting", "size", "rss_mb", "heap_mb", "limit_mb", "detail-type", "check", "status", "status_code", "version",
        "url", "latency_ms", "method", "path", "a", "Level", "LEVEL", "levels", "lev\\u0065l", "fields2", "attr",
    ]
    static let levels = [
        "INFO", "info", "Information", "DEBUG", "debug", "TRACE", "trace", "WARN", "warn", "ERROR", "error", "notice",
        "in", "de", "tr", "inf", "", "fatal", "\\u0069nfo", "Info ", "DEBUG\\n", "trAce", "déb", "INFO\\\"",
    ]
    static let numbers = ["10", "20", "30", "39", "40", "50", "0", "-1", "30.5", "1e1", "3.9e1", "39.99", "1-2", "-",
                          "99999999999999999999", "12345678901234567890123", "-0", "1E+1", "200", "32"]
    static let strings = [
        "request completed", "GET", "/api/v1/orderbook/BTC-USD", "merxex::http", "2026-03-22T00:00:02.491306Z",
        "production", "development", "a \\\"quoted\\\" word", "back\\\\slash", "tab\\tand\\nnewline", "caf\\u00e9",
        "\\ud83d\\ude00 emoji", "\\ud83d lone", "raw café 日本", "{not an object}", "[1,2]", "slash\\/ed", "",
        "true", "null", "}", "\\\"", "ends with backslash \\\\",
    ]

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }
    mutating func pick<T>(_ items: [T]) -> T { items.randomElement(using: &rng)! }

    /// Whitespace between tokens: usually none (as CloudWatch and most loggers write), sometimes some.
    mutating func space() -> String { chance(0.9) ? "" : pick([" ", "\n", "\t", "\r\n ", "  "]) }

    mutating func scalar(forKey key: String, routineLevels: Bool) -> String {
        if ["level", "lvl", "severity", "log.level"].contains(key), chance(0.8) {
            if routineLevels, chance(0.9) { return pick(["\"INFO\"", "\"info\"", "\"Information\"", "\"DEBUG\"", "\"trace\"", "30", "20", "10"]) }
            return chance(0.85) ? "\"\(pick(Self.levels))\"" : pick(Self.numbers)
        }
        switch int(0...9) {
        case 0...4: return "\"\(pick(Self.strings))\""
        case 5...7: return pick(Self.numbers)
        case 8: return pick(["true", "false", "null"])
        default: return pick(["[]", "{}", "[1,{\"a\":\"}\"}]", "{\"level\":\"error\",\"env\":\"x\"}", "[\"]\",[[]]]", "{\"k\":[{}]}"])
        }
    }

    mutating func object(keys: [String], nestedDepth: Int, routineLevels: Bool) -> String {
        var members: [String] = []
        for key in keys {
            let value: String
            if (key == "fields" || key == "attrs"), nestedDepth > 0, chance(0.85) {
                let count = chance(0.05) ? int(20...30) : int(0...6)
                var nested: [String] = []
                for _ in 0..<count {
                    nested.append(routineLevels || chance(0.6) ? pick(["message", "method", "path", "status", "latency_ms", "level"]) : pick(Self.topKeys))
                }
                value = object(keys: nested, nestedDepth: nestedDepth - 1, routineLevels: routineLevels)
            } else {
                value = scalar(forKey: key, routineLevels: routineLevels)
            }
            members.append("\"\(key)\"\(space()):\(space())\(value)")
        }
        return "{\(space())" + members.joined(separator: "\(space()),\(space())") + "\(space())}"
    }

    /// An application message as the program wrote it (before the export escapes it).
    mutating func message() -> [UInt8] {
        var text: String
        switch int(0...19) {
        case 0:
            text = pick(["thread 'tokio-runtime-worker' panicked at src/db/pool.rs:88:14:", "plain text line", "", " ",
                         "  {\"level\":\"info\"}", "Killed", "{", "[1]", "{\"level\":\"info\"} trailing"])
        case 1:
            text = #"{"version":"0","detail-type":"ECS Task State Change","source":"aws.ecs","time":"2026-03-22T12:53:04Z","detail":{"taskArn":"arn:aws:ecs:us-east-1:1:task/prod/4b1f0c2e9a7d4e0f8d1c2b3a4f5e6d7c","lastStatus":"STOPPED","containers":[{"name":"app","exitCode":137}]}}"#
        case 2:
            text = #"{"check":"health","url":"https://x/health","status":\#(pick(["200", "0", "\"503\""])),"latency_ms":12,"error":null}"#
        case 3...10:
            // Routine lines as services write them, with harmless variations (extra keys, order, spacing).
            var keys = ["timestamp", pick(["level", "level", "lvl", "severity", "log.level"]), "fields", "target"]
            for _ in 0..<int(0...2) {
                keys.insert(pick(["span", "msg", "message", "path", "status", "size", "limit_mb", "heap_mb", "a", "level"]), at: int(0...keys.count))
            }
            text = space() + object(keys: keys, nestedDepth: 1, routineLevels: true) + space()
        default:
            // Near-routine structured lines: the corpus's template with keys added, removed or swapped.
            var keys = chance(0.7) ? ["timestamp", "level", "fields", "target"] : []
            for _ in 0..<int(0...4) { keys.insert(pick(Self.topKeys), at: int(0...keys.count)) }
            if chance(0.2), !keys.isEmpty { keys.remove(at: int(0...(keys.count - 1))) }
            text = space() + object(keys: keys, nestedDepth: 1, routineLevels: false) + space()
        }
        var bytes = Array(text.utf8)
        if chance(0.12) { bytes = damage(bytes) }
        return bytes
    }

    /// A message and a few variants of it, as one service logs them line after line: a digit or
    /// letter changed here and there (a time, a latency, a path), now and then a key, a
    /// separator or the end damaged, now and then a different message between them.
    mutating func messageRun() -> [[UInt8]] {
        let base = message()
        var run = [base]
        for _ in 0..<int(2...8) {
            var variant = base
            for _ in 0..<int(0...3) where !variant.isEmpty {
                let i = int(0...(variant.count - 1))
                switch variant[i] {
                case 0x30...0x39: variant[i] = UInt8(0x30 + int(0...9))
                case 0x61...0x7A: variant[i] = UInt8(0x61 + int(0...25))
                default: if chance(0.3) { variant.insert(pick(Array("0a\" ,:}".utf8)), at: i) }
                }
            }
            if chance(0.05) { variant = damage(variant) }
            run.append(chance(0.1) ? message() : variant)
        }
        return run
    }

    /// A few bytes flipped, inserted, deleted, repeated or cut, in the manner of `RecordFuzzTests`.
    mutating func damage(_ input: [UInt8]) -> [UInt8] {
        var bytes = input
        for _ in 0..<int(1...3) where !bytes.isEmpty {
            let i = int(0...(bytes.count - 1))
            switch int(0...5) {
            case 0: bytes[i] = UInt8.random(in: 0...255, using: &rng)
            case 1: bytes.insert(pick(Array("{}[]\":,\\\n\r\0 e-.9t".utf8)), at: i)
            case 2: bytes.remove(at: i)
            case 3: bytes.insert(contentsOf: bytes[i..<min(bytes.count, i + int(1...16))], at: i)
            case 4: bytes.removeSubrange(i...)
            default: bytes[i] ^= 0x20
            }
        }
        return bytes
    }

    /// `bytes` as the body of a JSON string: `"` and `\\` escaped, control bytes as `\n`-style or
    /// `\u00XX` escapes, and sometimes `/` or non-ASCII as escapes too (as some exporters write).
    mutating func escaped(_ bytes: [UInt8]) -> [UInt8] {
        let escapeSlash = chance(0.1), escapeUnicode = chance(0.1)
        var out: [UInt8] = []
        let text = String(decoding: bytes, as: UTF8.self)
        // Invalid UTF-8 is kept as raw bytes (the reader must report it), so walk the bytes unless asked for `\u`.
        if escapeUnicode, Array(text.utf8) == bytes {
            for scalar in text.unicodeScalars {
                if scalar.value >= 0x80 {
                    for unit in String(scalar).utf16 { out += Array(String(format: "\\u%04x", unit).utf8) }
                } else {
                    out += escapedASCII(UInt8(scalar.value), escapeSlash: escapeSlash)
                }
            }
            return out
        }
        for b in bytes { out += b < 0x80 ? escapedASCII(b, escapeSlash: escapeSlash) : [b] }
        return out
    }

    private func escapedASCII(_ b: UInt8, escapeSlash: Bool) -> [UInt8] {
        switch b {
        case 0x22: return Array(#"\""#.utf8)
        case 0x5C: return Array(#"\\"#.utf8)
        case 0x2F where escapeSlash: return Array(#"\/"#.utf8)
        case 0x0A: return Array(#"\n"#.utf8)
        case 0x09: return Array(#"\t"#.utf8)
        case 0x0D: return Array(#"\r"#.utf8)
        case 0x08: return Array(#"\b"#.utf8)
        case 0x0C: return Array(#"\f"#.utf8)
        case ..<0x20: return Array(String(format: "\\u%04x", b).utf8)
        default: return [b]
        }
    }

    /// One export record: usually a shape A event line, sometimes with the members reordered,
    /// renamed (`logStreamName`, `id`), retyped, missing, repeated, or the line damaged.
    mutating func line() -> [UInt8] {
        var members: [[UInt8]] = []
        func member(_ key: String, _ value: [UInt8]) -> [UInt8] { Array("\"\(key)\"".utf8) + Array(":".utf8) + value }
        let millis = 1_774_137_602_491 + int(0...100_000_000)
        let timestamp: String
        switch int(0...19) {
        case 0: timestamp = "\"2026-03-22T00:00:02.491Z\""
        case 1: timestamp = "\(millis / 1000)"
        case 2: timestamp = "\(millis).5"
        case 3: timestamp = pick(["-1", "0", "1e12", "\"yesterday\"", "null", "99999999999999999999", "4102444800000", "1774137602491e0"])
        default: timestamp = "\(millis)"
        }
        if chance(0.97) { members.append(member("timestamp", Array(timestamp.utf8))) }
        if chance(0.9) { members.append(member(chance(0.95) ? "logGroup" : "logGroupName", Array("\"/ecs/\(pick(["merxex-exchange", "x", "esc\\u0061ped", "caf\\u00e9"]))\"".utf8))) }
        if chance(0.95) {
            let stream = pick(["ecs/app/0017cdaaa49664afb4f65935c131bb41", "ecs/app/4b1f", "s", "ecs\\/app\\/4b1f", "", "x\\\"y"])
            members.append(member(chance(0.9) ? "logStream" : "logStreamName", chance(0.97) ? Array("\"\(stream)\"".utf8) : Array("17".utf8)))
        }
        if chance(0.8) {
            let id = chance(0.8) ? "\"000177413760249100000000000000004444782971852862556388\(int(10...99))\"" : "\(int(1...99999))"
            members.append(member(chance(0.9) ? "eventId" : "id", Array(id.utf8)))
        }
        if chance(0.7) { members.append(member("ingestionTime", Array("\(millis + 1288)".utf8))) }
        if chance(0.03) { members.append(member("extra", Array(pick(["{\"message\":\"no\"}", "[\"}\"]", "true", "nul"]).utf8))) }
        if chance(0.98) {
            let value: [UInt8] = chance(0.98) ? Array("\"".utf8) + escaped(message()) + Array("\"".utf8) : Array(pick(["17", "null", "{}", "[\"x\"]"]).utf8)
            members.insert(member("message", value), at: chance(0.8) ? members.count : int(0...members.count))
        }
        if chance(0.02) { members.append(member(pick(["message", "timestamp", "logStream", "events", "logEvents", "messageType"]), Array(pick(["\"again\"", "1774137602491", "[]"]).utf8))) }
        if chance(0.05) { members.shuffle(using: &rng) }
        var line = Array("{".utf8)
        for (k, m) in members.enumerated() {
            if k > 0 { line += Array(space().utf8) + Array(",".utf8) + Array(space().utf8) }
            line += m
        }
        line += Array("}".utf8)
        if chance(0.05) { line = damage(line) }
        if chance(0.02) { line += Array(pick([" ", "{}", "{\"timestamp\":1774137602491,\"message\":\"second\"}", ",{\"message\":\"x\"}"]).utf8) }
        return line
    }
}
