import Foundation
import Testing
@testable import Replay

/// A seeded, time-bounded fuzz of the line framer, shape detection and message parsing together.
///
/// Mutated export lines of every shape (bytes flipped, inserted, deleted, slices
/// repeated, cut short) go through `RecordFramer` -> `ShapeDetector` ->
/// `MessageReader`, fed in random chunk sizes. The properties: nothing traps,
/// the result does not depend on where the chunks were cut, and a valid line on
/// a line of its own is always found whatever garbage surrounds it. Seeds are
/// fixed, so a failure replays exactly; each run stops after `budget` seconds.
@Suite struct RecordFuzzTests {
    static let budget: TimeInterval = 4
    static let maxRecordBytes = 4096

    /// Valid records of every shape (one per line), the mutation seeds.
    static let corpus: [String] = [
        #"{"timestamp":1774184000123,"logGroup":"/ecs/x","logStream":"ecs/app/4b1f0c2e9a7d4e0f8d1c2b3a4f5e6d7c","eventId":"381650921348","message":"{\"timestamp\":\"2026-03-22T12:53:20.123456Z\",\"level\":\"ERROR\",\"fields\":{\"message\":\"db pool\",\"size\":20,\"idle\":0,\"waiting\":37},\"target\":\"sqlx::pool\"}"}"#,
        #"{"timestamp":"2026-03-22T12:53:20.123Z","logStreamName":"ecs/app/4b1f","id":"7","message":"thread 'tokio' panicked at src/db/pool.rs:88:14:"}"#,
        #"{"messageType":"DATA_MESSAGE","owner":"1","logGroup":"/ecs/x","logStream":"ecs/app/4b1f","subscriptionFilters":["s3"],"logEvents":[{"id":"1","timestamp":1774184000123,"message":"{\"level\":\"warn\",\"msg\":\"slow\"}"},{"id":"2","timestamp":1774184000124,"message":"plain"}]}"#,
        #"{"events":[{"logStreamName":"ecs/app/4b1f","timestamp":1774184000123,"message":"{\"check\":\"health\",\"url\":\"https://x/health\",\"status\":0,\"error\":\"connection refused\"}","eventId":"9"}],"searchedLogStreams":[]}"#,
        #"2026-03-22T12:53:20.123Z {"time":"2026-03-22T12:53:20Z","level":"error","msg":"boom","environment":"development","graphql_playground":true}"#,
        #"{"timestamp":1774184000123,"message":"{\"version\":\"0\",\"detail-type\":\"ECS Task State Change\",\"source\":\"aws.ecs\",\"time\":\"2026-03-22T12:53:04Z\",\"detail\":{\"taskArn\":\"arn:aws:ecs:us-east-1:1:task/prod/4b1f0c2e9a7d4e0f8d1c2b3a4f5e6d7c\",\"taskDefinitionArn\":\"arn:aws:ecs:us-east-1:1:task-definition/x:15\",\"lastStatus\":\"STOPPED\",\"stoppedAt\":\"2026-03-22T12:53:04.9Z\",\"containers\":[{\"name\":\"app\",\"exitCode\":137}]}}"}"#,
        #"{"timestamp":1774184000123,"message":"{\"version\":\"0\",\"detail-type\":\"ECS Deployment State Change\",\"time\":\"2026-03-22T04:34:00Z\",\"detail\":{\"eventName\":\"SERVICE_DEPLOYMENT_IN_PROGRESS\",\"deploymentId\":\"ecs-svc/1\"}}"}"#,
    ]

    /// What one pass produced: events (line, time, message, what it says) and problems (kind, line).
    struct Outcome: Equatable {
        var events: [String] = []
        var problems: [String] = []
    }

