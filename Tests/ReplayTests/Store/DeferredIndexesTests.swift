import Foundation
import GRDB
import Testing
@testable import Replay

/// A big load drops the secondary indexes and builds them again exactly as the migrations made them.
@Suite struct DeferredIndexesTests {
    /// `name -> sql` of every index SQLite knows, as `sqlite_master` spells it.
    static func indexes(_ database: ReplayDatabase) throws -> [String: String] {
        try database.queue.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
            return Dictionary(uniqueKeysWithValues: rows.map { ($0["name"] as String, $0["sql"] as String) })
        }
    }

    @Test func theDeferredListNamesEverySecondaryIndexOfTheMigrationsAndNoUniqueOne() throws {
        let f = try IngestFixture()
        let made = try Self.indexes(f.database)
        for index in DeferredIndexes.all {
            #expect(made[index.name] == "CREATE INDEX \(index.name) ON \(index.on)", "\(index.name) differs from its migration")
        }
        #expect(made["event_time_key"] == "CREATE UNIQUE INDEX event_time_key ON event(at_ms, content_key)")
        #expect(made["event_content_key"] == nil)
        #expect(!DeferredIndexes.all.contains { $0.name == "event_time_key" || $0.name == "event_event_id" })
    }

    @Test func droppedIndexesComeBackAsTheyWere() throws {
        let f = try IngestFixture()
        let before = try Self.indexes(f.database)
        try f.database.queue.write { try DeferredIndexes.drop($0) }
        let dropped = try Self.indexes(f.database)
        #expect(dropped.count == before.count - DeferredIndexes.all.count)
        try f.database.queue.write { try DeferredIndexes.restore($0) }
        let after = try Self.indexes(f.database)
        #expect(after.mapValues { $0.replacingOccurrences(of: "IF NOT EXISTS ", with: "") } == before)
    }

    @Test func anIngestAfterAKilledBigLoadRestoresTheMissingIndexes() throws {
        let f = try IngestFixture()
        try f.database.queue.write { try DeferredIndexes.drop($0) }  // as a run killed mid-load leaves it
        _ = try f.ingest(["shapes/a-json-lines.jsonl"])
        let names = Set(try Self.indexes(f.database).keys)
        #expect(DeferredIndexes.all.allSatisfy { names.contains($0.name) })
    }

    @Test func onlyALoadBiggerThanWhatIsStoredDefersIndexes() {
        // ~1 KB of gzip per stored event: 100 MB is about 100 000 events.
        #expect(DeferredIndexes.shouldDefer(inputBytes: 100 << 20, storedEvents: 0))
        #expect(DeferredIndexes.shouldDefer(inputBytes: 100 << 20, storedEvents: 50_000))
        #expect(!DeferredIndexes.shouldDefer(inputBytes: 100 << 20, storedEvents: 500_000))
        // small loads never do: building the indexes again would cost more than it saves
        #expect(!DeferredIndexes.shouldDefer(inputBytes: 2 << 20, storedEvents: 0))
    }
}
