/// Recognises what a message says, by content: ECS events, probe results, application lines.
///
/// The hot path is the routine application line (`level` info/debug/trace, not a
/// configuration or gauge line): it is recognised from byte positions alone and
/// only counted, with no String built. Everything else is decoded and kept.
public enum MessageReader {
    /// What a message says.
    ///
    /// The payloads are boxed (`indirect`): unboxed, every `Content` was as large as its
    /// largest case (an ECS task change, ~260 bytes) and was copied several times per line on
    /// its way back, routine lines included (perf: memmove was 6% of ingest's cycles). Only
    /// kept events, one line in twenty, pay for the box.
    public enum Content: Sendable {
        indirect case taskState(TaskStateChange)
        indirect case service(ServiceEvent)
        indirect case probe(ProbeResult)
        /// An application line worth keeping (errors, warnings, plain text, configuration, gauges).
        indirect case app(AppLine)
        /// A routine application line: counted, not stored.
        case routine
    }

    /// Reads a message's bytes; `at` is the event's timestamp (used when the message has no better time).
    ///
    /// Routine lines are recognised first, by `RoutineLine`, which reads only what the decision
    /// needs; everything else (and anything it is unsure of) is read in full.
    public static func read(_ bytes: UnsafeBufferPointer<UInt8>, at: Timestamp) -> Content {
        read(bytes, at: at, routineKeys: nil)
    }

    /// `read`, with a reader thread's memory of the previous message's keys (`RoutineLine.Keys`):
    /// the same answer for every input, for less work on lines that repeat their predecessor's keys.
    static func read(_ bytes: UnsafeBufferPointer<UInt8>, at: Timestamp, routineKeys: RoutineLine.Keys?) -> Content {
        let scanner = JSONScanner(bytes)
        let start = scanner.skipSpace(0)
        if start < bytes.count, bytes[start] == 0x7B {
            switch RoutineLine.classify(scanner, objectAt: start, keys: routineKeys) {
            case .routine:
                return .routine
            case let .probeShaped(objectEnd):
                // What `readInFull` would do after two more walks of the object (the one-pass reader's,
                // then `readJSON`'s): hand it whole to `ProbeReader`, and keep a probe it settles.
                let object = JSONScanner.Value(kind: .object, start: start, end: objectEnd)
                if case let .some(.some(probe)) = ProbeReader.read(scanner, object, at: at) { return .probe(probe) }
            case .unknown:
                break
            }
        }
        return readInFull(bytes, at: at)
    }

    /// The reading without shortcuts: what `read` must give for every input (the differential
    /// tests hold the shortcuts to it).
    static func readInFull(_ bytes: UnsafeBufferPointer<UInt8>, at: Timestamp) -> Content {
        let scanner = JSONScanner(bytes)
        let start = scanner.skipSpace(0)
        if start < bytes.count, bytes[start] == 0x7B {
            if let content = readJSONOnePass(scanner, from: start, at: at) { return content }
            if let object = scanner.value(at: start), object.kind == .object, scanner.skipSpace(object.end) == bytes.count {
                return readJSON(scanner, object, at: at)
            }
        }
        return .app(AppLine(level: nil, text: String(decoding: bytes, as: UTF8.self), configuration: nil, gauge: nil, innerTime: nil))
    }

    /// Positions of the fields of a structured line, collected before deciding whether to decode anything.
    private struct Fields {
        var detailType: JSONScanner.Value?
        var check: JSONScanner.Value?
        var status: JSONScanner.Value?
        var level: JSONScanner.Value?
        var message: JSONScanner.Value?
        var time: JSONScanner.Value?
        var environment: JSONScanner.Value?
        var version: JSONScanner.Value?
        var playground: JSONScanner.Value?
        /// A gauge's fields: the key as matched (a literal: the key's bytes equal it, so it is the
        /// key's text with no String to build and validate), and its value.
        var gaugeFields: [(String, JSONScanner.Value)] = []
        var memoryGauge = false
        var poolGauge = false
    }

