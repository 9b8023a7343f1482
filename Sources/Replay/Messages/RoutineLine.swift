/// Recognises a routine application line from its bytes, collecting and decoding nothing.
///
/// Nineteen lines in twenty are routine (structured, level trace/debug/info, neither a
/// configuration nor a gauge line): they are only counted. `MessageReader.readInFull` reads
/// them the way it reads every line, collecting the position of every member it knows into
/// `Fields` and then deciding; on the bench slice that was ~3 400 instructions a line. This
/// walks the object once, classifies each key by its length and bytes as it meets it, keeps
/// only the level, and gives up at the first key that makes a line worth keeping.
///
/// It answers "routine" or "not known", never "kept": a false answer sends the line to the
/// full reading, which decides as it always has. (`classify` also tells a probe-shaped object,
/// which `MessageReader.read` hands straight to `ProbeReader`, as the full reading would.) So it needs to be exact only where it says
/// "routine", and it says so only for a message the full reading's one-pass reader
/// (`readJSONOnePass`) accepts, with the result that reader would give:
/// - the same grammar: keys and values as `JSONScanner.members`/`value(at:)` read them
///   (literals spelled exactly, nested values skipped by bracket depth, at most
///   `nestedCapacity` members in `fields`), only spaces after the object;
/// - the same level: the last top-level `lvl`, else the first top-level `level`, `severity` or
///   `log.level`, else the first of those in `fields`/`attrs`;
/// - not an ECS event (`detail-type`) nor a probe (`check` and `status`/`status_code`) at the
///   top level, no configuration or gauge key (`collect`'s list) at either level.
/// A second `fields`/`attrs` object, which replaces the first in the full reading, is left to it.
/// `FastPathDifferentialTests` holds the two readings to the same answers on seeded lines.
///
/// With a reader thread's `Keys`, a key segment that repeats the one at the same position in
/// the previous message is known by comparing bytes (see `KeyMemo`): one service's routine
/// lines have the same keys in the same order. Before any walk, a message that repeats the last
/// routine message's bytes around values of the same kinds is routine by that alone
/// (`RoutineTemplate`): nine request lines in ten on the benchmark.
enum RoutineLine {
    /// A reader thread's memory of the previous message's keys: top level, and inside `fields`/`attrs`.
    final class Keys {
        /// Top-level keys are kept in the first 16 slots, those of `fields`/`attrs` after them.
        static let topSlots = 16
        let storage = KeyMemo.Storage(slots: Keys.topSlots + MessageReader.nestedCapacity)
        /// The last routine message's shape: the next message that fits it is routine without a walk.
        let templateStorage = LineTemplate.Storage()
        let template: RoutineTemplate
        /// The template as it appears inside an exported event's JSON string (`EventFields.scanEvent`).
        let escapedTemplate = EscapedRoutineTemplate()

        init() { template = RoutineTemplate(templateStorage.template) }
    }

    /// What a member's key means for the decision, as `MessageReader.collect` reads it.
    private enum Role: UInt8 {
        /// Not a key the decision depends on.
        case other
        /// `level`, `severity`, `log.level`: the level unless one was found before.
        case level
        /// Top-level `lvl`: the level, whatever was found before.
        case overridingLevel
        /// Top-level `fields` or `attrs`: its members are read as well (when it is an object).
        case nested
        /// Top-level `check`, `status` or `status_code`: with both, the line may be a probe.
        case check, status
        /// A configuration or gauge key, or `detail-type`: the line is not routine.
        case disqualifying
    }

    /// True when `MessageReader.readInFull` reads `scanner`'s bytes as `.routine`; false when
    /// that is not known. `start` is the index of the first `{`, after any leading spaces; the
    /// scanner must span the whole message (only spaces may follow the object).
    static func recognises(_ scanner: JSONScanner, objectAt start: Int, keys: Keys? = nil) -> Bool {
        classify(scanner, objectAt: start, keys: keys) == .routine
    }