    /// Frames, detects and reads `bytes`, fed in chunks of the given sizes (cycled).
    static func run(_ bytes: [UInt8], chunks: [Int]) -> Outcome {
        var outcome = Outcome()
        var detector = ShapeDetector(context: ShapeContext(path: "in/fuzz/f.jsonl", displayPath: "f", logGroupOverride: nil), emit: { view in
            let content = MessageReader.read(view.message, at: Timestamp(millis: view.timestampMillis))
            let kind: String
            switch content {
            case .taskState: kind = "task"
            case .service: kind = "service"
            case .probe: kind = "probe"
            case .app: kind = "app"
            case .routine: kind = "routine"
            }
            outcome.events.append("\(view.line) \(view.timestampMillis) \(kind) \(String(decoding: view.message, as: UTF8.self))")
        }, problem: { kind, line, _ in
            outcome.problems.append("\(line) \(kind.rawValue)")
        })
        let framer = RecordFramer(maxRecordBytes: maxRecordBytes, onRecord: { record, line, origin in
            detector.record(record, line: line, origin: origin)
        }, onProblem: { kind, line, _ in
            outcome.problems.append("\(line) \(kind.rawValue)")
        })
        bytes.withUnsafeBufferPointer { all in
            var start = 0, k = 0
            while start < all.count {
                let n = min(max(1, chunks[k % chunks.count]), all.count - start)
                framer.feed(UnsafeBufferPointer(rebasing: all[start..<(start + n)]))
                start += n
                k += 1
            }
        }
        framer.finish()
        return outcome
    }

    static func mutate(_ input: [UInt8], _ rng: inout SeededGenerator) -> [UInt8] {
        var bytes = input
        for _ in 0..<Int.random(in: 1...6, using: &rng) where !bytes.isEmpty {
            let i = Int.random(in: 0..<bytes.count, using: &rng)
            switch Int.random(in: 0..<6, using: &rng) {
            case 0: bytes[i] = UInt8.random(in: 0...255, using: &rng)
            case 1: bytes.insert(Array("{}[]\":,\\\n\r\0 e-.9".utf8).randomElement(using: &rng)!, at: i)
            case 2: bytes.remove(at: i)
            case 3:
                let end = min(bytes.count, i + Int.random(in: 1...64, using: &rng))
                bytes.insert(contentsOf: bytes[i..<end], at: i)
            case 4: bytes.removeSubrange(i...)
            default: bytes[i] ^= 0x20
            }
        }
        return bytes
    }

    static func chunkSizes(_ rng: inout SeededGenerator) -> [Int] {
        (0..<8).map { _ in [1, 2, 3, 7, 64, 4096, 1 << 18].randomElement(using: &rng)! }
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func mutatedRecordsNeverTrapAndDoNotDependOnChunking(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let deadline = Date().addingTimeInterval(Self.budget)
        var cases = 0
        while Date() < deadline && cases < 3000 {
            var file: [UInt8] = []
            for _ in 0..<Int.random(in: 1...6, using: &rng) {
                file += Self.mutate(Array(Self.corpus.randomElement(using: &rng)!.utf8), &rng)
                if Bool.random(using: &rng) { file.append(0x0A) }
            }
            let whole = Self.run(file, chunks: [file.count])
            let chunked = Self.run(file, chunks: Self.chunkSizes(&rng))
            #expect(whole == chunked, "seed \(seed), case \(cases): chunking changed the result for \(Array(file.prefix(200)))")
            if whole != chunked { return }
            cases += 1
        }
        #expect(cases > 50, "too few cases within the time budget")
    }

    @Test(arguments: [11, 12] as [UInt64])
    func validLinesAmongGarbageLinesAreAlwaysFound(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let deadline = Date().addingTimeInterval(Self.budget)
        var cases = 0
        while Date() < deadline && cases < 1000 {
            // The first line is valid, so the framing is lines; garbage lines may hold anything but a newline.
            var file: [UInt8] = []
            var expected: [Int] = []
            var line = 1
            for k in 0..<Int.random(in: 2...12, using: &rng) {
                if k == 0 || Bool.random(using: &rng) {
                    file += Array(#"{"timestamp":\#(1_774_184_000_000 + line),"logStream":"s","message":"ERROR marker \#(line)"}"#.utf8)
                    expected.append(line)
                } else {
                    let junk = Bool.random(using: &rng) ? rng.bytes(Int.random(in: 0...300, using: &rng))
                        : Self.mutate(Array(Self.corpus.randomElement(using: &rng)!.utf8), &rng)
                    file += junk.map { $0 == 0x0A ? 0x20 : $0 }
                }
                file += Bool.random(using: &rng) ? [0x0A] : [0x0D, 0x0A]
                line += 1
            }
            let outcome = Self.run(file, chunks: Self.chunkSizes(&rng))
            let found = outcome.events.compactMap { e -> Int? in
                guard let r = e.range(of: "ERROR marker ") else { return nil }
                return Int(e[r.upperBound...])
            }
            #expect(Set(expected).isSubset(of: Set(found)), "seed \(seed), case \(cases): missing \(Set(expected).subtracting(found))")
            cases += 1
        }
        #expect(cases > 50, "too few cases within the time budget")
    }
}