    /// `readJSON` for a well-formed message, reading each byte once instead of three times
    /// (its extent, its members, the members of `fields`). Nil when the message is not one
    /// clean JSON object: the two-pass reading then decides, tolerating damage as it always has.
    ///
    /// The members of `fields`/`attrs` are read as they are met but collected after the
    /// top-level ones, in the same order as `readJSON` (a later `fields` replaces an earlier one).
    private static func readJSONOnePass(_ scanner: JSONScanner, from start: Int, at: Timestamp) -> Content? {
        withUnsafeTemporaryAllocation(of: (Int, Int, JSONScanner.Value).self, capacity: nestedCapacity) { nestedMembers in
            let bytes = scanner.bytes
            var f = Fields()
            var nestedCount = 0
            var sawNested = false
            var i = scanner.skipSpace(start + 1)
            var objectEnd = -1
            if i < scanner.end, bytes[i] == 0x7D { objectEnd = i + 1 }
            while objectEnd < 0 {
                guard i < scanner.end, bytes[i] == 0x22, let keyEnd = scanner.stringEnd(from: i) else { return nil }
                let ks = i + 1, ke = keyEnd - 1
                var j = scanner.skipSpace(keyEnd)
                guard j < scanner.end, bytes[j] == 0x3A else { return nil }
                j = scanner.skipSpace(j + 1)
                var v: JSONScanner.Value
                if j < scanner.end, bytes[j] == 0x7B, scanner.key(ks, ke, is: "fields") || scanner.key(ks, ke, is: "attrs") {
                    var count = 0
                    var overflow = false
                    guard let end = scanner.members(ofObjectAt: j, { nks, nke, nv in
                        if count < nestedCapacity { nestedMembers[count] = (nks, nke, nv); count += 1 } else { overflow = true }
                    }), !overflow else { return nil }
                    v = JSONScanner.Value(kind: .object, start: j, end: end)
                    nestedCount = count
                    sawNested = true
                } else {
                    guard let value = scanner.value(at: j), value.kind != .bool && value.kind != .null || scanner.isExactLiteral(value)
                    else { return nil }
                    v = value
                }
                collect(scanner, ks, ke, v, into: &f, topLevel: true)
                j = scanner.skipSpace(v.end)
                guard j < scanner.end else { return nil }
                if bytes[j] == 0x2C { i = scanner.skipSpace(j + 1); continue }
                guard bytes[j] == 0x7D else { return nil }
                objectEnd = j + 1
            }
            guard scanner.skipSpace(objectEnd) == bytes.count else { return nil }
            let object = JSONScanner.Value(kind: .object, start: start, end: objectEnd)
            if f.detailType != nil || (f.check != nil && f.status != nil) {
                return readJSON(scanner, object, at: at)  // ECS events and probes: rare, read as always
            }
            if sawNested {
                for k in 0..<nestedCount {
                    let (nks, nke, nv) = nestedMembers[k]
                    collect(scanner, nks, nke, nv, into: &f, topLevel: false)
                }
            }
            return appContent(scanner, object, f, at: at)
        }
    }

    /// Members of `fields` the one-pass reader keeps on the stack; more go the two-pass way.
    ///
    /// 24 members of 40 bytes fit the 1 KB that `withUnsafeTemporaryAllocation` keeps on the
    /// stack; at 32 (1280 bytes) it called malloc and free for every line (callgrind: 0.06 G of
    /// 1.56 G instructions on an 80 000-line slice). Log lines with more than 24 fields are rare,
    /// and the two-pass reading gives them the same result.
    static let nestedCapacity = 24

    private static func readJSON(_ scanner: JSONScanner, _ object: JSONScanner.Value, at: Timestamp) -> Content {
        var f = Fields()
        var nested: JSONScanner.Value?
        scanner.forEachMember(of: object) { ks, ke, v in
            collect(scanner, ks, ke, v, into: &f, topLevel: true)
            if scanner.key(ks, ke, is: "fields") || scanner.key(ks, ke, is: "attrs") { if v.kind == .object { nested = v } }
            return true
        }
        if f.detailType != nil {
            return readEvent(scanner, object, at: at) ?? .app(appLine(scanner, object, f, at: at))
        }
        if f.check != nil, f.status != nil {
            // Plain probes are read from their bytes (`ProbeReader`); anything else through a `JSONValue` as always.
            let probe = ProbeReader.read(scanner, object, at: at)
                ?? JSONValue.parse(UnsafeBufferPointer(rebasing: scanner.bytes[object.start..<object.end])).flatMap { ProbeResult.parse($0, at: at) }
            if let probe { return .probe(probe) }
        }
        if let nested {
            scanner.forEachMember(of: nested) { ks, ke, v in
                collect(scanner, ks, ke, v, into: &f, topLevel: false)
                return true
            }
        }
        return appContent(scanner, object, f, at: at)
    }

    /// An application line: routine (only counted) unless it is a configuration or gauge line or above info.
    private static func appContent(_ scanner: JSONScanner, _ object: JSONScanner.Value, _ f: Fields, at: Timestamp) -> Content {
        let isConfig = f.environment != nil || f.playground != nil
        let isGauge = f.memoryGauge || f.poolGauge
        if !isConfig, !isGauge, let level = f.level, isRoutine(scanner, level) {
            return .routine
        }
        return .app(appLine(scanner, object, f, at: at))
    }

