import Foundation
import GRDB
import Testing
@testable import Replay

/// Probes come out of the store by time, then by row, whether the table or the index is read.
@Suite struct ProbeLoadingTests {
    /// A database whose probes were stored out of time order, several at the same millisecond.
    static func database() throws -> ReplayDatabase {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("replay-probes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let database = try ReplayDatabase(path: folder.appendingPathComponent("t.sqlite").path)
        let times: [Int64] = [5_000, 1_000, 9_000, 1_000, 3_000, 9_000, 7_000, 1_000, 2_000, 8_000].map { 1_774_137_600_000 + $0 * 1000 }
        try database.queue.write { db in
            for (i, at) in times.enumerated() {
                let id = Int64(100 - i * 7)  // row ids not in time order either
                try db.execute(sql: """
                    INSERT INTO event (id, content_key, at_ms, kind, text, message) VALUES (?, ?, ?, 'probe', '', ?)
                    """, arguments: [id, id, at, "probe \(i)"])
                try db.execute(sql: """
                    INSERT INTO probe_result (event_rowid, check_name, url, path, status, at_ms) VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [id, i % 2 == 0 ? "health" : "graphql_exposure", "https://x.example.com/p\(i)", "/p\(i)", 200 + i, at])
            }
        }
        return database
    }

    /// The order the index gives: `ORDER BY at_ms, event_rowid`.
    static func expected(_ database: ReplayDatabase, from: Int64, to: Int64) throws -> [String] {
        try database.queue.read { db in
            try String.fetchAll(db, sql: "SELECT path FROM probe_result WHERE at_ms BETWEEN ? AND ? ORDER BY at_ms, event_rowid",
                                arguments: [from, to])
        }
    }

    @Test func aWindowCoveringEveryProbeReadsTheTableAndSortsIt() throws {
        let database = try Self.database()
        let probes = try database.queue.read { try TimelineSource.loadProbes($0, from: nil, to: nil) }
        #expect(probes.map { $0.path ?? "" } == (try Self.expected(database, from: .min, to: .max)))
        #expect(probes.count == 10)
        #expect(probes.map(\.at) == probes.map(\.at).sorted())
    }

    @Test func aNarrowerWindowReadsTheSameOrderThroughTheIndex() throws {
        let database = try Self.database()
        let from = Timestamp(millis: 1_774_137_600_000 + 6_000_000), to = Timestamp(millis: 1_774_137_600_000 + 6_500_000)
        let probes = try database.queue.read { try TimelineSource.loadProbes($0, from: from, to: to) }
        let expected = try Self.expected(database, from: from.millis - 3_600_000, to: to.millis + 3_600_000)
        #expect(probes.map { $0.path ?? "" } == expected)
        #expect(expected.count > 0 && expected.count < 10)
    }

    @Test func noProbesAtAllIsAnEmptyList() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("replay-probes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let database = try ReplayDatabase(path: folder.appendingPathComponent("t.sqlite").path)
        #expect(try database.queue.read { try TimelineSource.loadProbes($0, from: nil, to: nil) }.isEmpty)
    }
}
