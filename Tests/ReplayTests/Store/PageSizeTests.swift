import Foundation
import GRDB
import Testing
@testable import Replay

/// New database files get `ReplayDatabase.pageSize`; files made before keep theirs.
@Suite struct PageSizeTests {
    static func pageSize(_ database: ReplayDatabase) throws -> Int {
        try database.queue.read { try Int.fetchOne($0, sql: "PRAGMA page_size") ?? 0 }
    }

    @Test func aNewDatabaseHasTheLargerPages() throws {
        let f = try IngestFixture()
        #expect(try Self.pageSize(f.database) == ReplayDatabase.pageSize)
        #expect(ReplayDatabase.pageSize != 4096)
    }

    @Test func aDatabaseMadeWithSQLitesDefaultKeepsItsPagesAndItsRows() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("replay-pages-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("old.sqlite").path
        let first = try ReplayDatabase(path: path)
        try first.queue.writeWithoutTransaction { db in
            // As a database made before the change: rebuilt with 4096-byte pages.
            try db.execute(sql: "PRAGMA journal_mode = DELETE")
            try db.execute(sql: "PRAGMA page_size = 4096")
            try db.execute(sql: "VACUUM")
            try db.execute(sql: "INSERT INTO ingested_file (path, size, content_hash, state, updated_at) VALUES ('a', 1, 2, 'complete', 'now')")
        }
        #expect(try Self.pageSize(first) == 4096)
        let reopened = try ReplayDatabase(path: path)
        #expect(try Self.pageSize(reopened) == 4096)
        #expect(try reopened.queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM ingested_file") } == 1)
    }
}