    /// What the walk of a message's object found.
    enum Verdict: Equatable {
        /// `MessageReader.readInFull` reads it as `.routine`.
        case routine
        /// A well-formed object (as the one-pass reader reads it) with a top-level `check` and
        /// `status` (or `status_code`), no `detail-type`, no configuration or gauge key:
        /// `readInFull` gives it to `ProbeReader.read` whole, and keeps what that settles.
        /// `objectEnd`: the index after its `}`.
        case probeShaped(objectEnd: Int)
        /// Neither is known.
        case unknown
    }

    /// `recognises`, telling probe-shaped objects apart from the rest of what it does not settle.
    /// With `keys`: first the template of the last routine message, then the walk, which makes a
    /// routine message the next template.
    static func classify(_ scanner: JSONScanner, objectAt start: Int, keys: Keys? = nil) -> Verdict {
        let template = keys?.template ?? RoutineTemplate.none
        if template.matches(scanner, objectAt: start) { return .routine }
        let verdict = walk(scanner, objectAt: start, memo: keys?.storage.memo ?? KeyMemo.none, template: template)
        if verdict == .routine { template.keep(scanner, objectAt: start) }
        return verdict
    }

    /// `classify` without the template: the walk of the object's members, noting into `template`
    /// the values a template would cut out.
    private static func walk(_ scanner: JSONScanner, objectAt start: Int, memo: KeyMemo, template: RoutineTemplate) -> Verdict {
        template.beginWalk()
        let bytes = scanner.bytes
        let end = scanner.end
        guard let base = bytes.baseAddress else { return .unknown }
        var position = 0
        var level: JSONScanner.Value?
        var nestedLevel: JSONScanner.Value?
        var sawCheck = false, sawStatus = false, sawNested = false
        var i = scanner.skipSpace(start + 1)
        // `{}` has no level: not routine.
        guard i < end, bytes[i] != 0x7D else { return .unknown }
        while true {
            var j: Int
            let role: Role
            if position < Keys.topSlots, let known = memo.segment(position, in: base, at: i, end: end) {
                role = Role(rawValue: known.tag) ?? .other
                j = scanner.skipSpace(i + known.length)
            } else {
                guard i < end, bytes[i] == 0x22, let keyEnd = scanner.stringEnd(from: i) else { return .unknown }
                j = scanner.skipSpace(keyEnd)
                guard j < end, bytes[j] == 0x3A else { return .unknown }
                j = scanner.skipSpace(j + 1)
                role = self.role(scanner, i + 1, keyEnd - 1, topLevel: true)
                if position < Keys.topSlots { memo.remember(position, base, from: i, to: j, tag: role.rawValue) }
            }
            position += 1
            guard j < end else { return .unknown }
            let valueEnd: Int
            if role == .nested, bytes[j] == 0x7B {
                guard !sawNested, let e = nestedMembers(scanner, objectAt: j, level: &nestedLevel, memo: memo, template: template) else {
                    return .unknown
                }
                sawNested = true
                valueEnd = e
            } else {
                guard let v = scanner.memberValue(at: j) else { return .unknown }
                switch role {
                case .level: if level == nil { level = v }
                case .overridingLevel: level = v
                case .check: sawCheck = true; template.noteValue(v)
                case .status: sawStatus = true; template.noteValue(v)
                case .disqualifying: return .unknown
                case .nested, .other: template.noteValue(v)
                }
                valueEnd = v.end
            }
            j = scanner.skipSpace(valueEnd)
            guard j < end else { return .unknown }
            if bytes[j] == 0x2C {
                i = scanner.skipSpace(j + 1)
                continue
            }
            guard bytes[j] == 0x7D, scanner.skipSpace(j + 1) == end else { return .unknown }
            if sawCheck && sawStatus { return .probeShaped(objectEnd: j + 1) }
            break
        }
        guard let chosen = level ?? nestedLevel else { return .unknown }
        return MessageReader.isRoutine(scanner, chosen) ? .routine : .unknown
    }