    private static func collect(_ s: JSONScanner, _ ks: Int, _ ke: Int, _ v: JSONScanner.Value, into f: inout Fields, topLevel: Bool) {
        switch ke - ks {
        case 3:
            if s.key(ks, ke, is: "msg") { f.message = f.message ?? v } else if s.key(ks, ke, is: "env") || s.key(ks, ke, is: "ENV") { f.environment = v } else if topLevel, s.key(ks, ke, is: "lvl") { f.level = v }
        case 4:
            if topLevel, s.key(ks, ke, is: "time") { f.time = v } else if s.key(ks, ke, is: "idle") { f.gaugeFields.append(("idle", v)); f.poolGauge = true } else if s.key(ks, ke, is: "size") { f.gaugeFields.append(("size", v)) }
        case 5:
            if s.key(ks, ke, is: "level") { f.level = f.level ?? v } else if s.key(ks, ke, is: "check") { f.check = v }
        case 6:
            if s.key(ks, ke, is: "status") { f.status = v } else if s.key(ks, ke, is: "rss_mb") { f.gaugeFields.append(("rss_mb", v)); f.memoryGauge = true }
        case 7:
            if s.key(ks, ke, is: "message") { f.message = v } else if s.key(ks, ke, is: "version") { f.version = v } else if s.key(ks, ke, is: "waiting") { f.gaugeFields.append(("waiting", v)); f.poolGauge = true } else if s.key(ks, ke, is: "heap_mb") { f.gaugeFields.append(("heap_mb", v)); f.memoryGauge = true } else if s.key(ks, ke, is: "app_env") || s.key(ks, ke, is: "APP_ENV") { f.environment = v }
        case 8:
            if s.key(ks, ke, is: "NODE_ENV") || s.key(ks, ke, is: "node_env") { f.environment = f.environment ?? v } else if s.key(ks, ke, is: "graphiql") { f.playground = v } else if s.key(ks, ke, is: "severity") { f.level = f.level ?? v } else if s.key(ks, ke, is: "limit_mb") { f.gaugeFields.append(("limit_mb", v)) }
        case 9:
            if s.key(ks, ke, is: "RAILS_ENV") || s.key(ks, ke, is: "rails_env") { f.environment = f.environment ?? v } else if topLevel, s.key(ks, ke, is: "timestamp") { f.time = v } else if s.key(ks, ke, is: "log.level") { f.level = f.level ?? v }
        case 10:
            if s.key(ks, ke, is: "playground") { f.playground = v }
        case 11:
            if s.key(ks, ke, is: "environment") || s.key(ks, ke, is: "ENVIRONMENT") || s.key(ks, ke, is: "Environment") { f.environment = v } else if s.key(ks, ke, is: "status_code") { f.status = f.status ?? v } else if s.key(ks, ke, is: "detail-type") { f.detailType = v }
        case 18:
            if s.key(ks, ke, is: "graphql_playground") { f.playground = v }
        case 22:
            // OpenTelemetry's resource attribute
            if s.key(ks, ke, is: "deployment.environment") { f.environment = f.environment ?? v }
        default:
            break
        }
    }

    /// `INFO`, `info`, `Information`, `DEBUG`, `TRACE` (and numeric bunyan/pino levels below 40).
    static func isRoutine(_ s: JSONScanner, _ v: JSONScanner.Value) -> Bool {
        if v.kind == .number { return (s.int64(v) ?? 50) < 40 }
        guard v.kind == .string, v.end - v.start >= 6 else { return false }
        let c = s.bytes[v.start + 1] | 0x20
        let d = s.bytes[v.start + 2] | 0x20
        // info / information, debug, trace
        return (c == 0x69 && d == 0x6E) || (c == 0x64 && d == 0x65) || (c == 0x74 && d == 0x72)
    }

