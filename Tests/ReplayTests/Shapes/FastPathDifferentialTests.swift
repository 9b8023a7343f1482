import Testing
@testable import Replay

/// The shortcuts of the per-line reading give exactly what the general path gives, for seeded
/// lines of every kind, damaged ones included: the same events (time, group, stream, id,
/// message bytes, dedup key, what the message says) and the same problems, in the same order.
///
/// The shortcuts exist only for speed (the routine line is read in one pass, without building
/// anything); a difference here would change stored rows or dedup keys in users' databases.
@Suite struct FastPathDifferentialTests {
    static let linesPerSeed = 4000
    static let messagesPerSeed = 12000

    /// What a message says, as text (gauge fields sorted: a dictionary's order differs between instances).
    static func describe(_ content: MessageReader.Content) -> String {
        guard case .app(let line) = content else { return "\(content)" }
        let gauge = line.gauge.map { "\($0.kind) \($0.fields.sorted { $0.key < $1.key })" } ?? "-"
        return "app level \(line.level ?? "-") text \(line.text) configuration \(String(describing: line.configuration)) "
            + "gauge \(gauge) inner time \(String(describing: line.innerTime))"
    }

    /// What an event carries on to the store, as text; `shortcuts` picks the message reading.
    static func describe(_ view: EventView, shortcuts: Bool) -> String {
        let at = Timestamp(millis: view.timestampMillis)
        let content = shortcuts ? view.readContent() : MessageReader.readInFull(view.message, at: at)
        if case .routine = content {
            // Only counted, by its routine key; with the shortcuts its message may not even be decoded
            // (`EscapedRoutineTemplate`), so the key is what must agree.
            return "line \(view.line) at \(view.timestampMillis) group \(view.logGroup ?? "-") stream \(view.logStream ?? "-") "
                + "id \(view.eventId ?? "-") routine key \(view.routineKey) says routine"
        }
        if view.isKnownRoutine { return "known routine, but read as \(describe(content))" }
        let key = StableHash.eventKey(stream: view.logStream, millis: view.timestampMillis, message: view.message)
        // The key the view gives (the stream's part kept from the previous line) is the same.
        if shortcuts, view.contentKey != key { return "contentKey \(view.contentKey) differs from \(key)" }
        return "line \(view.line) at \(view.timestampMillis) key \(key) group \(view.logGroup ?? "-") stream \(view.logStream ?? "-") "
            + "id \(view.eventId ?? "-") message \(Array(view.message)) says \(describe(content))"
    }

    /// Reads `records` one by one as a reader thread would, with or without the shortcuts.
    static func read(_ records: [[UInt8]], origin: RecordFramer.Origin, shortcuts: Bool) -> [String] {
        var out: [String] = []
        let context = ShapeContext(path: "exports/group-folder/f.jsonl", displayPath: "f", logGroupOverride: nil)
        var detector = ShapeDetector(context: context, emit: { view in
            out.append(describe(view, shortcuts: shortcuts))
        }, problem: { kind, line, detail in
            out.append("problem line \(line) \(kind.rawValue): \(detail)")
        })
        detector.singleEventShortcut = shortcuts
        for (k, record) in records.enumerated() {
            record.withUnsafeBufferPointer { detector.record($0, line: k + 1, origin: origin) }
        }
        out.append("shapes \(detector.shapeCounts.sorted { $0.key < $1.key })")
        return out
    }

    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func eventLinesReadTheSameWithAndWithoutShortcuts(seed: UInt64) {
        var generator = LineGenerator(seed: seed)
        let records = (0..<Self.linesPerSeed).map { _ in generator.line() }
        for origin in [RecordFramer.Origin.whole, .documentEvent] {
            let fast = Self.read(records, origin: origin, shortcuts: true)
            let general = Self.read(records, origin: origin, shortcuts: false)
            #expect(fast.count == general.count, "seed \(seed) \(origin): \(fast.count) results against \(general.count)")
            if let k = fast.indices.first(where: { $0 < general.count && fast[$0] != general[$0] }) {
                Issue.record("seed \(seed) \(origin): first difference\n  shortcut: \(fast[k])\n  general:  \(general[k])")
            }
            // The comparison means something only if most lines are events and many are routine.
            let routine = fast.filter { $0.hasSuffix("says routine") }.count
            #expect(routine > Self.linesPerSeed / 4, "seed \(seed): only \(routine) routine lines")
            #expect(fast.filter { $0.hasPrefix("problem") }.count > Self.linesPerSeed / 50, "seed \(seed): too few damaged lines")
        }
    }