    /// Walks the `fields`/`attrs` object at `start` as `JSONScanner.members(ofObjectAt:)` does and
    /// returns the index after it; nil when it is malformed, has more members than the full
    /// reading keeps (`MessageReader.nestedCapacity`) or holds a configuration or gauge key.
    private static func nestedMembers(_ scanner: JSONScanner, objectAt start: Int, level: inout JSONScanner.Value?,
                                      memo: KeyMemo, template: RoutineTemplate) -> Int? {
        let bytes = scanner.bytes
        let end = scanner.end
        guard let base = bytes.baseAddress else { return nil }
        var i = scanner.skipSpace(start + 1)
        if i < end, bytes[i] == 0x7D { return i + 1 }
        var count = 0
        while i < end {
            var j: Int
            let role: Role
            if let known = memo.segment(Keys.topSlots + count, in: base, at: i, end: end) {
                role = Role(rawValue: known.tag) ?? .other
                j = scanner.skipSpace(i + known.length)
            } else {
                guard bytes[i] == 0x22, let keyEnd = scanner.stringEnd(from: i) else { return nil }
                j = scanner.skipSpace(keyEnd)
                guard j < end, bytes[j] == 0x3A else { return nil }
                j = scanner.skipSpace(j + 1)
                role = self.role(scanner, i + 1, keyEnd - 1, topLevel: false)
                memo.remember(Keys.topSlots + count, base, from: i, to: j, tag: role.rawValue)
            }
            count += 1
            guard count <= MessageReader.nestedCapacity, let v = scanner.memberValue(at: j) else { return nil }
            switch role {
            case .level: if level == nil { level = v }
            case .disqualifying: return nil
            default: template.noteValue(v)
            }
            j = scanner.skipSpace(v.end)
            guard j < end else { return nil }
            if bytes[j] == 0x2C {
                i = scanner.skipSpace(j + 1)
                continue
            }
            return bytes[j] == 0x7D ? j + 1 : nil
        }
        return nil
    }

    /// The role of the key `ks..<ke` (as written, escapes unresolved), after `MessageReader.collect`.
    @inline(__always) private static func role(_ s: JSONScanner, _ ks: Int, _ ke: Int, topLevel: Bool) -> Role {
        switch ke - ks {
        case 3:
            if s.key(ks, ke, is: "env") || s.key(ks, ke, is: "ENV") { return .disqualifying }
            if topLevel, s.key(ks, ke, is: "lvl") { return .overridingLevel }
        case 4:
            if s.key(ks, ke, is: "idle") { return .disqualifying }
        case 5:
            if s.key(ks, ke, is: "level") { return .level }
            if topLevel, s.key(ks, ke, is: "check") { return .check }
            if topLevel, s.key(ks, ke, is: "attrs") { return .nested }
        case 6:
            if topLevel, s.key(ks, ke, is: "fields") { return .nested }
            if topLevel, s.key(ks, ke, is: "status") { return .status }
            if s.key(ks, ke, is: "rss_mb") { return .disqualifying }
        case 7:
            // `heap_mb` is a memory gauge like `rss_mb` (a Node.js service's heap, say): `collect` keeps the line.
            if s.key(ks, ke, is: "waiting") || s.key(ks, ke, is: "heap_mb") || s.key(ks, ke, is: "app_env") || s.key(ks, ke, is: "APP_ENV") {
                return .disqualifying
            }
        case 8:
            if s.key(ks, ke, is: "severity") { return .level }
            if s.key(ks, ke, is: "NODE_ENV") || s.key(ks, ke, is: "node_env") || s.key(ks, ke, is: "graphiql") { return .disqualifying }
        case 9:
            if s.key(ks, ke, is: "log.level") { return .level }
            if s.key(ks, ke, is: "RAILS_ENV") || s.key(ks, ke, is: "rails_env") { return .disqualifying }
        case 10:
            if s.key(ks, ke, is: "playground") { return .disqualifying }
        case 11:
            if s.key(ks, ke, is: "environment") || s.key(ks, ke, is: "ENVIRONMENT") || s.key(ks, ke, is: "Environment") { return .disqualifying }
            if topLevel, s.key(ks, ke, is: "status_code") { return .status }
            if topLevel, s.key(ks, ke, is: "detail-type") { return .disqualifying }
        case 18:
            if s.key(ks, ke, is: "graphql_playground") { return .disqualifying }
        case 22:
            if s.key(ks, ke, is: "deployment.environment") { return .disqualifying }
        default:
            break
        }
        return .other
    }
}