    private static func appLine(_ s: JSONScanner, _ object: JSONScanner.Value, _ f: Fields, at: Timestamp) -> AppLine {
        let level = f.level.flatMap { normaliseLevel(s, $0) }
        let text = f.message.flatMap { EventFields.text(s, $0) } ?? String(decoding: UnsafeBufferPointer(rebasing: s.bytes[object.start..<object.end]), as: UTF8.self)
        var configuration: TaskConfiguration?
        if f.environment != nil || f.playground != nil {
            configuration = TaskConfiguration(environment: f.environment.flatMap { EventFields.text(s, $0) },
                                              version: f.version.flatMap { EventFields.text(s, $0) },
                                              playground: f.playground.flatMap { truthy(s, $0) })
        }
        var gauge: Gauge?
        if f.memoryGauge || f.poolGauge {
            var fields: [String: Double] = [:]
            // Room for every field at once (growing from empty rehashed it twice); the stored
            // JSON sorts its keys, so the dictionary's own order never shows.
            fields.reserveCapacity(f.gaugeFields.count)
            for (key, v) in f.gaugeFields {
                guard let d = s.double(v), d.isFinite else { continue }
                fields[key] = d
            }
            gauge = Gauge(kind: f.memoryGauge ? .memory : .pool, fields: fields)
        }
        var innerTime: Timestamp?
        if let t = f.time, t.kind == .string, let ms = ISO8601Scanner.parse(s.bytes, from: t.start + 1, to: t.end - 1) {
            innerTime = Timestamp(millis: ms)
        }
        return AppLine(level: level, text: text, configuration: configuration, gauge: gauge, innerTime: innerTime)
    }

    private static func truthy(_ s: JSONScanner, _ v: JSONScanner.Value) -> Bool? {
        if let b = s.bool(v) { return b }
        if let text = EventFields.text(s, v)?.lowercased() { return ["true", "1", "yes", "on", "enabled"].contains(text) }
        return nil
    }

    private static func normaliseLevel(_ s: JSONScanner, _ v: JSONScanner.Value) -> String? {
        if v.kind == .number, let n = s.int64(v) {
            // bunyan / pino numeric levels
            switch n {
            case ..<20: return "trace"
            case 20..<30: return "debug"
            case 30..<40: return "info"
            case 40..<50: return "warn"
            case 50..<60: return "error"
            default: return "fatal"
            }
        }
        if let known = knownLevel(s, v) { return known }
        guard let text = EventFields.text(s, v)?.lowercased() else { return nil }
        switch text {
        case "trace": return "trace"
        case "debug": return "debug"
        case "info", "information", "notice": return "info"
        case "warn", "warning": return "warn"
        case "error", "err": return "error"
        case "fatal", "critical", "crit", "panic", "dpanic", "emergency", "alert": return "fatal"
        default: return text
        }
    }

    /// `normaliseLevel` of a string of ASCII letters naming a known level (`INFO`, `Warning`...),
    /// without building and lowercasing a String; nil for anything else.
    private static func knownLevel(_ s: JSONScanner, _ v: JSONScanner.Value) -> String? {
        let count = v.end - v.start - 2
        guard v.kind == .string, count >= 3, count <= 11 else { return nil }
        // The letters, lowercased, in one word and a half (ASCII letters only: `| 0x20` lowercases them).
        var low: UInt64 = 0, high: UInt64 = 0
        for k in 0..<count {
            let c = s.bytes[v.start + 1 + k]
            guard (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) else { return nil }
            if k < 8 { low |= UInt64(c | 0x20) << UInt64(8 * k) } else { high |= UInt64(c | 0x20) << UInt64(8 * (k - 8)) }
        }
        func spelled(_ name: StaticString) -> Bool {
            guard name.utf8CodeUnitCount == count else { return false }
            var l: UInt64 = 0, h: UInt64 = 0
            for k in 0..<count {
                let c = UInt64(name.utf8Start[k])
                if k < 8 { l |= c << UInt64(8 * k) } else { h |= c << UInt64(8 * (k - 8)) }
            }
            return l == low && h == high
        }
        if spelled("info") || spelled("information") || spelled("notice") { return "info" }
        if spelled("debug") { return "debug" }
        if spelled("trace") { return "trace" }
        if spelled("warn") || spelled("warning") { return "warn" }
        if spelled("error") || spelled("err") { return "error" }
        if spelled("fatal") || spelled("critical") || spelled("crit") || spelled("panic") || spelled("dpanic")
            || spelled("emergency") || spelled("alert") { return "fatal" }
        return nil
    }

    private static func readEvent(_ scanner: JSONScanner, _ object: JSONScanner.Value, at: Timestamp) -> Content? {
        guard let value = JSONValue.parse(UnsafeBufferPointer(rebasing: scanner.bytes[object.start..<object.end])),
              let detailType = value["detail-type"]?.string else { return nil }
        switch detailType {
        case "ECS Task State Change":
            return TaskStateChange.parse(event: value, fallbackTime: at).map(Content.taskState)
        case "ECS Deployment State Change", "ECS Service Action":
            return ServiceEvent.parse(event: value, detailType: detailType, fallbackTime: at).map(Content.service)
        default:
            return nil
        }
    }
}
