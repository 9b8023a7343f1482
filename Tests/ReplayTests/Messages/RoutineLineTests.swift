import Testing
@testable import Replay

/// `RoutineLine` and its memo: the cases the seeded differential tests meet rarely, pinned.
@Suite struct RoutineLineTests {
    /// Reads `messages` in order with one memo; each must read as `readInFull` reads it, and as `expected` says.
    static func read(_ messages: [String], expected: [Bool]) {
        let keys = RoutineLine.Keys()
        for (message, routine) in zip(messages, expected) {
            Array(message.utf8).withUnsafeBufferPointer { bytes in
                let at = Timestamp(millis: 1_774_137_602_491)
                let withMemo = MessageReader.read(bytes, at: at, routineKeys: keys)
                let inFull = MessageReader.readInFull(bytes, at: at)
                #expect(FastPathDifferentialTests.describe(withMemo) == FastPathDifferentialTests.describe(inFull), "\(message)")
                if case .routine = inFull { #expect(routine, "\(message)") } else { #expect(!routine, "\(message)") }
            }
        }
    }

    @Test func aRepeatedLineIsRoutineWhenItsFirstReadingWas() {
        let line = #"{"timestamp":"2026-03-22T00:00:02.491306Z","level":"INFO","fields":{"message":"request completed","status":200},"target":"x"}"#
        Self.read([line, line, line.replacingOccurrences(of: "200", with: "503")], expected: [true, true, true])
    }

    @Test func aChangedLevelIsReadAgainNotTakenFromTheMemo() {
        Self.read([#"{"level":"INFO","a":1}"#, #"{"level":"ERROR","a":1}"#, #"{"level":"INFO","a":2}"#, #"{"level":"WARN","a":2}"#],
                  expected: [true, false, true, false])
    }

    @Test func aLevelInsideFieldsIsKeptWhenTheWholeObjectRepeats() {
        let line = #"{"fields":{"level":"debug","path":"/a"},"target":"x"}"#
        Self.read([line, line, #"{"fields":{"level":"error","path":"/a"},"target":"x"}"#, line], expected: [true, true, false, true])
    }

    @Test func membersThatMoveAreReadAgain() {
        Self.read([#"{"x":1,"level":"INFO"}"#, #"{"xx":1,"level":"INFO"}"#, #"{"xx":1,"level":"ERROR"}"#, #"{"level":"ERROR","xx":1}"#,
                   #"{"level":"INFO","xx":1}"#, #"{"lvl":"INFO","level":"ERROR","xx":1}"#, #"{"level":"ERROR","lvl":"INFO","xx":1}"#],
                  expected: [true, true, false, false, true, true, true])
    }

    @Test func aConfigurationOrGaugeKeyAfterRepeatedMembersKeepsTheLine() {
        let routine = #"{"level":"INFO","fields":{"message":"pool","size":20}}"#
        Self.read([routine, #"{"level":"INFO","fields":{"message":"pool","size":20,"idle":3}}"#, routine,
                   #"{"level":"INFO","fields":{"message":"pool","size":20},"environment":"development"}"#],
                  expected: [true, false, true, false])
    }

    @Test func aSecondFieldsObjectIsLeftToTheFullReadingEvenWhenTheMemoKnowsIt() {
        // The full reading takes the last `fields` object: its level is `error`, so the line is kept,
        // though its members repeat, whole, those of a line the memo knows.
        Self.read([#"{"a":{"x":1},"b":2,"fields":{"level":"error"}}"#, #"{"fields":{"level":"info"},"b":2,"fields":{"level":"error"}}"#],
                  expected: [false, false])
    }

    @Test func aProbeIsNotRoutineWhateverTheMemoHolds() {
        Self.read([#"{"level":"info","check":"x","a":1}"#, #"{"level":"info","check":"x","status":200}"#], expected: [true, false])
    }

    @Test func aProbeIsReadByTheProbeReaderStraightAwayAsTheFullReadingReadsIt() {
        let at = Timestamp(millis: 1_774_137_602_491)
        let cases: [(message: String, probeShaped: Bool)] = [
            (#"{"check":"health","url":"https://x.example/health","status":200,"latency_ms":12}  "#, true),
            (#"{"check":"graphql_exposure","status_code":404,"body":{"status":"ok"}}"#, true),
            // An ECS event that happens to carry both keys is the full reading's, as is a damaged end.
            (#"{"detail-type":"ECS Task State Change","check":"x","status":200}"#, false),
            (#"{"check":"health","status":200"#, false),
        ]
        for (message, probeShaped) in cases {
            Array(message.utf8).withUnsafeBufferPointer { bytes in
                let verdict = RoutineLine.classify(JSONScanner(bytes), objectAt: 0)
                if probeShaped {
                    guard case .probeShaped = verdict else { Issue.record("\(message): \(verdict)"); return }
                } else {
                    #expect(verdict == .unknown, "\(message)")
                }
                let fast = MessageReader.read(bytes, at: at, routineKeys: RoutineLine.Keys())
                let full = MessageReader.readInFull(bytes, at: at)
                #expect(String(describing: fast) == String(describing: full), "\(message)")
                if probeShaped, case .probe = fast {} else if probeShaped { Issue.record("\(message) is not read as a probe") }
            }
        }
    }

    @Test func aDamagedEndIsLeftToTheFullReading() {
        let line = #"{"level":"INFO","fields":{"message":"ok"},"target":"x"}"#
        Self.read([line, line + " x", String(line.dropLast()), line + " "], expected: [true, false, false, true])
    }

    @Test func membersShorterThanTheMemosAreReadAgain() {
        Self.read([#"{"level":"INFO","target":"merxex::http"}"#, #"{"level":"INFO","target":"x"}"#, #"{"level":"INFO","t":1}"#,
                   #"{"level":"INFO"}"#, #"{"level":"IN"}"#, #"{"level":"INFO"}"#],
                  expected: [true, true, true, true, false, true])
    }

    @Test func keptLinesHaveTheirLevelNormalisedWhateverItsCase() {
        let table = ["trace": "trace", "debug": "debug", "info": "info", "information": "info", "notice": "info",
                     "warn": "warn", "warning": "warn", "error": "error", "err": "error", "fatal": "fatal", "critical": "fatal",
                     "crit": "fatal", "panic": "fatal", "dpanic": "fatal", "emergency": "fatal", "alert": "fatal"]
        var rng = SeededGenerator(seed: 29)
        let others = ["verbose", "Fehler", "ÉRROR", "warn ", "in fo", "e\\u0072ror", "x", "WARNINGS", "errr"]
        for name in Array(table.keys) + others {
            for _ in 0..<4 {
                let spelled = String(name.map { Bool.random(using: &rng) ? Character($0.uppercased()) : $0 })
                let message = #"{"level":"\#(spelled)","msg":"m","rss_mb":1}"#
                Array(message.utf8).withUnsafeBufferPointer { bytes in
                    guard case .app(let line) = MessageReader.readInFull(bytes, at: Timestamp(millis: 1_774_137_602_491)) else {
                        Issue.record("not an app line: \(message)")
                        return
                    }
                    let text = JSONScanner(bytes).string(JSONScanner.Value(kind: .string, start: 9, end: 10 + spelled.utf8.count + 1))
                    #expect(line.level == (table[spelled.lowercased()] ?? text?.lowercased()), "\(message)")
                }
            }
        }
    }
}
