import Foundation
import GRDB
import Testing
@testable import Replay

/// A memory reading is a gauge whichever name it goes by: `rss_mb`, or `heap_mb` (a Node.js
/// service's heap). It is kept, with its fields, and never taken for a routine line.
@Suite struct MemoryGaugeTests {
    static let heapLine = #"{"level":"INFO","fields":{"message":"memory","heap_mb":900,"limit_mb":1024}}"#

    /// The gauge `bytes` read as: every way of reading must give the same one.
    static func gauge(_ message: String) -> Gauge? {
        Array(message.utf8).withUnsafeBufferPointer { bytes -> Gauge? in
            let at = Timestamp(millis: 1_774_184_002_000)
            let readings = [MessageReader.read(bytes, at: at), MessageReader.read(bytes, at: at, routineKeys: RoutineLine.Keys()),
                            MessageReader.readInFull(bytes, at: at)]
            var gauges: [Gauge?] = []
            for content in readings {
                guard case .app(let line) = content else {
                    Issue.record("not kept: \(content) for \(message)")
                    return nil
                }
                gauges.append(line.gauge)
            }
            #expect(gauges.allSatisfy { $0 == gauges[0] }, "\(message): \(gauges)")
            return gauges[0]
        }
    }

    @Test func aHeapReadingIsAMemoryGaugeWithItsFields() throws {
        let gauge = try #require(Self.gauge(Self.heapLine))
        #expect(gauge.kind == .memory)
        #expect(gauge.fields == ["heap_mb": 900, "limit_mb": 1024])
        // At the top level too, as some loggers flatten their fields.
        let flat = try #require(Self.gauge(#"{"level":"info","msg":"memory","heap_mb":1000.5,"limit_mb":1024}"#))
        #expect(flat.kind == .memory)
        #expect(flat.fields == ["heap_mb": 1000.5, "limit_mb": 1024])
    }

    @Test func aHeapReadingIsNotARoutineLineEvenAfterARoutineLineWithTheSameKeys() {
        let routine = #"{"level":"INFO","fields":{"message":"memory","rss_kb":900,"limit_mb":1024}}"#
        for line in [Self.heapLine, #"{"level":"INFO","heap_mb":900,"limit_mb":1024}"#] {
            let recognised = Array(line.utf8).withUnsafeBufferPointer { bytes in
                let scanner = JSONScanner(bytes)
                return RoutineLine.recognises(scanner, objectAt: 0)
            }
            #expect(!recognised, "\(line)")
        }
        // With the memo: the same keys but one, in the same places, as a service logs them line after line.
        RoutineLineTests.read([routine, Self.heapLine, routine, #"{"level":"INFO","heap_mb":900,"limit_mb":1024}"#],
                              expected: [true, false, true, false])
    }

    /// Stored as the kept app line it is, message and all: the analysis reads its fields from there.
    @Test func aHeapReadingIsStoredAsItsAppLine() throws {
        let f = try IngestFixture()
        let file = f.folder.appendingPathComponent("node.jsonl")
        let message = String(decoding: try JSONEncoder().encode(Self.heapLine), as: UTF8.self)
        try Data(#"{"timestamp":1774184002000,"logGroup":"/ecs/node-api","logStream":"ecs/app/4b1f0c2e9a7d4e0f8d1c2b3a4f5e6d7c","message":\#(message)}"#.utf8)
            .write(to: file)
        let s = try Ingestor(database: f.database).ingest([file.path])
        #expect(s.problems.isEmpty, "\(s.problems)")
        let rows = try f.database.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT kind, level, text, task_id, at_ms, message FROM event")
        }
        #expect(rows.count == 1)
        #expect(rows.first?["kind"] as String? == "app" && rows.first?["level"] as String? == "info")
        #expect(rows.first?["text"] as String? == "memory")
        #expect(rows.first?["task_id"] as String? == "4b1f0c2e9a7d4e0f8d1c2b3a4f5e6d7c")
        #expect(rows.first?["at_ms"] as Int64? == 1_774_184_002_000)
        #expect(rows.first?["message"] as String? == Self.heapLine)
    }
}