    /// Shape A lines of request logs as a service writes them, line after line the same keys with
    /// other values, now and then a line that differs elsewhere (its level, a key, spacing, an
    /// escape, non-ASCII text, a value of another kind) or is damaged: many are known routine from
    /// their escaped bytes (`EscapedRoutineTemplate`), and must say and key exactly what the
    /// general reading, which decodes every message, says and keys.
    @Test(arguments: [11, 12, 13, 14] as [UInt64])
    func requestLogLinesReadTheSameWithAndWithoutShortcuts(seed: UInt64) {
        var generator = LineGenerator(seed: seed)
        var records: [[UInt8]] = []
        var millis: Int64 = 1_774_137_602_491
        for n in 0..<Self.linesPerSeed {
            millis += Int64(generator.int(0...900))
            let path = generator.pick(["/api/v1/markets", "/api/v1/orders", "/a b", "", "/x?q=1&r=2", #"/caf\u00e9"#, #"/\"q\""#, #"/p\\q"#, "/café"])
            var message = #"{"timestamp":"2026-03-22T00:00:0\#(generator.int(0...9)).\#(generator.int(0...999999))Z","level":"\#(generator.pick(["INFO", "INFO", "INFO", "info", "DEBUG", "WARN"]))","fields":{"message":"request completed","method":"\#(generator.pick(["GET", "POST"]))","path":"\#(path)","status":\#(generator.pick(["200", "503", "-1", "2e2", "\"200\""])),"latency_ms":\#(generator.int(0...999))},"target":"merxex::http"}"#
            if generator.chance(0.05) { message = message.replacingOccurrences(of: ",\"target\"", with: generator.pick([", \"target\"", ",\"tarket\"", ",\"env\"", ",\"target\":1,\"x\""])) }
            var bytes = Array(message.utf8)
            if generator.chance(0.03) { bytes = generator.damage(bytes) }
            let stream = n % 300 < 250 ? "ecs/app/0017cdaaa49664afb4f65935c131bb41" : "ecs/app/4b1f0c2e9a7d4e0f8d1c2b3a4f5e6d7c"
            records.append(Array(#"{"timestamp":\#(millis),"logGroup":"/ecs/x","logStream":"\#(stream)","message":""#.utf8)
                           + generator.escaped(bytes) + Array(#""}"#.utf8))
        }
        var known = 0
        let context = ShapeContext(path: "exports/group-folder/f.jsonl", displayPath: "f", logGroupOverride: nil)
        var counter = ShapeDetector(context: context, emit: { view in
            if view.isKnownRoutine { known += 1 }
            _ = view.readContent()  // as a reader does: a routine reading makes the next template
        }, problem: { _, _, _ in })
        for (k, record) in records.enumerated() { record.withUnsafeBufferPointer { counter.record($0, line: k + 1, origin: .whole) } }
        let fast = Self.read(records, origin: .whole, shortcuts: true)
        let general = Self.read(records, origin: .whole, shortcuts: false)
        #expect(fast.count == general.count)
        if let k = fast.indices.first(where: { $0 < general.count && fast[$0] != general[$0] }) {
            Issue.record("seed \(seed): first difference\n  shortcut: \(fast[k])\n  general:  \(general[k])")
        }
        #expect(known > records.count / 20, "seed \(seed): only \(known) of \(records.count) lines known routine from their escaped bytes")
        #expect(fast.filter { $0.hasSuffix("says routine") }.count < records.count * 9 / 10, "seed \(seed): too few lines that are not routine")
    }

    @Test(arguments: [5, 6, 7, 8] as [UInt64])
    func messageRunsReadTheSameWithTheMemoAsInFull(seed: UInt64) {
        var generator = LineGenerator(seed: seed)
        let keys = RoutineLine.Keys()
        var routine = 0, count = 0
        while count < Self.messagesPerSeed {
            for message in generator.messageRun() {
                message.withUnsafeBufferPointer { bytes in
                    let at = Timestamp(millis: 1_774_137_602_491)
                    let fast = Self.describe(MessageReader.read(bytes, at: at, routineKeys: keys))
                    let full = Self.describe(MessageReader.readInFull(bytes, at: at))
                    #expect(fast == full, "seed \(seed), message \(count): \(String(decoding: bytes, as: UTF8.self))")
                    if full == "routine" { routine += 1 }
                }
                count += 1
            }
        }
        #expect(routine > Self.messagesPerSeed / 4, "seed \(seed): only \(routine) routine messages")
    }

    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func messagesReadTheSameWithAndWithoutTheRoutineShortcut(seed: UInt64) {
        var generator = LineGenerator(seed: seed)
        var routine = 0
        for n in 0..<Self.messagesPerSeed {
            let message = generator.message()
            message.withUnsafeBufferPointer { bytes in
                let at = Timestamp(millis: 1_774_137_602_491)
                let fast = Self.describe(MessageReader.read(bytes, at: at))
                let full = Self.describe(MessageReader.readInFull(bytes, at: at))
                #expect(fast == full, "seed \(seed), message \(n): \(String(decoding: bytes, as: UTF8.self))")
                if full == "routine" { routine += 1 }
            }
        }
        #expect(routine > Self.messagesPerSeed / 5, "seed \(seed): only \(routine) routine messages")
    }
}
